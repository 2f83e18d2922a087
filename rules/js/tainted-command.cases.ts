import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
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
  valid: [
    { name: 'constant command', code: `require('child_process').exec('ls -la');` },
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
} satisfies RuleCases;
