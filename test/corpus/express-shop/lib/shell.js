const cp = require('node:child_process');

exports.thumbnail = function thumbnail(file) {
  return cp.execSync(`convert ${file} -resize 64x64 thumb.png`); // vuln: js/command-injection (a helper's sink: the flow from routes/products.js stands here)
};

exports.diskUsage = function diskUsage() {
  return cp.execSync('du -sh /srv/uploads');
};

// tar reads a name starting with - as an option (--use-compress-program=<command>).
exports.archive = (name) => cp.execFile('tar', ['-czf', '/tmp/out.tgz', name]); // vuln: js/argument-injection (a helper's sink)

exports.archiveNamed = (name) => cp.execFile('tar', ['-czf', '/tmp/out.tgz', '--', name]); // safe: js/argument-injection
