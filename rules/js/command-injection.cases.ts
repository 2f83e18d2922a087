import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'an encoded constant decoded (js/hardcoded-data-interpreted-as-code reports it)',
      code: `const { exec } = require('child_process');
exec(Buffer.from('6c73202d6c61202f746d702f6361636865', 'hex').toString());`,
    },
    {
      name: 'a part of a regex match that holds only digits or word characters',
      code: `const cp = require('child_process');
const ID = /^(\\d+)$/;
app.get('/job', (req, res) => {
  const m = /^job-(\\d+)$/.exec(req.query.job);
  if (m) cp.exec('kill ' + m[1]);
  const n = req.query.pid.match(ID);
  if (n) cp.exec('kill ' + n[0]);
  const [, id] = req.query.ref.match(/^(\\w+)\\/(.*)$/) ?? [];
  cp.exec('git show ' + id);
  const g = req.query.tag.match(/^v(?<major>\\d+)\\.(?<minor>\\d+)/);
  cp.exec('make release-' + g?.groups.major);
  cp.exec('make minor-' + g?.[2]);
});`,
    },
    {
      name: 'checked by an anchored match, stripped to a class, or chosen by a switch',
      code: `const cp = require('child_process');
app.get('/run', (req, res) => {
  if (!req.query.branch.match(/^[\\w.-]+$/)) return res.sendStatus(400);
  cp.exec('git checkout ' + req.query.branch);
  const tag = req.query.tag.replace(/[^a-z0-9._-]/gi, '');
  cp.exec('git tag ' + tag);
  switch (req.query.target) {
    case 'test':
    case 'lint':
      cp.exec('npm run ' + req.query.target);
      break;
    default:
      res.sendStatus(404);
  }
});`,
    },
    {
      name: 'a shell running a script file with an argument',
      code: `const { spawn } = require('child_process');
app.post('/run', (req, res) => {
  spawn('bash', ['./scripts/greet.sh', '--', String(req.body.count | 0)]);
  spawn('git', ['-c', 'core.quotepath=off', 'status']);
  res.end();
});`,
    },
    {
      name: 'constant command',
      code: `import { exec } from 'child_process';\nexec('git status', () => {});`,
    },
    {
      name: 'constant through a binding',
      code: `const cp = require('child_process');\nconst CMD = 'ls -la ' + '/tmp';\ncp.execSync(CMD);`,
    },
    {
      name: 'no shell: arguments are not parsed',
      code: `import { execFile, spawn } from 'node:child_process';\nexecFile('git', ['log', file]);\nspawn('convert', [input, output], { shell: false });`,
    },
    { name: 'local function named exec', code: `function exec(q: string) { return q; }\nexec(userInput);` },
    { name: 'RegExp exec', code: `const re = /a(b)/;\nre.exec(userInput);` },
    {
      name: 'shell with constant command and arguments',
      code: `import cp from 'child_process';\ncp.spawn('npm', ['run', 'build'], { shell: true });`,
    },
    {
      name: 'numbers only: Number(), parseInt(), Math.*, unary plus',
      code: `import { exec, spawn } from 'child_process';\nexec('kill -9 ' + Number(pid));\nexec(\`renice \${parseInt(level, 10)} -p \${+pid}\`);\nspawn('sleep', ['-s', \`\${Math.max(1, n)}\`], { shell: true });`,
    },
    {
      name: 'words quoted by shell-quote or shell-escape in a shell command line',
      code: `const { exec, execSync } = require('child_process');
const { quote } = require('shell-quote');
const shellEscape = require('shell-escape');
module.exports = function archive(dir, name, done) {
  exec('tar -czf ' + quote([name + '.tgz']) + ' -C ' + quote([dir]) + ' . | wc -c', done);
  execSync(\`du -sh \${shellEscape([dir])}\`);
};`,
    },
    { name: 'constant command through require()', code: `require('child_process').exec('ls -la');` },
    {
      name: 'execFile with an argument array and no shell',
      code: `const { execFile } = require('child_process');
app.get('/log', (req, res) => { execFile('git', ['log', '--', req.query.file]); });`,
    },
    {
      name: 'numeric conversion',
      code: `const { exec } = require('child_process');
app.get('/kill', (req, res) => { exec('kill ' + parseInt(req.query.pid, 10)); });`,
    },
    {
      name: 'allow-list check in the guarding if',
      code: `const { exec } = require('child_process');
const TOOLS = ['uptime', 'df'];
app.get('/run', (req, res) => {
  const tool = req.query.tool;
  if (!TOOLS.includes(tool)) return res.status(400).end();
  exec(tool);
});`,
    },
    {
      name: 'a local function called exec is not child_process',
      code: `function exec(sql: string) { return sql.length; }
app.get('/q', (req, res) => { exec(req.query.q); });`,
    },
    {
      name: 'lookup in a constant table',
      code: `import { execSync } from 'child_process';
const COMMANDS: Record<string, string> = { disk: 'df -h', load: 'uptime' };
app.get('/stat', (req, res) => { execSync(COMMANDS[req.query.kind] ?? 'true'); });`,
    },
  ],
  invalid: [
    {
      name: 'a part of a regex match that may hold anything',
      code: `const cp = require('child_process');
app.get('/job', (req, res) => {
  const m = /^job-(.+)$/.exec(req.query.job);
  if (m) cp.exec('kill ' + m[1]); // vigil-expect
  const [, , rest] = req.query.ref.match(/^(\\w+)\\/(.*)$/) ?? [];
  cp.exec('git show ' + rest); // vigil-expect
  const [whole] = req.query.ref.match(/^\\w+\\/([^/]+)/) ?? [];
  cp.exec('git show ' + whole); // vigil-expect
  const g = req.query.tag.match(/^v(?<major>\\d+)-(?<note>\\S+)/);
  cp.exec('make release-' + g.groups.note); // vigil-expect
  cp.exec('make ' + g.input); // vigil-expect
});`,
    },
    {
      name: 'a promisified exec, execa with a shell',
      code: `const { exec } = require('child_process');
const { promisify } = require('util');
const { execa } = require('execa');
const run = promisify(exec);
app.get('/ping', async (req, res) => {
  await run('ping -c 1 ' + req.query.host); // vigil-expect
  await execa(\`convert \${req.query.file} out.png\`, { shell: true }); // vigil-expect
});`,
    },
    {
      name: 'a check of another field guards nothing',
      code: `const cp = require('child_process');
app.get('/run', (req, res) => {
  if (!/^[a-z]+$/.test(req.query.user)) return res.sendStatus(400);
  cp.exec('ls ' + req.query.dir); // vigil-expect
  if (req.query.mode === 'fast') cp.exec('run ' + req.query.cmd); // vigil-expect
  const tag = req.query.tag.replace(/[^a-z0-9 ]/gi, '');
  cp.exec('git tag ' + tag + ' ' + req.query.msg); // vigil-expect
  switch (req.query.mode) {
    default:
    case 'x':
      cp.exec('run ' + req.query.mode); // vigil-expect
  }
});`,
    },
    {
      name: 'a socket.io event and a net socket carry the client data',
      code: `const { exec } = require('child_process');
const io = require('socket.io')(3000);
io.on('connection', (socket) => {
  socket.on('convert', (job, ack) => {
    exec('convert ' + job.file, ack); // vigil-expect
  });
  exec('echo ' + socket.handshake.query.room); // vigil-expect
});
require('net').createServer().on('connection', (sock) => {
  sock.on('data', (chunk) => exec(String(chunk))); // vigil-expect
});`,
    },
    {
      name: 'a shell given -c, through child_process and cross-spawn',
      code: `const { spawn } = require('child_process');
const crossSpawn = require('cross-spawn');
app.post('/run', (req, res) => {
  spawn('bash', ['-c', 'echo ' + req.body.msg]); // vigil-expect
  crossSpawn.sync('/bin/sh', ['-c', req.body.cmd]); // vigil-expect
  res.end();
});`,
    },
    {
      name: 'a local function named Number is not the conversion',
      code: `import { exec } from 'child_process';\nconst Number = (s: string) => s;\nexec('kill -9 ' + Number(pid)); // vigil-expect\nexec('kill -9 ' + Number.parseInt(pid)); // vigil-expect`,
    },
    {
      name: 'a number beside text that is not one',
      code: `import { exec } from 'child_process';\nexec(\`renice \${parseInt(level, 10)} -p \${pid}\`); // vigil-expect`,
    },
    {
      name: 'a quoter of another library, or a value beside the quoted word',
      code: `import { exec } from 'child_process';
import { quote } from 'shell-quote';
import { quote as sqlQuote } from './sql';
const { dir, name } = loadArchiveSettings();
exec('tar -czf ' + sqlQuote(name) + ' ' + quote([dir])); // vigil-expect
exec(\`tar -czf \${quote([name])} \${dir}\`); // vigil-expect`,
    },
    {
      name: 'exec with concatenation',
      code: `import { exec } from 'child_process';\nexport function ping(host: string) {\n  exec('ping -c 1 ' + host, () => {}); // vigil-expect\n}`,
    },
    {
      name: 'aliases: default import, require member, renamed destructuring',
      code: [
        `import cp from 'node:child_process';`,
        `const run = require('child_process').execSync;`,
        `const { exec: sh } = require('child_process');`,
        `cp.exec(\`tar -xf \${archive}\`); // vigil-expect`,
        `run(cmd); // vigil-expect`,
        `sh(cmd); // vigil-expect`,
      ].join('\n'),
    },
    {
      name: 'promisified exec',
      code: `import util from 'util';\nimport cp from 'child_process';\nconst execAsync = util.promisify(cp.exec);\nawait execAsync(\`git checkout \${branch}\`); // vigil-expect`,
    },
    {
      name: 'spawn and execFile with shell: true',
      code: [
        `import * as cp from 'child_process';`,
        `cp.spawn(tool, [], { shell: true }); // vigil-expect`,
        `cp.execFileSync('grep', [pattern, file], { shell: '/bin/bash' }); // vigil-expect`,
      ].join('\n'),
    },
    {
      name: 'destructured require, Express query',
      code: `const { exec } = require('child_process');
app.get('/ping', (req, res) => {
  exec('ping -c 1 ' + req.query.host); // vigil-expect
});`,
    },
    {
      name: 'namespace import, alias, helper function',
      code: `import * as cp from 'node:child_process';
const run = cp.exec;
function build(dir: string) { return \`ls \${dir.trim()}\`; }
export function handler(req: Request, res: Response) {
  run(build(req.body.dir)); // vigil-expect
}`,
    },
    {
      name: 'spawn with shell: true and process.argv',
      code: `import { spawn } from 'child_process';
const [, , target] = process.argv;
spawn('tar', ['-czf', target], { shell: true }); // vigil-expect`,
    },
    {
      name: 'Koa context through a promise chain',
      code: `const cp = require('child_process');
router.get('/convert', async (ctx) => {
  const name = await Promise.resolve(ctx.query.name);
  cp.execSync(\`convert \${name} out.png\`); // vigil-expect
});`,
    },
  ],
} satisfies RuleCases;
