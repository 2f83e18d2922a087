import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'a folder made when missing, and a file deleted when present',
      code: `import fs from 'node:fs';
export function prepare(dir: string, stale: string) {
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(stale)) fs.unlinkSync(stale);
  if (fs.existsSync(stale + '.old')) fs.renameSync(stale + '.old', stale + '.bak');
}`,
    },
    {
      name: 'a configuration read after an existence check',
      code: `const fs = require('fs');
function loadSettings(file) {
  if (!fs.existsSync(file)) return {};
  const fd = fs.openSync(file);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}`,
    },
    {
      name: 'an exclusive create after the check, and opening for reading',
      code: `import { existsSync, writeFileSync, openSync, constants } from 'fs';
export function lock(file: string) {
  if (existsSync(file)) return false;
  writeFileSync(file, String(process.pid), { flag: 'wx' });
  openSync(file, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY);
  openSync(file, 'r');
  return true;
}`,
    },
    {
      name: 'another path written, and the same name checked in another function',
      code: `import fs from 'fs';
function exists(p) {
  return fs.existsSync(p);
}
function save(p, data) {
  fs.writeFileSync(p, data);
}
function backup(src, dst) {
  if (fs.existsSync(src)) fs.writeFileSync(dst, fs.readFileSync(src));
}`,
    },
    {
      name: 'a write before the check, and a handler declared apart',
      code: `const fs = require('fs');
function report(out, data) {
  fs.writeFileSync(out, data);
  if (!fs.existsSync(out)) throw new Error('not written');
  const onDone = function (out) {
    fs.appendFileSync(out, 'done');
  };
  return onDone;
}`,
    },
    {
      name: 'the check picks a value or falls through: the later write runs anyway',
      code: `const fs = require('fs');
function bump(manifest, out) {
  const data = fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, 'utf8')) : {};
  data.version += 1;
  fs.writeFileSync(manifest, JSON.stringify(data));
  if (fs.existsSync(out)) fs.unlinkSync(out);
  fs.writeFileSync(out, 'fresh');
}`,
    },
    {
      name: 'a check in one branch, the write in the other',
      code: `const fs = require('fs');
function openLog(target, known) {
  if (known) {
    const st = fs.statSync(target);
    return st.size;
  } else {
    return fs.createWriteStream(target, { flags: 'a' });
  }
}`,
    },
    {
      name: 'local functions named like fs calls',
      code: `const store = { existsSync: (k) => k in cache, writeFileSync: (k, v) => (cache[k] = v) };
function put(key, value) {
  if (!store.existsSync(key)) store.writeFileSync(key, value);
}`,
    },
  ],
  invalid: [
    {
      name: 'existence check, then create the file by name',
      code: `import fs from 'node:fs';
export function initConfig(file: string, defaults: object) {
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, JSON.stringify(defaults)); // vigil-expect
  }
}
export function once(marker: string) {
  if (fs.existsSync(marker)) return false;
  fs.writeFileSync(marker, ''); // vigil-expect
  return true;
}`,
    },
    {
      name: 'a shared temp path checked with stat, then opened for writing',
      code: `const fs = require('fs');
const os = require('os');
const path = require('path');
function spool(job) {
  const target = path.join(os.tmpdir(), job.name);
  try {
    fs.statSync(target);
    return;
  } catch {}
  const fd = fs.openSync(target, 'w'); // vigil-expect
  fs.writeSync(fd, job.body);
}`,
    },
    {
      name: 'a promise chain: the write in the handler of the check',
      code: `const fsp = require('fs/promises');
function claim(lockFile) {
  return fsp
    .access(lockFile)
    .then(() => false)
    .catch(() => fsp.writeFile(lockFile, 'mine').then(() => true)); // vigil-expect
}`,
    },
    {
      name: 'callback forms: access, then write inside its callback',
      code: `const fs = require('fs');
function touch(logFile, line) {
  fs.access(logFile, fs.constants.W_OK, (err) => {
    if (err) return;
    fs.appendFile(logFile, line, () => {}); // vigil-expect
  });
}`,
    },
    {
      name: 'promise forms, the same expression twice, and chmod after lstat',
      code: `import { promises as fsp } from 'fs';
import path from 'path';
export async function publish(root: string, name: string, body: string) {
  const st = await fsp.lstat(path.join(root, name));
  if (st.isSymbolicLink()) throw new Error('link');
  await fsp.writeFile(path.join(root, name), body); // vigil-expect
  await fsp.chmod(path.join(root, name), 0o644); // vigil-expect
}`,
    },
    {
      name: 'fs/promises access, then a stream and a copy onto the path',
      code: `import { access, copyFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
export async function save(dest: string, src: string) {
  try {
    await access(dest);
    throw new Error('exists');
  } catch {}
  await copyFile(src, dest); // vigil-expect
  return createWriteStream(dest); // vigil-expect
}`,
    },
  ],
} satisfies RuleCases;
