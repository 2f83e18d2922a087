import { defineTaintRule } from '../../src/sast/taint/rule.ts';

const WRITES = [
  'createWriteStream',
  'writeFile',
  'writeFileSync',
  'mkdir',
  'mkdirSync',
  'outputFile',
  'outputFileSync',
  'symlink',
  'symlinkSync',
  'rename',
  'renameSync',
].flatMap((m) => [`fs.${m}`, `fs.promises.${m}`, `fs-extra.${m}`]);

export default defineTaintRule(
  {
    id: 'js/zip-slip',
    kind: 'sast',
    title: 'Zip Slip: an archive entry name chooses where a file is written',
    severity: 'high',
    cwe: ['CWE-22'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      'Entry names inside zip and tar archives are attacker-controlled. Writing `entry.path` (unzipper, ' +
      'tar-stream) or `entry.entryName` (adm-zip) under the output folder lets `../../.ssh/authorized_keys` ' +
      'escape it. Resolve the target and check it stays inside the destination: ' +
      '`const out = path.resolve(dest, entry.path); if (!out.startsWith(dest + path.sep)) throw …;`',
    fixHint: 'Resolve each entry path against the destination and refuse anything outside it.',
  },
  {
    sources: ['archive'],
    sinks: [{ call: WRITES, args: [0], label: 'a file written from an archive' }],
    sanitisedBy: ['path', 'numeric'],
    guards: ['prefix', 'deny-dotdot', 'allow', 'lookup'],
  },
);
