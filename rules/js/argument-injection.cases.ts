import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'a regex group of digits or word characters, or a word left by a strip, cannot start with a dash',
      code: `const { execFile } = require('child_process');
app.get('/log', (req, res) => {
  const m = req.query.ref.match(/^refs\\/heads\\/(\\w+)$/);
  if (m) execFile('git', ['log', m[1]], (e, out) => res.send(out));
  const n = /^(\\d+)$/.exec(req.query.n);
  if (n) execFile('git', ['show', n[1]], (e, out) => res.send(out));
  execFile('git', ['log', req.query.b.replace(/[^a-z0-9_]/gi, '')], (e, out) => res.send(out));
});`,
    },
    {
      name: 'values after an end-of-options element',
      code: `const { execFile, spawn } = require('child_process');
app.get('/history', (req, res) => {
  execFile('git', ['log', '--oneline', '--', req.query.path], (err, out) => res.send(out));
  spawn('git', ['grep', '-n', '--end-of-options', req.query.pattern, 'HEAD']);
  spawn('rsync', ['-a', '--', req.query.src, '/backup/']);
});`,
    },
    {
      name: 'the value of an option that takes the next element, or text after a fixed option and its =',
      code: `const { execFileSync, spawn } = require('child_process');
app.post('/publish', (req, res) => {
  execFileSync('git', ['-C', req.body.workdir, 'status', '--short']);
  execFileSync('git', ['commit', '--author', req.body.author, '-m', req.body.message]);
  execFileSync('git', ['stash', 'push', '--message', req.body.note]);
  execFileSync('git', ['clone', '--branch=' + req.body.branch, \`--depth=\${req.body.depth}\`, 'https://example.com/site.git']);
  execFileSync('git', ['checkout', 'refs/heads/' + req.body.branch]);
  spawn('find', ['/srv/uploads', '-name', req.body.glob]);
  res.end();
});`,
    },
    {
      name: 'a value starting with a dash rejected first',
      code: `const { spawn } = require('child_process');
app.get('/show', (req, res) => {
  const ref = req.query.ref;
  if (ref.startsWith('-')) return res.sendStatus(400);
  spawn('git', ['show', ref]);
});
app.get('/blame', (req, res) => {
  if (/^-/.test(req.query.file)) throw new Error('bad file');
  spawn('git', ['blame', req.query.file]);
});
app.get('/fetch', (req, res) => {
  if (req.query.remote[0] !== '-') spawn('git', ['fetch', req.query.remote]);
  if (req.query.url.charAt(0) === '-') return res.end();
  spawn('curl', ['-s', req.query.url]);
});`,
    },
    {
      name: 'a value shown to start with fixed text that is no option',
      code: `const { execFile } = require('child_process');
app.post('/mirror', (req, res) => {
  const source = String(req.body.source);
  if (!(source.startsWith('ssh://') || source.startsWith('https://'))) throw new Error('unsupported');
  execFile('git', ['clone', '--mirror', source, '/srv/mirror']);
  if (req.body.host.startsWith('backup')) execFile('rsync', ['-a', '/srv/data/', req.body.host]);
  res.end();
});`,
    },
    {
      name: 'the arguments of a node script, passed after it by concat',
      code: `const { execFileSync } = require('child_process');
const path = require('path');
const forwarded = process.argv.slice(2);
const worker = path.join(__dirname, 'worker.js');
execFileSync(process.execPath, [worker].concat(forwarded), { stdio: 'inherit' });
execFileSync('node', ['--enable-source-maps', worker].concat(['--batch'], forwarded));`,
    },
    {
      name: 'numbers and allow-listed values',
      code: `const { execFile } = require('child_process');
const REMOTES = ['origin', 'upstream'];
app.get('/recent', (req, res) => {
  execFile('git', ['log', '-n', String(Number(req.query.count)), 'HEAD~' + parseInt(req.query.skip, 10)]);
  if (REMOTES.includes(req.query.remote)) execFile('git', ['fetch', req.query.remote]);
});`,
    },
    {
      name: 'a shell runs it: js/command-injection reports it',
      code: `const { execFile, spawn } = require('child_process');
app.get('/run', (req, res) => {
  execFile('git', ['log', req.query.range], { shell: true });
  spawn('sh', ['-c', 'git fetch ' + req.query.remote]);
});`,
    },
    {
      name: 'arrays the code proves, and helpers given values after --',
      code: `const { execFileSync } = require('child_process');
const path = require('path');
function git(args) {
  return execFileSync('git', args, { encoding: 'utf8' });
}
app.get('/file', (req, res) => {
  const args = ['blame', '--porcelain', '--', req.query.file];
  execFileSync('git', args);
  res.send(git(['show', \`HEAD:\${req.query.file}\`]));
  res.send(git(['log', '--', req.query.file]));
  execFileSync('git', ['init', path.join('/srv/repos', req.query.name), path.resolve(req.query.name)]);
});`,
    },
    {
      name: 'a program with no dangerous options, and the arguments of a node script',
      code: `const { spawn } = require('child_process');
app.get('/echo', (req, res) => {
  spawn('echo', [req.query.text]);
  spawn('node', ['scripts/report.js', req.query.month]);
});`,
    },
    {
      name: 'simple-git: values after -- or -m, and a new branch name after -b',
      code: `import { simpleGit } from 'simple-git';
const git = simpleGit('/srv/site');
app.post('/save', async (req, res) => {
  await git.raw(['log', '--', req.body.file]);
  await git.raw('diff', '--end-of-options', req.body.rev);
  await git.checkout(['-b', req.body.branch]);
  await git.commit(req.body.message);
  res.end();
});`,
    },
  ],
  invalid: [
    {
      name: 'a regex group whose class allows a dash',
      code: `const { execFile } = require('child_process');
app.get('/log', (req, res) => {
  const m = req.query.ref.match(/^([\\w-]+)$/);
  if (m) execFile('git', ['log', m[1]], (e, out) => res.send(out)); // vigil-expect
});`,
    },
    {
      name: 'a repository URL or a revision where git reads options',
      code: `const { execFile, spawn } = require('child_process');
app.post('/mirror', (req, res) => {
  spawn('git', ['clone', req.body.url, '/srv/mirror']); // vigil-expect
  execFile('git', ['ls-remote', req.body.url], (e, out) => res.send(out)); // vigil-expect
  execFile('git', ['log', '-m', req.body.rev]); // vigil-expect
  execFile('git', ['diff', '-C', req.body.rev]); // vigil-expect
});`,
    },
    {
      name: 'ssh, curl, wget, find and node given a leading value',
      code: `const { spawn, execFileSync } = require('child_process');
const spawnSafe = require('cross-spawn');
app.get('/tools', (req, res) => {
  spawn('ssh', [req.query.host, 'uptime']); // vigil-expect
  execFileSync('/usr/bin/curl', ['-s', req.query.url]); // vigil-expect
  spawnSafe.sync('wget', ['-q', req.query.url]); // vigil-expect
  spawn('find', ['/srv/uploads', '--', req.query.name]); // vigil-expect
  spawn('node', [req.query.script]); // vigil-expect
  spawn('curl', ['-' + req.query.flags, 'https://example.com/']); // vigil-expect
});`,
    },
    {
      name: 'a helper running git with its argument array, and a helper given one value',
      code: `const { execFileSync } = require('child_process');
function git(args) {
  return execFileSync('git', args, { encoding: 'utf8' }); // vigil-expect
}
function fetchFrom(remote) {
  return execFileSync('git', ['fetch', remote]); // vigil-expect
}
app.get('/sync', (req, res) => {
  git(['fetch', req.query.remote]);
  fetchFrom(req.query.remote);
  fetchFrom('origin/' + req.query.branch);
  res.end();
});`,
    },
    {
      name: 'a check for -- lets -o through; an array built by pushes; a guard of another field',
      code: `const { spawn } = require('child_process');
app.get('/show', (req, res) => {
  if (req.query.ref.startsWith('--')) return res.sendStatus(400);
  spawn('git', ['show', req.query.ref]); // vigil-expect
  const args = ['fetch'];
  args.push(req.query.remote);
  spawn('git', args); // vigil-expect
  if (req.query.a.startsWith('-')) return res.end();
  spawn('rsync', ['-a', req.query.b, '/backup/']); // vigil-expect
});`,
    },
    {
      name: 'a prefix check on one side of an or, and values concatenated before the script',
      code: `const { execFile, execFileSync } = require('child_process');
app.post('/mirror', (req, res) => {
  const source = String(req.body.source);
  if (source.startsWith('https://') || source.length < 200) {
    execFile('git', ['clone', source, '/srv/mirror']); // vigil-expect
  }
  if (source.startsWith('-')) execFile('git', ['clone', source]); // vigil-expect
  res.end();
});
const opts = process.argv.slice(2);
execFileSync('node', ['--no-warnings'].concat(opts, ['worker.js'])); // vigil-expect`,
    },
    {
      name: 'simple-git methods that pass values to git as they are',
      code: `import { simpleGit } from 'simple-git';
const git = simpleGit('/srv/site');
app.post('/sync', async (req, res) => {
  await git.fetch(req.body.remote, req.body.branch); // vigil-expect
  await git.raw(['ls-remote', req.body.url]); // vigil-expect
  await git.raw('log', req.body.range); // vigil-expect
  await git.checkout(req.body.ref); // vigil-expect
  await git.commit('update', [req.body.file]); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'a command-line argument',
      code: `import { execFileSync } from 'node:child_process';
const [, , repo] = process.argv;
execFileSync('git', ['clone', repo]); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
