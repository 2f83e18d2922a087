import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { fixedPath } from '../../src/sast/fixed-path.ts';
import { decodesConstant } from '../../src/sast/encoded-constant.ts';
import { MODULE_LOAD_SINKS } from '../../src/sast/models/code.ts';
import { resolverFor } from '../../src/sast/resolve.ts';
import { defineTaintRule, type TaintAudit } from '../../src/sast/taint/rule.ts';

/**
 * The pattern half: `require(x)` / `import(x)` of a name that is not a constant of the program
 * (literals, `__dirname` and the path builders over them), with no source proven, outside tests.
 * A plugin loader does this on purpose; a look says whether the name can come from outside.
 */
const nonConstantModule: TaintAudit = {
  precision: 'low',
  // A call whose argument does not open with a quote: `require('name')`, nearly every one, needs
  // no look (a template literal does: it may hold `${…}`).
  hint: /\b(?:require|import)\s*\(\s*[^\s'")]/,
  create(context, propose) {
    const r = resolverFor(context.ast);
    const check = (node: TSESTree.Node, arg: TSESTree.Node | undefined, what: string) => {
      // A decoded constant is js/hardcoded-data-interpreted-as-code's finding.
      if (!arg || arg.type === 'SpreadElement' || fixedPath(arg, r) || decodesConstant(r, arg)) return;
      propose({
        node,
        message: `\`${what}\` loads a module whose name is not a constant of the program: check that it cannot name a file or package an attacker chooses.`,
      });
    };
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const callee = node.callee;
        if (callee.type !== 'Identifier' || callee.name !== 'require') return;
        // `require('name')`, nearly every one, needs no scope analysis to be judged.
        const arg = node.arguments[0];
        if (arg?.type === 'Literal' && typeof arg.value === 'string') return;
        // The global require only: a local function of that name is someone else's.
        if (r.variableOf(callee)) return;
        check(node, arg, 'require()');
      },
      ImportExpression(node: TSESTree.ImportExpression) {
        check(node, node.source, 'import()');
      },
    };
  },
};

export default defineTaintRule(
  {
    id: 'js/tainted-require',
    kind: 'sast',
    title: 'Untrusted module load: the request chooses which module is required',
    severity: 'critical',
    cwe: ['CWE-829', 'CWE-94'],
    owasp: ['A03:2021-Injection'],
    help:
      '`require(name)` or `import(name)` with a name from the request loads and runs any module or file ' +
      'the process can reach — an uploaded `.js` file, or a path outside the plugin folder. Map the ' +
      "names you support to modules in code: `const PLUGINS = { csv: () => import('./csv.js') }; await PLUGINS[name]?.();` " +
      'A module name that is not a constant of the program, with no source proven, is reported at low ' +
      'precision for a look: where does that name come from?',
    fixHint: 'Load modules from a fixed table keyed by an allow-listed name.',
  },
  {
    // Not `cli`: a tool loading the plugin its user names is doing its job.
    sources: ['remote', 'dom', 'storage'],
    sinks: MODULE_LOAD_SINKS,
    sanitisedBy: ['numeric'],
    // A resolved path checked to stay in the program's folder loads only what that folder holds.
    guards: ['allow', 'lookup', 'prefix'],
  },
  nonConstantModule,
);
