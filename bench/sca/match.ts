/**
 * SCA matching benchmark: a 5,000-package lockfile against an offline database of ≥ 50,000 OSV
 * records. Prints, in one run, the lockfile's read + parse time and the matching time; the floor
 * is matching ≤ 2 × read + parse.
 *
 *   npx node bench/sca/match.ts [records=50000] [packages=5000] [hit-every=25]
 *
 * The lockfile is the inventory benchmark's synthesised package-lock v3 (bench/sca/make-lockfile.ts,
 * real names and versions from the corpus). The advisories are synthesised deterministically from
 * the corpus's real npm OSV records: record k is real record k mod R with its id and aliases
 * suffixed `-B<k>` and its npm package renamed — every `hit-every`-th to a package of the lockfile
 * (so real ranges are evaluated against real versions), the rest to names not in it. The default,
 * 25, files 2,000 advisories against the lockfile's names; `5` (10,000) is the dense stress case. Ranges, versions
 * lists, severities and texts are the real records' own.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AdvisoryDatabase } from '../../src/sca/osv/db.ts';
import { matchPackages } from '../../src/sca/osv/matcher.ts';
import { parseRecord, type OsvRecord } from '../../src/sca/osv/schema.ts';
import { DatabaseSource } from '../../src/sca/osv/source.ts';
import { mergeInstalls } from '../../src/sca/scanner.ts';
import { benchLockfile, readAndParse } from './parse-lockfile.ts';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

/** Every real npm OSV record of the corpus, once per id. */
function realNpmRecords(): OsvRecord[] {
  const byId = new Map<string, OsvRecord>();
  for (const dir of ['osv/npm', 'osv-extracted/npm']) {
    for (const f of readdirSync(join(CORPUS, dir)).sort()) {
      const r = parseRecord(JSON.parse(readFileSync(join(CORPUS, dir, f), 'utf8')), f);
      if (r.affected?.some((a) => a.package?.ecosystem === 'npm')) byId.set(r.id, r);
    }
  }
  const bundle = JSON.parse(
    readFileSync(join(CORPUS, 'osv-bundles/osv-scanner-santatracker-vulns.json'), 'utf8'),
  ) as { vulns: unknown[] };
  for (const v of bundle.vulns) {
    const r = parseRecord(v, 'bundle');
    if (!byId.has(r.id)) byId.set(r.id, r);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

function* synthesise(
  real: OsvRecord[],
  count: number,
  lockfileNames: string[],
  hitEvery: number,
): Generator<{ name: string; text: string }> {
  for (let k = 0; k < count; k++) {
    const r = real[k % real.length]!;
    const target =
      k % hitEvery === 0
        ? lockfileNames[(k * 7919) % lockfileNames.length]!
        : `${r.affected![0]!.package!.name}-b${k}`;
    const variant: OsvRecord = {
      ...r,
      id: `${r.id}-B${k}`,
      aliases: (r.aliases ?? []).map((a) => `${a}-B${k}`),
      affected: (r.affected ?? []).map((a) =>
        a.package?.ecosystem === 'npm' ? { ...a, package: { ...a.package, name: target } } : a,
      ),
    };
    yield { name: variant.id, text: JSON.stringify(variant) };
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Wall and CPU time (user + system) of each run, after one warm-up. CPU time is reported beside
 * wall time because the benchmark machine is shared: other processes stretch wall time, not CPU.
 */
async function measure<T>(
  runs: number,
  fn: () => Promise<T> | T,
): Promise<{ wall: number[]; cpu: number[]; last: T }> {
  let last = await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    last = await fn();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { wall, cpu, last };
}

const fmt = (xs: number[]) => `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)})`;

const recordCount = Number(process.argv[2] ?? 50_000);
const packageCount = Number(process.argv[3] ?? 5_000);
const hitEvery = Number(process.argv[4] ?? 25);
const work = mkdtempSync(join(tmpdir(), 'vigil-bench-sca-'));
try {
  const lockfile = benchLockfile(packageCount);
  const parse = await measure(15, () => readAndParse(lockfile));
  const packages = mergeInstalls(parse.last.packages.filter((p) => p.kind === 'registry'));
  const names = [...new Set(packages.map((p) => p.name))].sort();

  const dbPath = join(work, 'osv.db');
  const real = realNpmRecords();
  const t = performance.now();
  const db = AdvisoryDatabase.open(dbPath, { create: true });
  const imported = await db.importEntries('synthetic', synthesise(real, recordCount, names, hitEvery));
  db.close();
  const importMs = performance.now() - t;

  const match = await measure(7, async () => {
    // a fresh handle each run: nothing parsed is carried over
    const source = new DatabaseSource(AdvisoryDatabase.open(dbPath, { readOnly: true }));
    try {
      return (await matchPackages(packages, source)).matches.length;
    } finally {
      source.close();
    }
  });
  const wallRatio = median(match.wall) / median(parse.wall);
  const cpuRatio = median(match.cpu) / median(parse.cpu);
  console.log(
    `vigil SCA matching benchmark — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}/${process.arch}`,
  );
  console.log(
    `lockfile: ${parse.last.packages.length} packages (${packages.length} distinct name@version, ${names.length} names)`,
  );
  console.log(
    `database: ${imported.imported} records synthesised from ${real.length} real npm records, every ${hitEvery}th on a lockfile package (import ${(importMs / 1000).toFixed(1)} s)`,
  );
  console.log(`read + parse (15 runs): wall ${fmt(parse.wall)}, CPU ${fmt(parse.cpu)}`);
  console.log(
    `matching (7 runs, cold handle): wall ${fmt(match.wall)}, CPU ${fmt(match.cpu)} — ${match.last} matches`,
  );
  console.log(
    `ratio matching / read + parse: wall ${wallRatio.toFixed(2)}, CPU ${cpuRatio.toFixed(2)} — floor ≤ 2: ${wallRatio <= 2 ? 'PASS' : 'FAIL'} (wall), ${cpuRatio <= 2 ? 'PASS' : 'FAIL'} (CPU)`,
  );
  process.exitCode = wallRatio <= 2 ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
