/**
 * Library benchmark (issue #14): for each advisory of bench/library/advisories.json, the last
 * vulnerable and the first fixed version of the package from the npm registry, scanned by vigil
 * and by ESLint + eslint-plugin-security (the anchor).
 *
 * - detected: an alert of the advisory's class stands within SLACK lines of code the fix changed;
 * - fix recognised: detected, and the fixed version has fewer such alerts near its changed code;
 * - looser, since a fix may guard far from the weakness (y18n's `Object.create(null)` in the
 *   constructor): an alert of the class in a file the fix changed, and fewer in the fixed file;
 * - alerts per package: every alert of the tool on the vulnerable version.
 * An advisory whose fix touches no JS/TS source cannot be located and is left out (counted).
 * Usage: npx node bench/library/bench.ts [--only <id>] [--no-eslint]
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eslintAlerts, vigilAlerts, type Alert } from './alerts.ts';
import { ESLINT_RULES, VIGIL_RULES, type Advisory, type WeaknessClass } from './classes.ts';
import { fixDiff, nearChange, type FixDiff } from './diff.ts';
import { incompleteFixes } from './incomplete.ts';
import { firstFixed, lastVulnerable, tree, WORK } from './trees.ts';

const SLACK = 5;

interface Verdict {
  /** An alert of the class within SLACK lines of code the fix changed. */
  detected: boolean;
  fixRecognised: boolean;
  /** Looser: an alert of the class anywhere in a file the fix changed (the fix may guard elsewhere). */
  inChangedFile: boolean;
  /** …and the fixed version has fewer alerts of the class in those files. */
  inChangedFileFixed: boolean;
  alerts: number;
}

interface Row {
  id: string;
  package: string;
  vulnerable?: string;
  fixed: string;
  class: WeaknessClass;
  /** Later advisories still affecting the fixed version: the fix was incomplete. */
  incompleteFix?: string[];
  skipped?: string;
  vigil?: Verdict;
  eslint?: Verdict;
}

function judge(
  rules: readonly string[],
  diff: FixDiff,
  before: readonly Alert[],
  after: readonly Alert[],
): Verdict {
  const near = (alerts: readonly Alert[], side: FixDiff['before']) =>
    alerts.filter((a) => rules.includes(a.rule) && nearChange(side, a.file, a.line, SLACK)).length;
  const inFiles = (alerts: readonly Alert[], side: FixDiff['before']) =>
    alerts.filter((a) => rules.includes(a.rule) && side.has(a.file)).length;
  const hits = near(before, diff.before);
  const fileHits = inFiles(before, diff.before);
  return {
    detected: hits > 0,
    fixRecognised: hits > 0 && near(after, diff.after) < hits,
    inChangedFile: fileHits > 0,
    inChangedFileFixed: fileHits > 0 && inFiles(after, diff.after) < fileHits,
    alerts: before.length,
  };
}

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const withEslint = !args.includes('--no-eslint');
const advisories = (
  JSON.parse(readFileSync(new URL('./advisories.json', import.meta.url), 'utf8')) as Advisory[]
).filter((a) => !only || a.id === only);

