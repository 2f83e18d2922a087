import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findRegexProblem } from '../../src/sast/regex-safety.ts';
import { defineRule } from '../../src/sast/rule.ts';
import { isTestFile } from '../../src/sast/test-files.ts';

/**
 * Markup a browser reads as a script or comment that a tag filter must also match, with the
 * weakness each probe shows when the filter matches the plain form but not it.
 */
const SCRIPT = '<script>alert(1)</script>';
const SCRIPT_PROBES: Array<[string, string]> = [
  ['<SCRIPT>alert(1)</SCRIPT>', 'upper-case tags'],
  ['<script>alert(1)</script >', 'an end tag with a space before `>` (`</script >`)'],
  ['<script>alert(1)</script\tfoo="bar">', 'an end tag with attributes (`</script foo="bar">`)'],
  ['<script>\nalert(1)\n</script>', 'a script that spans lines (`.` does not match a line break)'],
];
const COMMENT = '<!-- x -->';
const COMMENT_PROBES: Array<[string, string]> = [
  ['<!-- x --!>', 'a comment closed by `--!>`, which browsers accept'],
];
const MAX_PATTERN = 500;

/** The text a probe leaves the filter: none of the markup if the filter matched it whole. */
function covers(re: RegExp, text: string, core: string): boolean {
  re.lastIndex = 0;
  const m = re.exec(text);
  // A filter that matches the opening tag alone (`/<script[^>]*>/`) still defuses the markup.
  return m !== null && (m[0].includes(core) || m.index === 0);
}

/** What a regex meant to match `<script>` elements or comments misses, if anything. */
function missed(pattern: string, flags: string): string | undefined {
  if (pattern.length > MAX_PATTERN || !/script|<!--|<!\\-|!--/i.test(pattern)) return undefined;
  // Run only over these few short probes, and never a pattern that backtracks exponentially.
  if (findRegexProblem(pattern, flags)) return undefined;
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags.replace(/[gy]/g, ''));
  } catch {
    return undefined;
  }
  for (const [plain, probes, core] of [
    [SCRIPT, SCRIPT_PROBES, 'alert'],
    [COMMENT, COMMENT_PROBES, 'x'],
  ] as const) {
    if (!covers(re, plain, core)) continue;
    for (const [probe, what] of probes) if (!covers(re, probe, core)) return what;
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'js/bad-tag-filter',
    kind: 'sast',
    title: 'Regex HTML filter that browsers get around',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-116', 'CWE-185', 'CWE-186'],
    owasp: ['A03:2021-Injection'],
    help:
      'A regular expression that finds `<script>` elements or HTML comments to remove or reject them ' +
      'misses what browsers accept as the same: `<SCRIPT>` without the `i` flag, `</script >` or ' +
      '`</script foo>` for `<\\/script>`, a script over several lines for `.*`, a comment ended by ' +
      '`--!>` for `-->`. The markup the filter lets through runs. vigil tries each regex literal that ' +
      'matches a plain `<script>…</script>` or `<!-- … -->` on those forms and reports the first it ' +
      'misses. Do not filter HTML with regexes: escape it, or use an HTML sanitiser (DOMPurify, ' +
      'sanitize-html) that parses it as the browser does.',
    fixHint: 'Escape the HTML, or sanitise it with DOMPurify / sanitize-html instead of a regex.',
  },
  hint: /script|<!--/i,
  create(context) {
    if (isTestFile(context.filename)) return {};
    return {
      Literal(node: TSESTree.Literal) {
        if (!('regex' in node) || !node.regex) return;
        const what = missed(node.regex.pattern, node.regex.flags);
        if (what)
          context.report({
            node,
            message: `This filter matches \`<script>\` or \`<!-- -->\` markup but not ${what}: browsers run what it lets through.`,
          });
      },
    };
  },
});
