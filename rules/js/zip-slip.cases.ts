import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: 'entry names of an archive read whole (unzipper.Open, JSZip)',
      code: `const unzipper = require('unzipper');
const JSZip = require('jszip');
async function extract(file, buf) {
  const directory = await unzipper.Open.file(file);
  for (const entry of directory.files) {
    entry.stream().pipe(fs.createWriteStream(path.join(DEST, entry.path))); // vigil-expect
  }
  const zip = await JSZip.loadAsync(buf);
  for (const [name, f] of Object.entries(zip.files)) {
    await fs.promises.writeFile(path.join(DEST, name), await f.async('nodebuffer')); // vigil-expect
  }
}`,
    },
    {
      name: 'tar-stream entry header name written as is',
      code: `const tar = require('tar-stream');
const fs = require('fs');
const extract = tar.extract();
extract.on('entry', (header, stream, next) => {
  stream.pipe(fs.createWriteStream(header.name)); // vigil-expect
  stream.on('end', next);
});`,
    },
    {
      name: 'unzipper entry path',
      code: `import fs from 'fs';
import path from 'path';
fs.createReadStream('upload.zip').pipe(unzipper.Parse()).on('entry', (entry) => {
  entry.pipe(fs.createWriteStream(path.join('/tmp/out', entry.path))); // vigil-expect
});`,
    },
    {
      name: 'adm-zip entries',
      code: `const fs = require('fs');
for (const e of zip.getEntries()) {
  fs.writeFileSync('/srv/extract/' + e.entryName, e.getData()); // vigil-expect
}`,
    },
    {
      name: 'tar-stream header name',
      code: `import { writeFile } from 'node:fs/promises';
extract.on('entry', async (header, stream, next) => {
  await writeFile(\`out/\${header.fileName}\`, ''); // vigil-expect
});`,
    },
  ],
  valid: [
    {
      name: 'resolved and checked against the destination',
      code: `import fs from 'fs';
import path from 'path';
const dest = '/tmp/out';
stream.on('entry', (entry) => {
  const target = path.resolve(dest, entry.path);
  if (!target.startsWith(dest + path.sep)) return entry.autodrain();
  entry.pipe(fs.createWriteStream(target));
});`,
    },
    {
      name: 'basename only',
      code: `import fs from 'fs';
import path from 'path';
stream.on('entry', (entry) => { entry.pipe(fs.createWriteStream(path.join('/tmp', path.basename(entry.path)))); });`,
    },
    {
      name: 'entry name only logged',
      code: `stream.on('entry', (entry) => { names.push(entry.path); });`,
    },
    {
      name: 'fixed output name',
      code: `import fs from 'fs'; stream.on('entry', (entry) => { entry.pipe(fs.createWriteStream('/tmp/single.bin')); });`,
    },
  ],
} satisfies RuleCases;
