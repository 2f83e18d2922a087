import type { PlanResult } from './make-plan.ts';
import type { PlannedUpgrade, UnremovedItem, VulnerableItem } from './planner.ts';

export const PLAN_FORMATS = ['text', 'json', 'markdown'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const REASONS: Record<UnremovedItem['reason'], string> = {
  'no-fixed-version': 'no fixed version',
  pinned: 'a parent pins it',
  unresolved: 'not planned',
};

/** What to do for one upgrade, in words: a refresh, inside the declared range, or a range change. */
export function upgradeAction(u: PlannedUpgrade): string {
  const name = u.installedAs ? `${u.installedAs} (${u.name})` : u.name;
  if (u.to === u.from)
    return `refresh ${name} ${u.from}: its dependencies' ranges already admit fixed versions (a lockfile refresh suffices)`;
  const how =
    u.withinRange === true
      ? `inside the declared range ${u.declaredRange}: a lockfile refresh suffices`
      : u.withinRange === false
        ? `outside the declared range ${u.declaredRange}: change the range${u.upgrade === 'major' ? ' (crosses a major version)' : ''}`
        : u.upgrade === 'major'
          ? 'crosses a major version'
          : u.upgrade === 'unknown'
            ? 'an upgrade'
            : `a ${u.upgrade} upgrade`;
  return `upgrade ${name} ${u.from} → ${u.to} (${how})`;
}

export const advisory = (i: VulnerableItem) =>
  `${i.ids[0]} (${i.severity}${i.reachability ? `, ${i.reachability}` : ''}) in ${i.name}@${i.version}`;

const broughtIn = (u: PlannedUpgrade) =>
  u.introduces.map((i) => `${i.ids[0]} in ${i.name}@${i.version}`).join('; ');

export interface Totals {
  upgrades: number;
  removed: number;
  remaining: number;
  inRange: number;
  major: number;
}

export function totals(result: PlanResult): Totals {
  const ups = result.lockfiles.flatMap((l) => l.upgrades);
  const removed = new Set(
    ups.flatMap((u) => u.removes.map((i) => `${u.lockfile}\u0000${i.name}@${i.version}\u0000${i.ids[0]}`)),
  );
  return {
    upgrades: ups.length,
    removed: removed.size,
    remaining: result.lockfiles.reduce((n, l) => n + l.unremoved.length, 0),
    inRange: ups.filter((u) => u.to === u.from || u.withinRange === true).length,
    major: ups.filter((u) => u.upgrade === 'major').length,
  };
}

export function summaryLine(t: Totals): string {
  if (t.removed + t.remaining === 0) return 'No advisory in any npm lockfile: nothing to upgrade.';
  return `${plural(t.upgrades, 'upgrade')} remove ${t.removed} of ${plural(t.removed + t.remaining, 'advisory', 'advisories')} (${t.inRange} by a lockfile refresh, ${plural(t.major, 'major upgrade')}).`;
}

function header(result: PlanResult): string {
  return `Upgrade plan (registry ${result.registry.url}, from ${result.registry.from}; ${result.packuments} of at most ${result.maxPackuments} packuments)`;
}

function renderText(result: PlanResult): string {
  const out = [header(result), ''];
  for (const l of result.lockfiles) {
    out.push(`${l.path} (${l.format})`);
    for (const u of l.upgrades) {
      out.push(`  ${upgradeAction(u)}`);
      out.push(
        `    removes ${plural(u.removes.length, 'advisory', 'advisories')}: ${u.removes.map(advisory).join('; ')}`,
      );
      if (u.introduces.length > 0) out.push(`    brings in ${broughtIn(u)}`);
    }
    if (l.upgrades.length === 0) out.push('  no upgrade removes an advisory');
    if (l.unremoved.length > 0) {
      out.push(`  not removed by any upgrade (${l.unremoved.length}):`);
      for (const u of l.unremoved) out.push(`    ${advisory(u.item)}: ${REASONS[u.reason]}: ${u.detail}`);
    }
    for (const n of l.notes) out.push(`  note: ${n}`);
    out.push('');
  }
  for (const n of result.notes) out.push(`note: ${n}`);
  out.push(summaryLine(totals(result)));
  if (result.incomplete)
    out.push('INCOMPLETE: part of the plan could not be made (see "not planned" and the notes).');
  return `${out.join('\n')}\n`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function renderMarkdown(result: PlanResult): string {
  const out = ['## Upgrade plan', '', header(result), ''];
  for (const l of result.lockfiles) {
    out.push(`### \`${l.path}\``, '');
    if (l.upgrades.length > 0) {
      out.push('| Upgrade | Removes |', '|---|---|');
      for (const u of l.upgrades)
        out.push(
          `| ${cell(upgradeAction(u))} | ${cell(u.removes.map(advisory).join('<br>'))}${u.introduces.length ? `<br>brings in ${cell(broughtIn(u))}` : ''} |`,
        );
      out.push('');
    }
    if (l.unremoved.length > 0) {
      out.push('| Not removed | Why |', '|---|---|');
      for (const u of l.unremoved)
        out.push(`| ${cell(advisory(u.item))} | ${cell(`${REASONS[u.reason]}: ${u.detail}`)} |`);
      out.push('');
    }
    for (const n of l.notes) out.push(`- note: ${cell(n)}`);
  }
  for (const n of result.notes) out.push(`- note: ${cell(n)}`);
  out.push('', `**${summaryLine(totals(result))}**`);
  if (result.incomplete) out.push('', '**INCOMPLETE**: part of the plan could not be made.');
  return `${out.join('\n')}\n`;
}

export function renderPlan(format: PlanFormat, result: PlanResult): string {
  if (format === 'json')
    return `${JSON.stringify({ version: 1, ...result, summary: totals(result) }, null, 2)}\n`;
  return format === 'markdown' ? renderMarkdown(result) : renderText(result);
}
