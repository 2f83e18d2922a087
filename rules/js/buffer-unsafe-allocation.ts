import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, namesHint } from '../../src/sast/rule.ts';
import { resolverFor, unwrap } from '../../src/sast/resolve.ts';

const UNSAFE_ALLOC = new Set([
  'Buffer.allocUnsafe',
  'Buffer.allocUnsafeSlow',
  'buffer.Buffer.allocUnsafe',
  'buffer.Buffer.allocUnsafeSlow',
]);
const BUFFER = new Set(['Buffer', 'buffer.Buffer']);

export default defineRule({
  meta: {
    id: 'js/buffer-unsafe-allocation',
    kind: 'sast',
    title: 'Buffer allocated without initialisation, or with the deprecated Buffer constructor',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-908', 'CWE-665'],
    owasp: ['A04:2021-Insecure Design'],
    help:
      '`Buffer.allocUnsafe(n)` / `allocUnsafeSlow(n)` return memory that still holds whatever was ' +
      'there before (other requests, keys); if the code does not overwrite every byte before the ' +
      'buffer is read or sent, that data leaks — reported at low precision, since filling it at once ' +
      'is a common, safe optimisation (a size of 0 is not reported). `new Buffer(x)` / `Buffer(x)` ' +
      '(deprecated, DEP0005) does different things for a number and a string: with a value that is ' +
      'not a constant, an attacker who picks its type can make it allocate (uninitialised before ' +
      'Node 8) instead of copy — medium precision. Use `Buffer.alloc(n)` and `Buffer.from(value)`.',
    fixHint: 'Use Buffer.alloc(size) (zero-filled) or Buffer.from(data).',
  },
  hint: namesHint(['allocUnsafe', 'allocUnsafeSlow', 'Buffer']),
  create(context) {
    const resolver = resolverFor(context.ast);
    const check = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const target = resolver.resolve(node.callee);
      if (!target) return;
      const arg = node.arguments[0];
      if (!arg || arg.type === 'SpreadElement') return;
      if (UNSAFE_ALLOC.has(target)) {
        if (resolver.staticValue(arg)?.value === 0) return;
        context.report({
          node,
          precision: 'low',
          message: `${target.replace(/^buffer\./, '')}() returns uninitialised memory: overwrite all of it before use.`,
        });
        return;
      }
      if (!BUFFER.has(target)) return;
      const a = unwrap(arg);
      // Constants, array/object literals and template strings are never a size chosen at run time.
      if (resolver.staticValue(a) || a.type === 'ArrayExpression' || a.type === 'TemplateLiteral') return;
      context.report({
        node,
        message:
          'new Buffer() of a non-constant value: a number allocates, a string copies (use Buffer.alloc / Buffer.from).',
      });
    };
    return { CallExpression: check, NewExpression: check };
  },
});
