import type { UnavailablePolicy } from '../core/config/operator.ts';
import {
  DEFAULT_MIN_PRECISION,
  belowPrecision,
  type Finding,
  type FindingKind,
  type IncompleteScanner,
  type Precision,
} from '../core/finding.ts';
import { SEVERITIES, type FailThreshold } from '../core/severity.ts';
import { FINDING_KINDS, packageFixes, plural } from '../report/model.ts';
import { describeReachability, reachabilityCounts } from '../report/reachability.ts';
import { pages, PER_PAGE, type GitHub } from './client.ts';
import type { Classified, Conclusion } from './baseline.ts';
import type { RepoRef } from './checks.ts';
import { SUMMARY_MARKER } from './markers.ts';
import { boundText, inertMarkdown } from './text.ts';
import { unavailableLine } from './unavailable.ts';
import { renderPlanSection } from './upgrade-plan.ts';
import type { PlanOutcome } from '../sca/plan/make-plan.ts';

export interface SummaryInput {
  classified: Classified;
  failOn: FailThreshold;
  /** Findings less certain are counted on an audit line, never as failing (default high). */
  minPrecision?: Precision;
  conclusion: Conclusion;
  /** Check run links per kind, when check runs were created. */
  checkRuns?: Array<{ name: string; url: string }>;
  /** Things the reader should know: degraded permissions, skipped base scan, truncated diff. */
  notes?: string[];
  headSha?: string;
  /** The scan's HTML report (the App's page, the Action's artifact). */
  reportUrl?: string;
  /** Scanners that could not do their job, and the operator's policy for them. */
  incomplete?: IncompleteScanner[];
  unavailable?: UnavailablePolicy;
  /** The upgrade plan of the scan's npm advisories, or why none could be made (operator's choice). */
  upgradePlan?: PlanOutcome;
}

const BASIS: Record<Classified['basis'], string> = {
  'merge-base': 'new = not found when scanning the merge base',
  diff: 'new = on a line this PR adds (the merge base was not scanned)',
  all: 'no base to compare with: every finding counts as new',
};

