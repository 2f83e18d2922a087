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
  ],
  invalid: [
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
