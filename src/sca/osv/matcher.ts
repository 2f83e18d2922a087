import type { Diagnostic } from '../../core/finding.ts';
import { severityRank } from '../../core/severity.ts';
import { severityOf, type ScoredSeverity } from './cvss.ts';
import { affectingEntries, fixesFor, groupAliases, groupIds, type PackageQuery } from './match.ts';
import type { OsvRecord } from './schema.ts';
import type { AdvisorySource } from './source.ts';
import { schemeFor } from '../versions/index.ts';

/** One advisory (all its aliases merged) affecting one package. */
export interface AdvisoryMatch<P> {
  package: P;
  /** The query the package was matched as (OS packages may match by their source package). */
  query: PackageQuery;
  /**
   * The records of this advisory that affect the package (several when ids alias each other), as
   * the source describes them: `details` and `affected` may be absent (`AdvisorySource.complete`).
   */
  records: OsvRecord[];
  /** Every id: record ids first, then aliases; each once. */
  ids: string[];
  summary?: string;
  severity?: ScoredSeverity;
  /** Every fixed version above the installed one, lowest first. */
  fixedVersions: string[];
  /** The lowest version that clears every record of this advisory, when one exists. */
  fixedVersion?: string;
  /** Without a fixed version: the last affected version, when the records name one. */
  lastAffected?: string;
}

export interface MatchOptions<P> {
  /** How to query for a package; defaults to the package itself. */
  queryOf?: (p: P) => PackageQuery;
}

/**
 * Match packages against an advisory source: candidates from the source, range evaluation here
 * (so API and database answers agree), withdrawn records dropped, aliases merged into one match
 * per advisory and package. Diagnostics name records with unusable CVSS vectors.
 */
export async function matchPackages<P extends PackageQuery>(
  packages: P[],
  source: AdvisorySource,
  options: MatchOptions<P> = {},
): Promise<{ matches: AdvisoryMatch<P>[]; diagnostics: Diagnostic[] }> {
  const queryOf = options.queryOf ?? ((p: P) => p);
  const queries = packages.map(queryOf);
  const candidates = await source.candidates(queries);
  const diagnostics: Diagnostic[] = [];
  const warned = new Set<string>();
  const severityCache = new Map<string, ScoredSeverity | undefined>();
  const recordSeverity = (r: OsvRecord, entries: ReturnType<typeof affectingEntries>) => {
    const key = r.id;
    if (severityCache.has(key)) return severityCache.get(key);
    const vectors = [...(r.severity ?? []), ...entries.flatMap((e) => e.severity ?? [])];
    const s = severityOf(vectors, r.database_specific, (vector, error) => {
      if (warned.has(r.id)) return;
      warned.add(r.id);
      diagnostics.push({
        level: 'note',
        message: `${r.id}: unusable CVSS vector "${vector}" (${error}); severity taken from elsewhere`,
        source: 'sca',
      });
    });
    severityCache.set(key, s);
    return s;
  };

  const unordered = new Set<string>();
  const matches: AdvisoryMatch<P>[] = [];
  packages.forEach((pkg, i) => {
    const query = queries[i]!;
    if (!schemeFor(query.ecosystem) && !unordered.has(query.ecosystem)) {
      unordered.add(query.ecosystem);
      diagnostics.push({
        level: 'warning',
        message: `no version order for ecosystem "${query.ecosystem}": only exact version lists are matched`,
        source: 'sca',
      });
    }
    const affecting = new Map<OsvRecord, ReturnType<typeof affectingEntries>>();
    for (const r of candidates[i] ?? []) {
      const entries = affectingEntries(r, query);
      if (entries.length > 0) affecting.set(r, entries);
    }
    if (affecting.size === 0) return;
    for (const group of groupAliases([...affecting.keys()])) {
      let severity: ScoredSeverity | undefined;
      const described = group.map((r) => source.describe(r));
      for (const [k, r] of described.entries()) {
        const s = recordSeverity(r, affecting.get(group[k]!)!);
        if (s && (!severity || severityRank(s.severity) < severityRank(severity.severity))) severity = s;
      }
      const fixes = group.map((r) => fixesFor(r, query));
      const scheme = schemeFor(query.ecosystem);
      const fixedVersions = [...new Set(fixes.flatMap((f) => f.fixedVersions))].sort(
        (a, b) => scheme?.compare(a, b) ?? 0,
      );
      // the advisory is cleared only when every record of it is
      const clearing = fixes.map((f) => f.lowestClearing);
      const fixedVersion = clearing.every((v) => v !== undefined)
        ? clearing.reduce(
            (hi, v) => (hi === undefined || (scheme?.compare(v!, hi) ?? 0) > 0 ? v : hi),
            undefined as string | undefined,
          )
        : undefined;
      const lastAffected = fixedVersion
        ? undefined
        : fixes
            .map((f) => f.lastAffected)
            .reduce(
              (hi, v) =>
                v !== undefined && (hi === undefined || (scheme?.compare(v, hi) ?? 0) > 0) ? v : hi,
              undefined as string | undefined,
            );
      const summary = described.map((r) => r.summary).find((s) => s);
      matches.push({
        package: pkg,
        query,
        records: described,
        ids: groupIds(group),
        ...(summary ? { summary } : {}),
        ...(severity ? { severity } : {}),
        fixedVersions,
        ...(fixedVersion ? { fixedVersion } : {}),
        ...(lastAffected ? { lastAffected } : {}),
      });
    }
  });
  return { matches, diagnostics: [...source.diagnostics, ...diagnostics] };
}