/** The sticky summary's Markdown: counts by kind and severity, new vs existing, top fixes, links. */
export function renderSummary(s: SummaryInput): string {
  const { classified: c } = s;
  const all = [...c.new, ...c.existing];
  const incomplete = s.incomplete ?? [];
  const closed = (s.unavailable ?? 'fail-closed') === 'fail-closed';
  const verdict =
    incomplete.length > 0 && (closed || s.conclusion !== 'failure')
      ? `${closed ? '❌' : '⚠️'} incomplete: ${incomplete.map((i) => i.scanner).join(', ')} could not run`
      : s.conclusion === 'failure'
        ? '❌ new findings at or above the threshold'
        : s.conclusion === 'neutral'
          ? '⚠️ findings, none failing'
          : '✅ no findings';
  const lines = [SUMMARY_MARKER, `### vigil: ${verdict}`, ''];
  for (const i of incomplete) lines.push(`> ⚠️ ${inertMarkdown(unavailableLine(i, s.unavailable))}`, '');
  lines.push(
    `**${c.new.length} new**, ${c.existing.length} existing, ${c.suppressed.length} suppressed · fail-on: \`${s.failOn}\` · ${BASIS[c.basis]}${s.headSha ? ` · at ${s.headSha.slice(0, 7)}` : ''}`,
    '',
  );
  const minPrecision = s.minPrecision ?? DEFAULT_MIN_PRECISION;
  const audit = all.filter((f) => belowPrecision(f, minPrecision)).length;
  if (audit)
    lines.push(
      `${plural(audit, 'audit finding')} (patterns below precision \`${minPrecision}\`, for a human to look at) ${audit === 1 ? 'is' : 'are'} in the report, without comments, and never fail the check.`,
      '',
    );
  if (all.length) {
    lines.push(
      `| kind | ${SEVERITIES.join(' | ')} | new |`,
      `|---|${SEVERITIES.map(() => '---:').join('|')}|---:|`,
    );
    const newSet = new Set(c.new);
    for (const kind of FINDING_KINDS) {
      const ofKind = all.filter((f) => f.kind === kind);
      if (!ofKind.length) continue;
      const count = (list: Finding[]) =>
        SEVERITIES.map((sev) => list.filter((f) => f.severity === sev).length || '·').join(' | ');
      lines.push(`| ${kind} | ${count(ofKind)} | ${ofKind.filter((f) => newSet.has(f)).length} |`);
    }
    lines.push('');
  }
  const reach = reachabilityCounts(all);
  if (reach) {
    const demoted = all.filter((f) => f.nonGating && !f.suppression).length;
    lines.push(
      `**Reachability:** ${describeReachability(reach)}${demoted ? ` · ${demoted} unreachable ${demoted === 1 ? 'finding is' : 'findings are'} one severity lower, without comments, and never fail the check` : ''}.`,
      '',
    );
  }
  const malicious = all.filter((f) => f.properties?.malicious !== undefined);
  if (malicious.length) {
    const names = malicious.map((f) => `${f.package?.name}@${f.package?.version}`);
    lines.push(
      `> 🚨 **${plural(malicious.length, 'malicious package')}**: ${inertMarkdown([...new Set(names)].join(', '))}. Remove them and rotate every secret the machines that installed them could read.`,
      '',
    );
  }
  const licences = all.filter((f) => f.ruleId.startsWith('sca/license-'));
  if (licences.length) lines.push(licenceLine(licences), '');
  const fixes = packageFixes(all).slice(0, 10);
  if (fixes.length) {
    lines.push('**Top fixes**', '');
    for (const fix of fixes)
      lines.push(`- upgrade ${inertMarkdown(fix.name)} to ${inertMarkdown(fix.to)}: fixes ${fix.fixes}`);
    lines.push('');
  }
  const plan = renderPlanSection(s.upgradePlan);
  if (plan) lines.push(plan, '');
  const links = [
    ...(s.checkRuns ?? []).map((r) => `[${r.name}](${r.url})`),
    ...(s.reportUrl ? [`[HTML report](${s.reportUrl})`] : []),
  ];
  if (links.length) lines.push(`Details: ${links.join(' · ')}`, '');
  for (const note of s.notes ?? []) lines.push(`> ${note}`);
  return boundText(lines.join('\n').trimEnd());
}

/** The licence findings in one line: the denied first, at most ten packages named. */
function licenceLine(findings: readonly Finding[]): string {
  const named = [...findings]
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))
    .slice(0, 10)
    .map((f) => `${f.package?.name}@${f.package?.version} (${f.ruleId.slice('sca/license-'.length)})`);
  const more = findings.length > named.length ? `, and ${findings.length - named.length} more` : '';
  return `> ⚖️ **${plural(findings.length, 'licence finding')}** against the licence policy: ${inertMarkdown(named.join(', '))}${more}.`;
}

/** Counts per kind for outputs: `{ sast: 3, sca: 1 }`. */
export function countByKind(findings: readonly Finding[]): Partial<Record<FindingKind, number>> {
  const out: Partial<Record<FindingKind, number>> = {};
  for (const f of findings) out[f.kind] = (out[f.kind] ?? 0) + 1;
  return out;
}

export const describeNew = (c: Classified) =>
  `${plural(c.new.length, 'new finding')}, ${c.existing.length} existing`;

/** Create the PR's one summary comment, or edit it in place (found by its hidden marker). */
export async function upsertSummaryComment(
  gh: GitHub,
  repo: RepoRef,
  pullNumber: number,
  body: string,
): Promise<{ id: number; created: boolean }> {
  const text = body.startsWith(SUMMARY_MARKER) ? body : `${SUMMARY_MARKER}\n${body}`;
  const list = (page: number) =>
    gh.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      ...repo,
      issue_number: pullNumber,
      per_page: PER_PAGE,
      page,
    });
  for await (const data of pages(list)) {
    const mine = data.find((c) => c.body?.startsWith(SUMMARY_MARKER));
    if (!mine) continue;
    if (mine.body !== text) {
      await gh.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        ...repo,
        comment_id: mine.id,
        body: text,
      });
    }
    return { id: Number(mine.id), created: false };
  }
  const { data } = await gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
    ...repo,
    issue_number: pullNumber,
    body: text,
  });
  return { id: Number(data.id), created: true };
}
