import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { CODE_DESERIALISERS, DESERIALISE_SINKS } from '../../src/sast/models/code.ts';
import { calleeName, resolverFor } from '../../src/sast/resolve.ts';
import { namesHint } from '../../src/sast/rule.ts';
import { defineTaintRule, type TaintAudit } from '../../src/sast/taint/rule.ts';

const NAMES = new Set(CODE_DESERIALISERS.map((k) => k.slice(k.lastIndexOf('.') + 1)));

/**
 * The pattern half: a deserialiser that runs the functions it rebuilds, given anything but a
 * constant. Whoever can write that text (a cookie, a cache, a queue, a database row) runs code.
 */
const nonConstantInput: TaintAudit = {
  precision: 'medium',
  scope: 'everywhere',
  hint: namesHint(NAMES),
  create(context, propose) {
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const callee = node.callee;
        const name = calleeName(callee);
        const input = node.arguments[0];
        if (!name || !NAMES.has(name) || !input || input.type === 'SpreadElement') return;
        const resolver = resolverFor(context.ast);
        const target = resolver.resolve(callee);
        if (!target || !CODE_DESERIALISERS.includes(target) || resolver.staticValue(input)) return;
        propose({
          node,
          message: `${target}() rebuilds functions from a non-constant value, and runs them.`,
        });
      },
    };
  },
};

export default defineTaintRule(
  {
    id: 'js/unsafe-deserialization',
    kind: 'sast',
    title: 'Unsafe deserialisation: untrusted data is deserialised by a code-executing format',
    severity: 'critical',
    cwe: ['CWE-502'],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    help:
      '`node-serialize.unserialize`, `funcster`, `serialize-to-js`, `cryo` and js-yaml with the full ' +
      "schema (js-yaml 3's default `load`, where the package.json admits js-yaml 3) can rebuild " +
      'functions from their input, and an immediately invoked one runs on load — ' +
      'remote code execution from a cookie or a body. Exchange plain data: `JSON.parse(text)`, or ' +
      "`yaml.load(text)` with js-yaml 4's default (safe) schema.",
    fixHint: 'Use JSON.parse or a safe YAML schema; never deserialise functions from input.',
  },
  {
    sinks: DESERIALISE_SINKS,
    sanitisedBy: [],
    guards: [],
  },
  nonConstantInput,
);
