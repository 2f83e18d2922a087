const path = require('path');

const BUILTIN = { csv: () => require('./formats/csv'), json: () => require('./formats/json') };

exports.loadPlugin = function loadPlugin(name) {
  return require(path.join(__dirname, 'plugins', name)); // vuln: js/tainted-require (a helper's sink: the flow from lib/server.js stands here)
};

exports.loadBuiltin = function loadBuiltin(name) {
  const loader = BUILTIN[name];
  return loader ? loader() : undefined;
};
