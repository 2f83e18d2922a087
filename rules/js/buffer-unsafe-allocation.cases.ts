import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'safe factories',
      code: `const a = Buffer.alloc(size);\nconst b = Buffer.from(input, 'base64');`,
    },
    {
      name: 'zero-size unsafe allocation',
      code: `const empty = Buffer.allocUnsafe(0);\nconst e2 = Buffer.allocUnsafeSlow(0);`,
    },
    {
      name: 'constructor of constants',
      code: `const greeting = new Buffer('hello');\nconst bytes = new Buffer([1, 2, 3]);\nconst t = new Buffer(\`x\${1}\`);`,
    },
    {
      name: 'something else called allocUnsafe or Buffer',
      code: `pool.allocUnsafe(n);\nclass Buffer2 {}\nfunction make(Buffer: any, n: number) { return new Buffer(n); }`,
    },
  ],
  invalid: [
    {
      name: 'unsafe allocation (low)',
      code: `const out = Buffer.allocUnsafe(len); // vigil-expect\nconst big = Buffer.allocUnsafeSlow(10); // vigil-expect`,
    },
    {
      name: 'deprecated constructor of a variable',
      code: `const data = new Buffer(req.body.data); // vigil-expect\nconst n = Buffer(size); // vigil-expect`,
    },
    {
      name: 'through the buffer module',
      code: `import { Buffer as B } from 'node:buffer';\nB.allocUnsafe(n); // vigil-expect\nnew B(value); // vigil-expect`,
    },
  ],
} satisfies RuleCases;
