import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { objectShape } from '../../src/sast/object-props.ts';
import { resolverFor } from '../../src/sast/resolve.ts';
import { defineRule } from '../../src/sast/rule.ts';
import { isTestFile } from '../../src/sast/test-files.ts';

/** Ajv's constructors, by module: v6's `new Ajv()`, v8's default export and its draft builds. */
const AJV = /^ajv(?:\/dist\/(?:2019|2020|jtd))?(?:\.default)?$/;

export default defineRule({
  meta: {
    id: 'js/validator-all-errors',
    kind: 'sast',
    title: 'JSON Schema validator set to collect every error (denial of service)',
    severity: 'low',
    precision: 'medium',
    cwe: ['CWE-400', 'CWE-770'],
    owasp: ['A04:2021-Insecure Design'],
    help:
      "Ajv's `allErrors: true` keeps validating after the first error and builds an error object for " +
      'each: a request body of a million array items, each wrong, costs a million objects and the ' +
      "time to make them. Ajv's own security notes say not to use it on untrusted data in " +
      'production. Stop at the first error (the default), cap the sizes in the schema (`maxItems`, ' +
      '`maxLength`, `maxProperties`), or collect all errors only where the input is trusted (a ' +
      'configuration file, a form the server renders). Medium precision: vigil does not see what the ' +
      'validator is given.',
    fixHint: 'Drop allErrors: true for untrusted input, or bound the schema with maxItems/maxLength.',
  },
  hint: /allErrors/,
  create(context) {
    if (isTestFile(context.filename)) return {};
    const resolver = resolverFor(context.ast);
    const check = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const target = resolver.resolve(node.callee);
      const options = node.arguments[0];
      if (!target || !AJV.test(target) || !options || options.type === 'SpreadElement') return;
      const all = objectShape(resolver, options).props.find((p) => p.depth === 0 && p.key === 'allErrors');
      if (!all?.value || resolver.staticValue(all.value)?.value !== true) return;
      context.report({
        node: all.node,
        message:
          'allErrors: true makes Ajv build an error for every failing part of the input: a large invalid body costs that much.',
      });
    };
    return { NewExpression: check, CallExpression: check };
  },
});
