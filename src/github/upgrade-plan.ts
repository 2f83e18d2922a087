import type { PlanOutcome } from '../sca/plan/make-plan.ts';
import { itemWeight, type PlannedUpgrade, type UnremovedItem } from '../sca/plan/planner.ts';
import { advisory, REASONS, summaryLine, totals } from '../sca/plan/render.ts';
import { clip, inertMarkdown } from './text.ts';

/** Rows of each list a PR summary shows; the rest are counted ("and N more"), the CLI lists all. */
export const MAX_PLAN_ROWS = 10;
/** Advisories named in one upgrade's row. */
const MAX_NAMED = 3;
/** The section stays a small part of GitHub's 65,535-character comment. */
const MAX_SECTION = 8000;

const cell = (s: string) => inertMarkdown(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** How an upgrade lands, in a few words: a lockfile refresh, inside the range, or a range change. */
function how(u: PlannedUpgrade): string {
  if (u.to === u.from) return 'lockfile refresh';
  if (u.withinRange === true) return `in range \`${u.declaredRange}\``;
  const kind = u.upgrade === 'unknown' || u.upgrade === undefined ? 'upgrade' : u.upgrade;
  return u.withinRange === false ? `${kind}, outside \`${u.declaredRange}\`` : kind;
}

function removes(u: PlannedUpgrade): string {
  const named = u.removes.slice(0, MAX_NAMED).map(advisory);
  const more = u.removes.length - named.length;
  return `${named.join('<br>')}${more ? `<br>and ${more} more` : ''}${u.introduces.length ? `<br>brings in ${u.introduces.map((i) => `${i.ids[0]} in ${i.name}@${i.version}`).join(', ')}` : ''}`;
}

/** Severity × reachability of what an upgrade removes: the order the plan chose them in. */
const weight = (u: PlannedUpgrade) => Math.round(u.removes.reduce((n, i) => n + itemWeight(i), 0) * 10) / 10;

const more = (n: number, one: string, many = `${one}s`) =>
  n > 0 ? [`- … and ${n} more ${n === 1 ? one : many}`] : [];

/**
 * The PR summary's "Upgrade plan" section: the upgrades (from → to, in range or not, what each
 * removes, its weight), then what no upgrade removes and why, each list capped. Undefined when
 * there is nothing to plan (no npm advisory the PR's policy counts).
 */
export function renderPlanSection(outcome: PlanOutcome | undefined): string | undefined {
  if (!outcome) return undefined;
  if ('unavailable' in outcome)
    return `**Upgrade plan**: no plan could be made: ${cell(outcome.unavailable)}. The scan's findings are complete without it.`;
  const { plan } = outcome;
  const t = totals(plan);
  if (t.removed + t.remaining === 0 && plan.notes.length === 0) return undefined;
  const ups = plan.lockfiles.flatMap((l) => l.upgrades);
  const several = plan.lockfiles.length > 1;
  const lines = [
    `**Upgrade plan** (registry ${cell(plan.registry.url)}): ${summaryLine(t)}${plan.incomplete ? ' Incomplete: part of the plan could not be made.' : ''}`,
    '',
  ];
  if (ups.length) {
    lines.push(
      `| ${several ? 'lockfile | ' : ''}upgrade | how | removes | weight |`,
      `|${several ? '---|' : ''}---|---|---|---:|`,
    );
    for (const u of ups.slice(0, MAX_PLAN_ROWS))
      lines.push(
        `| ${several ? `\`${cell(u.lockfile)}\` | ` : ''}${cell(`${u.installedAs ?? u.name} ${u.from}${u.to === u.from ? '' : ` → ${u.to}`}`)} | ${how(u)} | ${cell(removes(u))} | ${weight(u)} |`,
      );
    lines.push(...more(ups.length - MAX_PLAN_ROWS, 'upgrade'), '');
  }
  const unremoved: UnremovedItem[] = plan.lockfiles.flatMap((l) => l.unremoved);
  if (unremoved.length) {
    lines.push('Not removed by any upgrade:', '');
    for (const u of unremoved.slice(0, MAX_PLAN_ROWS))
      lines.push(`- ${cell(advisory(u.item))}: ${REASONS[u.reason]} (${cell(clip(u.detail, 300))})`);
    lines.push(...more(unremoved.length - MAX_PLAN_ROWS, 'advisory', 'advisories'), '');
  }
  const notes = [...plan.notes, ...plan.lockfiles.flatMap((l) => l.notes.map((n) => `${l.path}: ${n}`))];
  for (const n of notes.slice(0, 3)) lines.push(`> ${cell(clip(n, 300))}`);
  if (notes.length > 3)
    lines.push(`> … and ${notes.length - 3} more ${notes.length === 4 ? 'note' : 'notes'}`);
  return clip(lines.join('\n').trimEnd(), MAX_SECTION);
}
