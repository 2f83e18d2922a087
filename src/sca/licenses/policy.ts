import type parse from 'spdx-expression-parse';
import satisfies from 'spdx-satisfies';
import { alternatives, leafText, parseLicense, MAX_ALTERNATIVES } from './expression.ts';

/** `licenses:` in `.vigil.yml`, each entry an SPDX identifier (`MIT`, `GPL-2.0+`, `Apache-2.0 WITH LLVM-exception`). */
export interface LicensePolicy {
  allow?: string[];
  deny?: string[];
}

/** What the policy says of one package's licence. */
export type LicenseVerdict =
  | { verdict: 'ok'; expression: string }
  /** Every way to comply needs a denied licence; `denied` lists those that stood in the way. */
  | { verdict: 'denied'; expression: string; denied: string[] }
  /** No way to comply uses allowed licences only (and none was denied). */
  | { verdict: 'not-allowed'; expression: string }
  | { verdict: 'unknown'; reason: string };

/** Policy entries that are not single SPDX licences, each with why; spdx-satisfies would throw on them. */
export function invalidPolicyEntries(policy: LicensePolicy): string[] {
  const bad: string[] = [];
  for (const [list, entries] of [
    ['allow', policy.allow],
    ['deny', policy.deny],
  ] as const) {
    for (const entry of entries ?? []) {
      const parsed = parseLicense(entry);
      if (!parsed.ok || parsed.corrected || !('license' in parsed.tree))
        bad.push(`licenses.${list}: ${JSON.stringify(entry)} is not a single SPDX licence identifier`);
    }
  }
  return bad;
}

/** Whether a licence is one the list names (`GPL-3.0` is covered by `GPL-2.0+`); LicenseRef-s compare as written. */
function listed(leaf: parse.LicenseInfo, list: readonly string[]): boolean {
  const text = leafText(leaf);
  if (list.includes(text)) return true;
  try {
    return satisfies(text, list);
  } catch {
    return false; // a LicenseRef- or DocumentRef- leaf outside spdx-satisfies' table: exact match only
  }
}

/**
 * Judge a declared licence (undefined: none found) against the policy: `ok` when at least one
 * way to comply uses only allowed (every licence, with no allow list) and no denied licences.
 * The policy's entries must have passed invalidPolicyEntries.
 */
export function judgeLicense(declared: string | undefined, policy: LicensePolicy): LicenseVerdict {
  if (declared === undefined) return { verdict: 'unknown', reason: 'no licence found' };
  const parsed = parseLicense(declared);
  if (!parsed.ok) return { verdict: 'unknown', reason: parsed.reason };
  const ways = alternatives(parsed.tree);
  if (!ways)
    return {
      verdict: 'unknown',
      reason: `licence expression allows more than ${MAX_ALTERNATIVES} combinations`,
    };
  const { expression } = parsed;
  const deny = policy.deny ?? [];
  const denied = new Set<string>();
  for (const way of ways) {
    const blocked = way.filter((leaf) => deny.length > 0 && listed(leaf, deny));
    for (const leaf of blocked) denied.add(leafText(leaf));
    const allowed = policy.allow === undefined || way.every((leaf) => listed(leaf, policy.allow!));
    if (blocked.length === 0 && allowed) return { verdict: 'ok', expression };
  }
  if (denied.size > 0) return { verdict: 'denied', expression, denied: [...denied].sort() };
  return { verdict: 'not-allowed', expression };
}
