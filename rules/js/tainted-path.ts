import { defineTaintRule } from '../../src/sast/taint/rule.ts';

const FS_PATH = [
  'readFile',
  'readFileSync',
  'writeFile',
  'writeFileSync',
  'appendFile',
  'appendFileSync',
  'createReadStream',
  'createWriteStream',
  'unlink',
  'unlinkSync',
  'rm',
  'rmSync',
  'rmdir',
  'rmdirSync',
  'readdir',
  'readdirSync',
  'open',
  'openSync',
  'stat',
  'statSync',
  'access',
  'accessSync',
  'copyFile',
  'copyFileSync',
  'rename',
  'renameSync',
  'mkdir',
  'mkdirSync',
  'exists',
  'existsSync',
  'lstat',
  'realpath',
].flatMap((m) => [`fs.${m}`, `fs.promises.${m}`, `fs-extra.${m}`, `fs-extra.outputFile`, `fs-extra.remove`]);

export default defineTaintRule(
  {
    id: 'js/tainted-path',
    kind: 'sast',
    title: 'Path traversal: untrusted data chooses a file path',
    severity: 'high',
    cwe: ['CWE-22'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      'A file name from the request reaches `fs` or `res.sendFile`/`res.download`; `../../etc/passwd` ' +
      'or an absolute path escapes the intended folder. Keep only the base name, or resolve the path ' +
      'and check it stays inside the root: `const p = path.resolve(ROOT, name); if (!p.startsWith(ROOT + path.sep)) ' +
      'return res.sendStatus(403);` — or let Express do it: `res.sendFile(name, { root: ROOT })`.',
    fixHint: 'Use path.basename, or resolve against a root and check the result starts with it.',
  },
  {
    // Not `cli`: a command-line tool opening the file its user names is doing its job.
    sources: ['remote', 'dom', 'storage', 'library'],
    sinks: [
      { call: FS_PATH, args: [0], label: 'a file system path' },
      {
        call: [
          'fs.copyFile',
          'fs.copyFileSync',
          'fs.rename',
          'fs.renameSync',
          'fs.promises.copyFile',
          'fs.promises.rename',
        ],
        args: [1],
        label: 'a file system path',
      },
      {
        call: ['@Response.sendFile', '@Response.download', '@Reply.sendFile'],
        args: [0],
        when: [{ arg: 1, key: 'root', present: false }],
        label: 'a file sent to the client',
      },
      { call: ['@Response.render'], args: [0], label: 'the template file to render' },
      {
        // res.render(view, req.body): the whole request object becomes the render options, so the
        // client picks `layout`, `settings` and engine options, which name files to include.
        call: ['@Response.render'],
        args: [1],
        wholeObject: true,
        label: 'render options (layout, settings) taken from the request',
      },
    ],
    sanitisedBy: ['numeric', 'path'],
    guards: ['allow', 'prefix', 'deny-dotdot'],
  },
);
