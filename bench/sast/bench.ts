/**
 * SAST benchmark, all figures from one run: installs the pinned packages (first run), lists their
 * JS/TS sources, then measures each contender in its own fresh process, one after the other.
 * Usage: npx node bench/sast/bench.ts
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusFiles, ensureInstalled, PACKAGES, WORK } from './corpus.ts';

ensureInstalled();
const files = corpusFiles();
const listFile = join(WORK, 'files.json');
writeFileSync(listFile, JSON.stringify(files));
console.log(
  `corpus: ${files.length} files from ${Object.entries(PACKAGES)
    .map(([n, v]) => `${n}@${v}`)
    .join(', ')} (and their dependencies)`,
);

const measure = fileURLToPath(new URL('./measure.ts', import.meta.url));
const run = (mode: string): Record<string, number> => {
  const out = execFileSync(process.execPath, [measure, mode, listFile], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const result = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
  console.log(JSON.stringify(result));
  return result;
};

const parse = run('parse');
const parse2 = run('parse-2');
const parseDefaults = run('parse-defaults');
const vigil = run('vigil');
const eslint = run('eslint');
const ratio = (a: number, b: number) => (a / b).toFixed(2);
console.log(
  `vigil ÷ bare parse, vigil's options (wall): ${ratio(vigil.wallMs!, parse.wallMs!)}   floor ≤ 1.5 (judged on this)`,
);
console.log(`vigil ÷ bare parse, estree defaults (wall): ${ratio(vigil.wallMs!, parseDefaults.wallMs!)}`);
console.log(
  `bare parse on 2 threads ÷ on 1 (wall): ${ratio(parse2.wallMs!, parse.wallMs!)}   what a second thread buys here`,
);
console.log(`vigil ran with ${vigil.workers} worker thread(s) (the default here; VIGIL_WORKERS overrides)`);
console.log(`eslint ÷ vigil (wall): ${ratio(eslint.wallMs!, vigil.wallMs!)}   floor ≥ 3`);
console.log(`vigil peak RSS: ${vigil.peakRssMb} MB   floor ≤ 1024 MB`);
console.log(
  `node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
