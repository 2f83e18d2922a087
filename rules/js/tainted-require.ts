import { MODULE_LOAD_SINKS } from '../../src/sast/models/code.ts';
import { defineTaintRule } from '../../src/sast/taint/rule.ts';

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
      "names you support to modules in code: `const PLUGINS = { csv: () => import('./csv.js') }; await PLUGINS[name]?.();`",
    fixHint: 'Load modules from a fixed table keyed by an allow-listed name.',
  },
  {
    // Not `cli`: a tool loading the plugin its user names is doing its job.
    sources: ['remote', 'dom', 'storage'],
    sinks: MODULE_LOAD_SINKS,
    sanitisedBy: ['numeric'],
    guards: ['allow'],
  },
);
