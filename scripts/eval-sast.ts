/**
 * Evaluates the taint rules on the labelled corpus in test/corpus/: every vulnerable line carries
 * `vuln: <rule-id>`, every safe look-alike `safe: <rule-id>`. A sink in a helper is labelled where
 * it stands, and each call of the helper where a route hands it data: a vulnerable call is found
 * when a flow of the finding passes it, a safe one false-flagged when one does. Prints, per class
 * (taint rule), recall (marked vulnerabilities found) and false-positive rate (findings on safe
 * look-alikes or on unmarked lines, over all negatives seen). Usage: `npx node scripts/eval-sast.ts [corpus-dir]`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sastRules } from '../rules/index.ts';
import type { DraftFinding } from '../src/core/finding.ts';
import { isSastFile } from '../src/sast/parse.ts';
import { scanJsFiles } from '../src/sast/workers/index.ts';

const MARKER = /\b(vuln|safe): (js\/[a-z-]+)/g;

export interface ClassStats {
  id: string;
  vulnerable: number;
  found: number;
  safe: number;
  falsePositives: number;
  recall: number;
  fpRate: number;
  missed: string[];
  spurious: string[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split('\\').join('/'))
    .filter((f) => isSastFile(f) && statSync(join(dir, f)).isFile());
}

/** The lines a finding's flows pass through: a helper's call site is where a route hands it the data. */
function flowLines(app: string, f: DraftFinding): string[] {
  return [f.flow ?? [], ...(f.otherFlows ?? [])].flatMap((flow) =>
    flow.map((step) => `${app}/${step.location.path}:${step.location.startLine}`),
  );
}

export async function evaluateCorpus(corpus: string): Promise<ClassStats[]> {
  const taintIds = new Set(sastRules.filter((r) => r.taint).map((r) => r.meta.id));
  const vuln = new Map<string, Set<string>>();
  const safe = new Map<string, Set<string>>();
  const found = new Map<string, Set<string>>();
  const through = new Map<string, Set<string>>();
  for (const id of taintIds) [vuln, safe, found, through].forEach((m) => m.set(id, new Set()));

  for (const app of readdirSync(corpus).filter((d) => statSync(join(corpus, d)).isDirectory())) {
    const root = join(corpus, app);
    const files = filesUnder(root);
    for (const file of files) {
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const m of line.matchAll(MARKER)) {
            const table = m[1] === 'vuln' ? vuln : safe;
            if (!table.has(m[2]!)) throw new Error(`${app}/${file}:${i + 1}: ${m[2]} is not a taint rule`);
            table.get(m[2]!)!.add(`${app}/${file}:${i + 1}`);
          }
        });
    }
    const result = await scanJsFiles(
      files.map((path) => ({ path, absPath: join(root, path) })),
      { rules: sastRules, root, workers: 0 },
    );
    const errors = result.diagnostics.filter((d) => d.level === 'error');
    if (errors.length) throw new Error(`${app}: ${errors.map((d) => `${d.path}: ${d.message}`).join('; ')}`);
    for (const f of result.findings) {
      // Taint flows are measured here, whatever their precision; a pattern half's findings carry no flow.
      if (!f.flow || !taintIds.has(f.ruleId)) continue;
      found.get(f.ruleId)!.add(`${app}/${f.location.path}:${f.location.startLine}`);
      for (const line of flowLines(app, f)) through.get(f.ruleId)!.add(line);
    }
  }

  return [...taintIds].sort().map((id) => {
    const v = vuln.get(id)!;
    const s = safe.get(id)!;
    const hits = found.get(id)!;
    const passed = through.get(id)!;
    // A finding stands at its sink; a vulnerable call of a helper is found when a flow passes it,
    // and a safe one is false-flagged when a flow passes it.
    const missed = [...v].filter((l) => !hits.has(l) && !passed.has(l));
    const spurious = [...new Set([...hits, ...[...s].filter((l) => passed.has(l))])].filter((l) => !v.has(l));
    const onSafe = spurious.filter((l) => s.has(l)).length;
    const unmarked = spurious.length - onSafe;
    // Negatives: the marked look-alikes plus any unmarked line the rule fired on.
    const negatives = s.size + unmarked;
    return {
      id,
      vulnerable: v.size,
      found: v.size - missed.length,
      safe: s.size,
      falsePositives: spurious.length,
      recall: v.size ? (v.size - missed.length) / v.size : 1,
      fpRate: negatives ? spurious.length / negatives : 0,
      missed,
      spurious,
    };
  });
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`.padStart(7);
}

if (import.meta.main) {
  const corpus = process.argv[2] ?? fileURLToPath(new URL('../test/corpus', import.meta.url));
  const stats = await evaluateCorpus(corpus);
  console.log(`corpus: ${relative(process.cwd(), corpus) || '.'}`);
  console.log(
    `${'class'.padEnd(30)} ${'vuln'.padStart(5)} ${'found'.padStart(5)} ${'safe'.padStart(5)} ${'FP'.padStart(4)} ${'recall'.padStart(7)} ${'FP rate'.padStart(7)}`,
  );
  for (const s of stats) {
    console.log(
      `${s.id.padEnd(30)} ${String(s.vulnerable).padStart(5)} ${String(s.found).padStart(5)} ${String(s.safe).padStart(5)} ${String(s.falsePositives).padStart(4)} ${pct(s.recall)} ${pct(s.fpRate)}`,
    );
    for (const m of s.missed) console.log(`    missed   ${m}`);
    for (const m of s.spurious) console.log(`    spurious ${m}`);
  }
  const total = stats.reduce(
    (a, s) => ({
      v: a.v + s.vulnerable,
      f: a.f + s.found,
      fp: a.fp + s.falsePositives,
      safe: a.safe + s.safe,
    }),
    { v: 0, f: 0, fp: 0, safe: 0 },
  );
  console.log(
    `${'all classes'.padEnd(30)} ${String(total.v).padStart(5)} ${String(total.f).padStart(5)} ${String(total.safe).padStart(5)} ${String(total.fp).padStart(4)} ${pct(total.v ? total.f / total.v : 1)}`,
  );
}
