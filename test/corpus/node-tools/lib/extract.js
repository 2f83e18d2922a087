const fs = require('fs');
const path = require('path');
const unzipper = require('unzipper');
const AdmZip = require('adm-zip');

function extractUnsafe(archive, dest) {
  fs.createReadStream(archive)
    .pipe(unzipper.Parse())
    .on('entry', (entry) => {
      entry.pipe(fs.createWriteStream(path.join(dest, entry.path))); // vuln: js/zip-slip
    });
}

function extractSafe(archive, dest) {
  const root = path.resolve(dest);
  fs.createReadStream(archive)
    .pipe(unzipper.Parse())
    .on('entry', (entry) => {
      const target = path.resolve(root, entry.path);
      if (!target.startsWith(root + path.sep)) return entry.autodrain();
      entry.pipe(fs.createWriteStream(target)); // safe: js/zip-slip
    });
}

function extractZip(file, dest) {
  const zip = new AdmZip(file);
  for (const e of zip.getEntries()) {
    fs.writeFileSync(dest + '/' + e.entryName, e.getData()); // vuln: js/zip-slip
    fs.writeFileSync(path.join(dest, path.basename(e.entryName)), e.getData()); // safe: js/zip-slip
  }
}

module.exports = { extractUnsafe, extractSafe, extractZip };
