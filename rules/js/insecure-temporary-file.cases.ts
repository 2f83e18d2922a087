import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'a private folder from mkdtemp',
      code: `const fs = require('fs');
const os = require('os');
const path = require('path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
fs.writeFileSync(path.join(dir, 'report.pdf'), pdf);`,
    },
    {
      name: 'an exclusive create',
      code: `import fs from 'node:fs';
import os from 'node:os';
fs.writeFileSync(os.tmpdir() + '/app.lock', String(process.pid), { flag: 'wx', mode: 0o600 });
const fd = fs.openSync('/tmp/app.pid', 'wx');
fs.openSync('/tmp/app.sock', fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY);`,
    },
    {
      name: 'a random name, and files outside the shared folders',
      code: `const fs = require('fs');
const crypto = require('crypto');
fs.writeFileSync(\`/tmp/upload-\${crypto.randomUUID()}\`, body);
fs.writeFileSync('./tmp/cache.json', data);
fs.writeFileSync(path.join(__dirname, 'tmp', 'out.txt'), data);`,
    },
    {
      name: 'a random name held in a constant, and a private folder held in one',
      code: `const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const scratch = path.join(os.tmpdir(), 'render-' + crypto.randomBytes(8).toString('hex') + '.png');
fs.writeFileSync(scratch, image);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'render-'));
const out = path.join(work, 'page-' + new Date().getTime() + '.png');
fs.writeFileSync(out, image);`,
    },
    {
      name: 'reading a temp file, and writing into the temp folder itself',
      code: `const fs = require('fs');
const os = require('os');
const text = fs.readFileSync('/tmp/input.txt', 'utf8');
fs.writeFileSync(os.tmpdir(), data);`,
    },
  ],
  invalid: [
    {
      name: 'constant names under os.tmpdir()',
      code: `const fs = require('fs');
const os = require('os');
const path = require('path');
fs.writeFileSync(path.join(os.tmpdir(), 'report.pdf'), pdf); // vigil-expect
fs.createWriteStream(\`\${os.tmpdir()}/export.csv\`); // vigil-expect`,
    },
    {
      name: 'names from the time or the process id under /tmp',
      code: `import fs from 'node:fs';
fs.writeFile('/tmp/session-' + Date.now() + '.json', json, done); // vigil-expect
await fs.promises.writeFile(\`/var/tmp/app-\${process.pid}.sock\`, ''); // vigil-expect`,
    },
    {
      name: 'a name from the current time as a Date, held in a constant',
      code: `const fs = require('fs');
const os = require('os');
const path = require('path');
const base = os.tmpdir();
const dump = path.join(base, \`heap-\${new Date().getTime()}.json\`);
fs.writeFileSync(dump, snapshot); // vigil-expect
fs.createWriteStream('/tmp/trace-' + +new Date() + '.log'); // vigil-expect`,
    },
    {
      name: 'a truncating open and fs-extra',
      code: `const fs = require('fs');
const fse = require('fs-extra');
const fd = fs.openSync('/tmp/debug.log', 'w'); // vigil-expect
fse.outputJsonSync(require('os').tmpdir() + '/state.json', state); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
