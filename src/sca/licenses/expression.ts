import parse from 'spdx-expression-parse';
import correct from 'spdx-correct';

/** How much a licence text may hold: package.json licences are a few words. */
const MAX_EXPRESSION_CHARS = 1000;
/**
 * Alternatives an expression may expand to: `(A OR B) AND (C OR D) AND …` doubles with each
 * clause, so a hostile one is cut off and reported unknown rather than expanded.
 */
export const MAX_ALTERNATIVES = 256;

/** A licence as SPDX reads it, or why it cannot be read. */
export type ParsedLicense =
  { ok: true; expression: string; tree: parse.Info; corrected: boolean } | { ok: false; reason: string };

/** One licence of an expression as text spdx-satisfies takes (`GPL-2.0+`, `Apache-2.0 WITH LLVM-exception`). */
export function leafText(leaf: parse.LicenseInfo): string {
  return `${leaf.license}${leaf.plus ? '+' : ''}${leaf.exception ? ` WITH ${leaf.exception}` : ''}`;
}

function render(tree: parse.Info, parent?: 'and' | 'or'): string {
  if ('license' in tree) return leafText(tree);
  const text = `${render(tree.left, tree.conjunction)} ${tree.conjunction.toUpperCase()} ${render(tree.right, tree.conjunction)}`;
  // AND binds tighter than OR: only an OR inside an AND needs brackets
  return parent === 'and' && tree.conjunction === 'or' ? `(${text})` : text;
}

/**
 * Read a declared licence as an SPDX expression; a common misspelling (`Apache 2.0`, `GPLv3`)
 * is corrected with spdx-correct and said so. `UNLICENSED`, `SEE LICENSE IN …` and free text
 * are not SPDX: the caller reports them unknown.
 */
export function parseLicense(raw: string): ParsedLicense {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'no licence declared' };
  // npm's word for "no licence granted"; spdx-correct would turn it into The Unlicense, its opposite
  if (text.toUpperCase() === 'UNLICENSED')
    return { ok: false, reason: 'UNLICENSED: the package grants no licence (not an SPDX licence)' };
  if (text.length > MAX_EXPRESSION_CHARS)
    return { ok: false, reason: `licence text over ${MAX_EXPRESSION_CHARS} characters` };
  try {
    const tree = parse(text);
    return { ok: true, expression: render(tree), tree, corrected: false };
  } catch {
    // spdx-correct guesses one identifier: a broken compound expression is not guessed at
    const compound = /[()]|\s(?:AND|OR|WITH)\s/i.test(text);
    const fixed = compound ? null : correct(text, { upgrade: true });
    if (fixed !== null) {
      try {
        const tree = parse(fixed);
        return { ok: true, expression: render(tree), tree, corrected: true };
      } catch {
        // spdx-correct's answer is an identifier spdx-expression-parse knows; fall through if not
      }
    }
    return { ok: false, reason: `not an SPDX licence expression: ${JSON.stringify(text.slice(0, 100))}` };
  }
}

/**
 * The ways to comply with an expression: each alternative is a set of licences that must all be
 * honoured (`(MIT OR GPL-3.0) AND BSD-3-Clause` → [MIT, BSD-3-Clause] or [GPL-3.0, BSD-3-Clause]).
 * Undefined when there are more than MAX_ALTERNATIVES.
 */
export function alternatives(tree: parse.Info): parse.LicenseInfo[][] | undefined {
  if ('license' in tree) return [[tree]];
  const left = alternatives(tree.left);
  const right = alternatives(tree.right);
  if (!left || !right) return undefined;
  if (tree.conjunction === 'or') {
    return left.length + right.length > MAX_ALTERNATIVES ? undefined : [...left, ...right];
  }
  if (left.length * right.length > MAX_ALTERNATIVES) return undefined;
  return left.flatMap((l) => right.map((r) => [...l, ...r]));
}
