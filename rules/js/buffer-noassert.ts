import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleeName, resolverFor } from '../../src/sast/resolve.ts';
import { defineRule, namesHint } from '../../src/sast/rule.ts';

/**
 * Node's Buffer accessors before v10 took a last `noAssert` argument: `true` skipped the check
 * that the offset lies inside the buffer. Per method, the index of that argument: after the
 * offset for reads, after value and offset for writes, one further for the variable-width forms
 * that take a byte length.
 */
const NO_ASSERT_INDEX = new Map<string, number>();
const FIXED_WIDTH = ['8', '16LE', '16BE', '32LE', '32BE']
  .flatMap((w) => [`Int${w}`, `UInt${w}`])
  .concat(['FloatLE', 'FloatBE', 'DoubleLE', 'DoubleBE']);
const BYTE_LENGTH = ['IntLE', 'IntBE', 'UIntLE', 'UIntBE'];
for (const [names, read] of [
  [FIXED_WIDTH, 1],
  [BYTE_LENGTH, 2],
] as const) {
  for (const n of names) {
    NO_ASSERT_INDEX.set(`read${n}`, read);
    NO_ASSERT_INDEX.set(`write${n}`, read + 1);
  }
}

export default defineRule({
  meta: {
    id: 'js/buffer-noassert',
    kind: 'sast',
    title: 'Buffer read or write with noAssert: the offset is not checked against the buffer',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-125', 'CWE-787'],
    owasp: ['A04:2021-Insecure Design'],
    help:
      "`buf.readUInt32LE(offset, true)` and `buf.writeInt16BE(value, offset, true)`: the last `true` is Node's " +
      'old `noAssert` flag, which skips the check that `offset` lies inside the buffer. On the Node ' +
      'versions that honour it, an offset past the end reads memory beyond the buffer or writes over it ' +
      '(out-of-bounds read, CWE-125, and write, CWE-787); newer versions ignore the flag, so code that ' +
      'relies on it also hides an offset bug. Drop the argument and validate offsets from input: ' +
      "`if (offset + 4 > buf.length) throw new RangeError('short packet'); buf.readUInt32LE(offset);`",
    fixHint: 'Remove the noAssert argument and check the offset against buf.length.',
  },
  hint: namesHint(NO_ASSERT_INDEX.keys()),
  create(context) {
    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (node.callee.type !== 'MemberExpression') return;
        const name = calleeName(node.callee);
        const index = name === undefined ? undefined : NO_ASSERT_INDEX.get(name);
        if (index === undefined) return;
        const flag = node.arguments[index];
        if (!flag || flag.type === 'SpreadElement') return;
        // A literal `true`, or a constant that is: `const NO_ASSERT = true`.
        const value = flag.type === 'Literal' ? flag : resolverFor(context.ast).staticValue(flag);
        if (!value || value.value !== true) return;
        context.report({
          node,
          message: `\`${name}\` is called with noAssert = true: the offset is not checked against the buffer's length.`,
        });
      },
    };
  },
});
