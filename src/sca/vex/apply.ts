import { productMatches } from './purl-match.ts';
import type { DraftFinding } from '../../core/finding.ts';
import type { VexStatement } from './types.ts';

/**
 * The statement that decides a finding: the last one (documents in order, statements in order, as
 * OpenVEX lets a later statement supersede) naming one of the advisory's ids or aliases and a
 * product that is this package.
 */
export function vexStatementFor(
  statements: readonly VexStatement[],
  ids: readonly string[],
  pkg: { ecosystem: string; name: string; version: string },
): VexStatement | undefined {
  const wanted = new Set(ids.map((id) => id.toUpperCase()));
  for (let i = statements.length - 1; i >= 0; i--) {
    const s = statements[i]!;
    if (s.ids.some((id) => wanted.has(id.toUpperCase())) && s.products.some((p) => productMatches(p, pkg)))
      return s;
  }
  return undefined;
}

/**
 * What a statement does to a finding: `not_affected` suppresses it with the justification, as an
 * ignore entry would; `under_investigation` is said in the message; `affected` and `fixed` change nothing.
 */
export function applyVex(draft: DraftFinding, s: VexStatement): void {
  if (s.status === 'not_affected') {
    draft.properties = { ...draft.properties, vexStatus: s.status, vexDocument: s.path };
    draft.suppression = {
      kind: 'vex',
      justification: `VEX not_affected: ${s.justification ?? '(no justification given)'}${s.inRoot ? '' : ` (${s.path})`}`,
      ...(s.inRoot
        ? { location: { path: s.path, startLine: s.line, startColumn: 1, endLine: s.line, endColumn: 1 } }
        : {}),
    };
  } else if (s.status === 'under_investigation') {
    draft.properties = { ...draft.properties, vexStatus: s.status, vexDocument: s.path };
    draft.message += ` A VEX statement in ${s.path} says it is under investigation.`;
  }
}
