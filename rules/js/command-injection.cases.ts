import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
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
  ],
  invalid: [
    {
      name: 'a local function named Number is not the conversion',
      code: `import { exec } from 'child_process';\nconst Number = (s: string) => s;\nexec('kill -9 ' + Number(pid)); // vigil-expect\nexec('kill -9 ' + Number.parseInt(pid)); // vigil-expect`,
    },
    {
      name: 'a number beside text that is not one',
      code: `import { exec } from 'child_process';\nexec(\`renice \${parseInt(level, 10)} -p \${pid}\`); // vigil-expect`,
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
  ],
} satisfies RuleCases;