rmSync(join(WORK, 'cache'), { recursive: true, force: true });
// Judged against the whole list, also when `--only` picks one.
const incomplete = incompleteFixes(
  JSON.parse(readFileSync(new URL('./advisories.json', import.meta.url), 'utf8')) as Advisory[],
);
const rows: Row[] = [];
for (const advisory of advisories) {
  const row: Row = {
    id: advisory.id,
    package: advisory.package,
    fixed: advisory.fixed,
    class: advisory.class,
    ...(incomplete.has(advisory.id) ? { incompleteFix: incomplete.get(advisory.id) } : {}),
  };
  rows.push(row);
  try {
    const vulnerable = lastVulnerable(advisory);
    if (!vulnerable) {
      row.skipped = 'no vulnerable version on the registry';
      continue;
    }
    row.vulnerable = vulnerable;
    const fixed = firstFixed(advisory);
    if (!fixed) {
      row.skipped = 'no fixed version on the registry';
      continue;
    }
    row.fixed = fixed;
    const before = tree(advisory.package, vulnerable);
    const after = tree(advisory.package, fixed);
    const diff = fixDiff(before, after);
    if (diff.before.size === 0) {
      row.skipped = 'the fix changes no JS/TS source';
      continue;
    }
    row.vigil = judge(
      advisory.classes.flatMap((c) => VIGIL_RULES[c]),
      diff,
      vigilAlerts(before),
      vigilAlerts(after),
    );
    if (withEslint) {
      row.eslint = judge(
        advisory.classes.flatMap((c) => ESLINT_RULES[c]),
        diff,
        await eslintAlerts(before),
        await eslintAlerts(after),
      );
    }
  } catch (error) {
    row.skipped = `error: ${(error as Error).message.split('\n')[0]}`;
  }
  const v = row.vigil;
  console.error(
    `${row.id} ${row.package}@${row.vulnerable ?? '?'}→${row.fixed} ${row.class}: ${
      row.skipped ?? `vigil ${v!.detected ? 'detected' : 'missed'}${v!.fixRecognised ? ', fix seen' : ''}`
    }`,
  );
}

mkdirSync(WORK, { recursive: true });
writeFileSync(join(WORK, 'results.json'), `${JSON.stringify(rows, null, 2)}\n`);

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(0)} %` : '–');
const scored = rows.filter((r) => r.vigil);
const line = (label: string, subset: Row[]) => {
  const cells = (tool: 'vigil' | 'eslint') => {
    const verdicts = subset.map((r) => r[tool]).filter((v): v is Verdict => v !== undefined);
    if (verdicts.length === 0) return '– | – | –';
    const count = (p: (v: Verdict) => boolean) => verdicts.filter(p).length;
    const detected = count((v) => v.detected);
    const loose = count((v) => v.inChangedFile);
    const alerts = verdicts.reduce((n, v) => n + v.alerts, 0) / verdicts.length;
    return [
      `${detected} (${pct(detected, verdicts.length)}), fix seen ${pct(
        count((v) => v.fixRecognised),
        detected,
      )}`,
      `${loose} (${pct(loose, verdicts.length)}), fix seen ${pct(
        count((v) => v.inChangedFileFixed),
        loose,
      )}`,
      alerts.toFixed(1),
    ].join(' | ');
  };
  return `| ${label} | ${subset.length} | ${cells('vigil')} | ${cells('eslint')} |`;
};
const classes = [...new Set(scored.map((r) => r.class))].sort();
console.log(
  [
    '| class | advisories | vigil: on changed lines | vigil: in changed files | vigil alerts/pkg | ESLint: on changed lines | ESLint: in changed files | ESLint alerts/pkg |',
    '|---|---|---|---|---|---|---|---|',
    ...classes.map((c) =>
      line(
        c,
        scored.filter((r) => r.class === c),
      ),
    ),
    line('**all**', scored),
  ].join('\n'),
);
const complete = scored.filter((r) => !r.incompleteFix);
for (const tool of ['vigil', 'eslint'] as const) {
  const detected = complete.filter((r) => r[tool]?.detected);
  if (detected.length === 0) continue;
  const seen = detected.filter((r) => r[tool]!.fixRecognised).length;
  console.log(
    `\n${tool}: fix seen ${seen} of ${detected.length} (${pct(seen, detected.length)}) where the fix is complete ` +
      `(${scored.length - complete.length} advisories' fixed versions are affected by a later advisory of the same class)`,
  );
}
const skipped = rows.filter((r) => r.skipped);
console.log(`\n${scored.length} scored, ${skipped.length} left out:`);
for (const r of skipped) console.log(`- ${r.id} ${r.package}: ${r.skipped}`);
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
