/**
 * Container scan speed and memory on a real Debian image built from .debs (see build-image.sh):
 * scan time against the time to just gunzip every layer, and peak RSS as the image doubles.
 * Each measurement runs in a fresh process. CPU time (user + system) is reported next to wall
 * time because wall time on a shared machine mostly measures the neighbours.
 * Run: npx node bench/container/bench.ts [targetMb=70] [runs=5]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const work = join(here, '../work/container');
const target = Number(process.argv[2] ?? 70);
const runs = Number(process.argv[3] ?? 5);

interface Measurement {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
}

function build(name: string, mb: number): string {
  const out = join(work, name);
  if (!existsSync(join(out, 'index.json')))
    execFileSync('bash', [join(here, 'build-image.sh'), out, String(mb), '5'], { stdio: 'inherit' });
  return out;
}

function blobBytes(layout: string): number {
  const dir = join(layout, 'blobs/sha256');
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

function measure(mode: 'gunzip' | 'scan', layout: string): Measurement {
  const out = execFileSync(process.execPath, [join(here, 'measure.ts'), mode, layout], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Measurement;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const mb of [target, target * 2]) {
  const name = `debian-${mb}mb`;
  const layout = build(name, mb);
  const gunzip: Measurement[] = [];
  const scan: Measurement[] = [];
  // Interleaved so both see the same background load.
  for (let i = 0; i < runs; i++) {
    gunzip.push(measure('gunzip', layout));
    scan.push(measure('scan', layout));
  }
  const pick = (xs: Measurement[], k: keyof Measurement) => median(xs.map((x) => x[k]));
  // Pair by pair (each scan with the gunzip run just before it): the spread the load causes.
  const pairs = (k: keyof Measurement) => scan.map((s, i) => s[k] / gunzip[i]![k]).sort((a, b) => a - b);
  const spread = (k: keyof Measurement) => `${pairs(k)[0]!.toFixed(2)}–${pairs(k).at(-1)!.toFixed(2)}`;
  console.log(
    `${name}: ${(blobBytes(layout) / 1e6).toFixed(0)} MB compressed` +
      ` | gunzip ${pick(gunzip, 'ms')} ms wall, ${pick(gunzip, 'cpuMs')} ms cpu, rss ${pick(gunzip, 'maxRssMb')} MB` +
      ` | scan ${pick(scan, 'ms')} ms wall, ${pick(scan, 'cpuMs')} ms cpu, rss ${pick(scan, 'maxRssMb')} MB` +
      ` (max ${Math.max(...scan.map((x) => x.maxRssMb))})` +
      ` | scan/gunzip medians: wall ${(pick(scan, 'ms') / pick(gunzip, 'ms')).toFixed(2)}, cpu ${(pick(scan, 'cpuMs') / pick(gunzip, 'cpuMs')).toFixed(2)}` +
      ` | pairwise: wall ${spread('ms')}, cpu ${spread('cpuMs')}`,
  );
}
