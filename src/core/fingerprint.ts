import { createHash } from 'node:crypto';
import type { DraftFinding, Finding } from './finding.ts';

/**
 * A fingerprint must survive unrelated edits (lines moving, reformatting) but change when the
 * problem does. So it hashes the rule, the path and the normalised code of the flagged region —
 * or the package identity for dependency findings — never line numbers. Identical snippets in one
 * file are told apart by their order of occurrence.
 */
export function normalizeCode(code: string): string {
  return code.replace(/\s+/g, ' ').trim();
}

function identity(finding: DraftFinding): string {
  const pkg = finding.package;
  if (pkg) {
    const where = finding.image ? `${finding.image.ref}` : finding.location.path;
    return [
      where,
      pkg.ecosystem,
      pkg.name,
      pkg.version,
      (finding.advisoryIds ?? []).slice().sort()[0] ?? '',
    ].join('\u0000');
  }
  return [finding.location.path, normalizeCode(finding.location.snippet ?? '')].join('\u0000');
}

export function hashParts(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0001')).digest('hex').slice(0, 32);
}

/** Give every draft a fingerprint; repeated identities get an occurrence counter. */
export function assignFingerprints(drafts: DraftFinding[]): Finding[] {
  const seen = new Map<string, number>();
  const ordered = [...drafts].sort(
    (a, b) =>
      a.location.path.localeCompare(b.location.path) ||
      a.location.startLine - b.location.startLine ||
      a.location.startColumn - b.location.startColumn,
  );
  const result = new Map<DraftFinding, Finding>();
  for (const draft of ordered) {
    if (draft.fingerprint) {
      result.set(draft, draft as Finding);
      continue;
    }
    const key = `${draft.ruleId}\u0000${identity(draft)}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    result.set(draft, { ...draft, fingerprint: hashParts([key, String(n)]) });
  }
  return drafts.map((d) => result.get(d)!);
}
