/**
 * SCA reachability benchmark: the share of SCA findings in each reachability verdict on real
 * open-source applications, scanned offline against the corpus's real OSV records.
 *
 *   npx node bench/sca/reachability.ts [app-dir…]
 *
 * Apps are trees extracted with `git archive` from mirrors into bench/work/reach/<name> (see
 * bench/README.md for the list and commits). The advisory database is built from
 * ../shared/corpus (osv/, osv-extracted/ and the santatracker bundle, npm and Go) — read in place:
 * this is a benchmark, not a test. Prints one line per app and a total, then every verdict (app,
 * package, advisory, verdict, evidence) for the hand check.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScan } from '../../src/core/scan.ts';
import { AdvisoryDatabase } from '../../src/sca/osv/db.ts';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const APPS = fileURLToPath(new URL('../work/reach/', import.meta.url));

async function corpusDatabase(path: string): Promise<void> {
  const db = AdvisoryDatabase.open(path, { create: true });
  try {
    for (const dir of ['osv/npm', 'osv-extracted/npm', 'osv/Go', 'osv-extracted/Go'])
      await db.importDirectory(join(CORPUS, dir));
    const bundle = JSON.parse(
      readFileSync(join(CORPUS, 'osv-bundles/osv-scanner-santatracker-vulns.json'), 'utf8'),
    ) as { vulns: { id: string }[] };
    await db.importEntries(
      'santatracker',
      bundle.vulns.map((v) => ({ name: v.id, text: JSON.stringify(v) })),
    );
  } finally {
    db.close();
  }
}

interface Reach {
  verdict: string;
  reason: string;
  evidence: { path: string; line: number; snippet?: string }[];
  symbols?: string[];
  symbolsFrom?: string;
}

const work = mkdtempSync(join(tmpdir(), 'vigil-bench-reach-'));
try {
  await corpusDatabase(join(work, 'osv.db'));
  const args = process.argv.slice(2);
  const apps = args.length
    ? args
    : readdirSync(APPS)
        .sort()
        .map((n) => join(APPS, n));
  const total = new Map<string, number>();
  const lines: string[] = [];
  for (const app of apps) {
    if (!existsSync(app)) throw new Error(`${app}: no such app tree (see bench/README.md)`);
    const result = await runScan({
      root: app,
      config: { scanners: ['sca'] },
      options: { offline: true, cacheDir: work },
    });
    const counts = new Map<string, number>();
    const sca = result.findings.filter((f) => f.kind === 'sca' && f.package);
    for (const f of sca) {
      const r = f.properties?.reachability as Reach | undefined;
      const v = r?.verdict ?? 'none';
      counts.set(v, (counts.get(v) ?? 0) + 1);
      total.set(v, (total.get(v) ?? 0) + 1);
      const ev = r?.evidence.map((e) => `${e.path}:${e.line}`).join(', ') ?? '';
      lines.push(
        `${basename(app)}\t${f.package!.name}@${f.package!.version}\t${f.ruleId}\t${v}\t${r?.symbols?.join(' ') ?? ''}\t${ev}\t${r?.reason ?? ''}`,
      );
    }
    for (const d of result.diagnostics.filter((d) => d.level === 'error'))
      console.error(`${basename(app)}: ${d.message}`);
    console.log(`${basename(app)}: ${sca.length} findings`, Object.fromEntries(counts));
  }
  const n = [...total.values()].reduce((a, b) => a + b, 0);
  console.log(
    `all: ${n} findings`,
    Object.fromEntries([...total].map(([k, v]) => [k, `${v} (${((100 * v) / n).toFixed(0)} %)`])),
  );
  console.log(lines.join('\n'));
} finally {
  rmSync(work, { recursive: true, force: true });
}
