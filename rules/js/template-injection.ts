import { TEMPLATE_SINKS } from '../../src/sast/models/templates.ts';
import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/template-injection',
    kind: 'sast',
    title: 'Server-side template injection: untrusted data is compiled as a template',
    severity: 'critical',
    cwe: ['CWE-1336', 'CWE-94'],
    owasp: ['A03:2021-Injection'],
    help:
      'Untrusted data is the template itself (`ejs.render`, `pug.compile`, `Handlebars.compile`, ' +
      '`_.template`, `nunjucks.renderString`, `mustache.render`), not a value rendered into it. Template ' +
      "languages reach JavaScript (`<%= process.mainModule.require('child_process')… %>`), so this is " +
      'code execution. Keep templates constant and pass input as data: `ejs.render(TEMPLATE, { name })`.',
    fixHint: 'Compile only constant templates; pass untrusted values as template data.',
  },
  {
    sinks: TEMPLATE_SINKS,
    sources: ['remote', 'cli', 'dom', 'storage', 'library'],
    sanitisedBy: ['numeric', 'word'],
    guards: ['allow', 'lookup'],
  },
);
