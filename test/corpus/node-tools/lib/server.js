const http = require('http');
const { loadPlugin, loadBuiltin } = require('./plugins');

http
  .createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const plugin = loadPlugin(url.searchParams.get('plugin')); // vuln: js/tainted-require
    const builtin = loadBuiltin(url.searchParams.get('format')); // safe: js/tainted-require
    res.end(JSON.stringify({ plugin: Boolean(plugin), builtin: Boolean(builtin) }));
  })
  .listen(8080, '127.0.0.1');
