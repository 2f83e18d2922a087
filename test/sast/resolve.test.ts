import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/sast/parse.ts';
import { resolverFor } from '../../src/sast/resolve.ts';
import { traverse } from '../../src/sast/traverse.ts';

/** Resolve every call's callee in `code`, in source order. */
function callees(code: string): Array<string | undefined> {
  const ast = parseSource('case.ts', code);
  const resolver = resolverFor(ast);
  const out: Array<string | undefined> = [];
  traverse(
    ast,
    (n) => {
      if (n.type === 'CallExpression' || n.type === 'NewExpression') out.push(resolver.resolve(n.callee));
    },
    () => {},
  );
  return out;
}

function staticArgs(code: string): unknown[] {
  const ast = parseSource('case.ts', code);
  const resolver = resolverFor(ast);
  const out: unknown[] = [];
  traverse(
    ast,
    (n) => {
      if (n.type === 'CallExpression' && (n.callee as TSESTree.Identifier).name === 'f') {
        out.push(n.arguments.map((a) => resolver.staticValue(a)?.value ?? '<dynamic>'));
      }
    },
    () => {},
  );
  return out;
}

describe('resolver', () => {
  it('follows ESM imports, default and namespace, and strips node:', () => {
    expect(
      callees(
        `import cp from 'node:child_process';\nimport * as c2 from 'child_process';\nimport { createHash as h } from 'crypto';\ncp.exec(a); c2.spawn(b); h('md5');`,
      ),
    ).toEqual(['child_process.exec', 'child_process.spawn', 'crypto.createHash']);
  });

  it('follows require, destructuring with renames and defaults, and member aliases', () => {
    expect(
      callees(
        `const { exec: run, spawn = null } = require('child_process');\nconst sync = require('child_process').execSync;\nconst { a: { b } } = require('m');\nrun(x); spawn(y); sync(z); b();`,
      ),
    ).toEqual([
      'require',
      'require',
      'require',
      'child_process.exec',
      'child_process.spawn',
      'child_process.execSync',
      'm.a.b',
    ]);
  });

  it('names globals, through window/globalThis too', () => {
    expect(callees(`eval(x); window.eval(x); globalThis.Math.random(); new RegExp(p);`)).toEqual([
      'eval',
      'eval',
      'Math.random',
      'RegExp',
    ]);
  });

  it('does not resolve local bindings, parameters, reassigned variables or computed members', () => {
    expect(
      callees(
        `function exec(c: string) {}\nexec(x);\nfunction g(eval: Function) { eval(x); }\nlet cp = require('child_process'); cp = other;\ncp.exec(x);\nconst m = require('child_process'); m[name](x);`,
      ),
    ).toEqual([undefined, undefined, 'require', undefined, 'require', undefined]);
  });

  it('follows TypeScript import-equals', () => {
    expect(callees(`import cp = require('node:child_process');\ncp.execSync(cmd);`)).toEqual([
      'child_process.execSync',
    ]);
  });

  it('sees through util.promisify', () => {
    expect(
      callees(
        `import { promisify } from 'node:util';\nimport { exec } from 'child_process';\nconst run = promisify(exec);\nrun(cmd);`,
      ),
    ).toEqual(['util.promisify', 'child_process.exec']);
  });

  it("follows compilers' interop helpers and their .default", () => {
    expect(
      callees(
        `const crypto_1 = __importDefault(require("crypto"));\nconst cp = tslib_1.__importStar(require("child_process"));\nvar _vm = _interopRequireDefault(require("vm"));\ncrypto_1.default.createHash("md5"); cp.exec(c); _vm.default.runInThisContext(s); other.default.exec(c);`,
      ),
    ).toEqual([
      '__importDefault',
      'require',
      'tslib_1.__importStar',
      'require',
      '_interopRequireDefault',
      'require',
      'crypto.createHash',
      'child_process.exec',
      'vm.runInThisContext',
      'other.default.exec',
    ]);
  });

  it('follows await import()', () => {
    expect(callees(`const cp = await import('node:child_process');\ncp.exec(x);`)).toEqual([
      'child_process.exec',
    ]);
  });

  it('folds constants', () => {
    expect(
      staticArgs(
        `const A = 'a'; const N = 2; let changed = 'x'; changed = y;\nf(A + 'b', \`\${A}-\${N}\`, N + 1, -N, changed, undefined, /re/, y, A + y);`,
      ),
    ).toEqual([['ab', 'a-2', 3, -2, '<dynamic>', '<dynamic>', /re/, '<dynamic>', '<dynamic>']]);
  });
});

describe('resolver limits', () => {
  it('keeps a long constant concatenation constant', () => {
    const parts = Array.from({ length: 60 }, (_, i) => `'p${i}'`).join(' + ');
    expect(staticArgs(`f(${parts});`)).toEqual([[Array.from({ length: 60 }, (_, i) => `p${i}`).join('')]]);
  });

  it('gives up, without throwing, on absurdly long chains', () => {
    const parts = Array.from({ length: 400 }, (_, i) => `'p${i}'`).join(' + ');
    expect(staticArgs(`f(${parts});`)).toEqual([['<dynamic>']]);
  });
});
