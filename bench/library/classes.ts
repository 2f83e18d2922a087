/** The weakness classes of the library benchmark, and which rules of each tool speak to each. */

export type WeaknessClass = 'command' | 'code' | 'path' | 'prototype-pollution' | 'redos';

export interface Advisory {
  id: string;
  cve?: string | undefined;
  package: string;
  /** The first affected range's `introduced` event ('0' for all versions). */
  introduced: string;
  fixed: string;
  /**
   * Every SEMVER range (`[introduced, fixed?]`) of every `affected` entry for the package: a later
   * advisory whose ranges hold this one's `fixed` version says the fix was incomplete.
   */
  ranges: [string, string | undefined][];
  /** The class of the first CWE (or text) that names one: the advisory's row in the tables. */
  class: WeaknessClass;
  /** Every class its CWEs name (lodash's template advisory is CWE-77 and CWE-94): any detects it. */
  classes: WeaknessClass[];
  summary: string;
}

const CWE: Record<string, WeaknessClass> = {
  'CWE-77': 'command',
  'CWE-78': 'command',
  'CWE-94': 'code',
  'CWE-95': 'code',
  'CWE-22': 'path',
  'CWE-23': 'path',
  'CWE-29': 'path',
  'CWE-1321': 'prototype-pollution',
  'CWE-915': 'prototype-pollution',
  'CWE-1333': 'redos',
};

/**
 * An advisory's classes from its CWE ids, else from its text (many ReDoS records carry only
 * CWE-400, "uncontrolled resource consumption"); undefined for classes this benchmark leaves out.
 */
export function classesOf(cwes: readonly string[], text: string): WeaknessClass[] {
  const named = [...new Set(cwes.flatMap((cwe) => (CWE[cwe] ? [CWE[cwe]] : [])))];
  if (named.length > 0) return named;
  const lower = text.toLowerCase();
  if (lower.includes('prototype pollution')) return ['prototype-pollution'];
  if (lower.includes('command injection')) return ['command'];
  if (lower.includes('regular expression') || lower.includes('redos')) return ['redos'];
  return [];
}

/** vigil's rules for each class (a finding of another rule does not count as detecting it). */
export const VIGIL_RULES: Record<WeaknessClass, readonly string[]> = {
  command: ['js/command-injection'],
  code: ['js/code-injection', 'js/template-injection', 'js/unsafe-deserialization'],
  path: ['js/path-traversal', 'js/zip-slip'],
  'prototype-pollution': ['js/prototype-pollution'],
  redos: ['js/redos-regex', 'js/regexp-injection', 'js/polynomial-redos'],
};

/** eslint-plugin-security's recommended rules for each class: the anchor. */
export const ESLINT_RULES: Record<WeaknessClass, readonly string[]> = {
  command: ['security/detect-child-process'],
  code: ['security/detect-eval-with-expression', 'security/detect-non-literal-require'],
  path: ['security/detect-non-literal-fs-filename'],
  'prototype-pollution': ['security/detect-object-injection'],
  redos: ['security/detect-unsafe-regex', 'security/detect-non-literal-regexp'],
};
