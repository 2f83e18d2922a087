import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'decoded data that is only data',
      code: `const key = Buffer.from('8f3a9c0d5e7b21f4a6c8e0d2b4f6a8c1', 'hex');
const logo = atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB');
const config = JSON.parse(Buffer.from('eyJkZWJ1ZyI6dHJ1ZSwibGV2ZWwiOjN9', 'base64').toString());
hmac(key, logo, config);`,
    },
    {
      name: 'readable code, and decoded text of the request (another rule judges it)',
      code: `eval('1 + 2');
new Function('a', 'b', 'return a + b');
require('./plugins/' + 'csv');
app.post('/run', (req, res) => eval(Buffer.from(req.body.code, 'base64').toString()));`,
    },
    {
      name: 'short or plain constants, and an encoding that is not hex or base64',
      code: `eval(Buffer.from('616263', 'hex').toString());
eval(atob('aGVsbG8='));
eval(Buffer.from('consolelogsomethinglong', 'base64').toString());
eval(Buffer.from('636f6e736f6c652e6c6f6728312900', 'utf8').toString());`,
    },
    {
      name: 'a local function named eval',
      code: `function run(src: string) { return src.length; }
const evaluate = { eval: run };
evaluate.eval(Buffer.from('636f6e736f6c652e6c6f672831290a', 'hex').toString());`,
    },
  ],
  invalid: [
    {
      name: 'hex payload evaluated',
      code: `const payload = '72657175697265282268747470222922';
eval(Buffer.from(payload, 'hex').toString('utf8')); // vigil-expect`,
    },
    {
      name: 'base64 through atob into new Function, and into the vm module',
      code: `import vm from 'node:vm';
const body = atob('cmV0dXJuIHByb2Nlc3MuZW52LkFXU19TRUNSRVQ=');
const fn = new Function(body); // vigil-expect
vm.runInThisContext(Buffer.from('Y29uc29sZS5sb2cocHJvY2Vzcy5lbnYp', 'base64').toString()); // vigil-expect`,
    },
    {
      name: 'a module name and a command hidden in hex',
      code: `const cp = require(Buffer.from('6368696c645f70726f63657373', 'hex').toString()); // vigil-expect
const { execSync } = require('child_process');
execSync(Buffer.from('6375726c202d73206874747073', 'hex').toString() + ' | sh'); // vigil-expect`,
    },
    {
      name: 'decoded text held in a constant, then a dynamic import',
      code: `const mod = Buffer.from('Li4vLi4vLmNhY2hlL3BheWxvYWQuanM=', 'base64').toString();
export const load = () => import(mod); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
