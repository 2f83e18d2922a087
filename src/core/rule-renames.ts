/**
 * Rule ids that were renamed or folded into another rule, old → current. One weakness has one id
 * (the taint half and the pattern half of SQL injection are one rule, `js/sql-injection`, and the
 * evidence is the finding's precision), so the ids of the halves live on here: a `rules:` entry,
 * an `ignore:` entry, a `vigil-ignore` comment or `--rule` naming an old id means the current one.
 * SARIF lists them as the rule's `deprecatedIds`.
 */
export const RENAMED_RULES: ReadonlyMap<string, string> = new Map([
  ['js/tainted-sql', 'js/sql-injection'],
  ['js/tainted-command', 'js/command-injection'],
  ['js/tainted-code', 'js/code-injection'],
  ['js/tainted-dom-html', 'js/dom-xss'],
  ['js/react-dangerous-html', 'js/dom-xss'],
  ['js/tainted-regexp', 'js/regexp-injection'],
  ['js/regexp-non-literal', 'js/regexp-injection'],
  ['js/tainted-path', 'js/path-traversal'],
]);

/**
 * The ids an ignore entry or a suppression comment may name for a finding, lower-cased: its rule's,
 * the ids that rule replaced, and its advisories'.
 */
export function namesOf(finding: { ruleId: string; advisoryIds?: string[] | undefined }): string[] {
  return [finding.ruleId, ...previousRuleIds(finding.ruleId), ...(finding.advisoryIds ?? [])].map((id) =>
    id.toLowerCase(),
  );
}

/** The current id of a rule a user names (ids compare case-insensitively, as suppressions do). */
export function currentRuleId(id: string): string {
  return RENAMED_RULES.get(id.toLowerCase()) ?? id;
}

/** The ids a rule was known by before, for SARIF's `deprecatedIds`. */
export function previousRuleIds(id: string): string[] {
  return [...RENAMED_RULES].flatMap(([old, current]) => (current === id ? [old] : []));
}
