/**
 * Synthesises a realistic package-lock.json v3 of N packages (default 5,000) from real npm package
 * names, versions and dependency edges found in the shared corpus's lockfiles, for the SCA
 * benchmarks ("matching time ≤ 2× reading and parsing a 5,000-package lockfile").
 *
 *   npx node bench/sca/make-lockfile.ts [count] [out-file]
 *
 * Deterministic: the same corpus and count give the same file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractLockfile, extractorFor } from '../../src/sca/lockfiles/index.ts';
import type { LockfileExtractor } from '../../src/sca/types.ts';

/** The repository's copy of the corpus lockfiles (test/fixtures/corpus, with their provenance). */
export const CORPUS_LOCKFILES = fileURLToPath(
  new URL('../../test/fixtures/corpus/lockfiles/', import.meta.url),
);

/** Real npm lockfiles of the corpus (MANIFEST.tsv gives their origin), read with our own extractors. */
const SOURCES: [file: string, as: string][] = [
  ['package-lock-v3/socket.io-monorepo-package-lock.json', 'package-lock.json'],
  ['package-lock-v2/osv-scanner-santatracker-package-lock.json', 'package-lock.json'],
  ['yarn-berry/jest-monorepo-yarn.lock', 'yarn.lock'],
  ['yarn-v1/socket.io-cra-example-yarn.lock', 'yarn.lock'],
  ['pnpm-v9/vite-monorepo-pnpm-lock.yaml', 'pnpm-lock.yaml'],
  ['bun.lock/hono-bun.lock', 'bun.lock'],
];

interface RealPackage {
  name: string;
  version: string;
  deps: string[];
}

/** Distinct name@version pairs with the names they depend on, registry packages only. */
export function realNpmPackages(): RealPackage[] {
  const byId = new Map<string, RealPackage>();
  for (const [file, as] of SOURCES) {
    const inv = extractLockfile(
      extractorFor(as) as LockfileExtractor,
      as,
      readFileSync(CORPUS_LOCKFILES + file, 'utf8'),
    );
    const nameOf = new Map(inv.packages.map((p) => [p.purl, p.name]));
    for (const p of inv.packages) {
      if (p.kind !== 'registry') continue;
      const id = `${p.name}@${p.version}`;
      if (!byId.has(id)) {
        byId.set(id, {
          name: p.name,
          version: p.version,
          deps: (p.dependsOn ?? []).flatMap((d) => nameOf.get(d) ?? []),
        });
      }
    }
  }
  return [...byId.values()].sort((a, b) =>
    a.name === b.name ? (a.version < b.version ? -1 : 1) : a.name < b.name ? -1 : 1,
  );
}

/**
 * A package-lock v3 text with `count` packages: the first version of each name hoisted to
 * `node_modules/<name>`, further versions nested under a package that depends on the name (as npm
 * lays out conflicting versions). Integrity fields are left out rather than invented.
 */
export function makeLockfile(count = 5000): string {
  const pool = realNpmPackages();
  const hoisted = new Map<string, RealPackage>();
  const extra: RealPackage[] = [];
  for (const p of pool) {
    if (hoisted.has(p.name)) extra.push(p);
    else hoisted.set(p.name, p);
  }
  const chosen = [...hoisted.values()].slice(0, count);
  const chosenNames = new Set(chosen.map((p) => p.name));
  const packages: Record<string, unknown> = {};
  const entry = (p: RealPackage): Record<string, unknown> => {
    const deps = p.deps.filter((d) => chosenNames.has(d) && d !== p.name);
    const e: Record<string, unknown> = {
      version: p.version,
      resolved: `https://registry.npmjs.org/${p.name}/-/${p.name.split('/').at(-1)}-${p.version}.tgz`,
      license: 'MIT',
    };
    if (deps.length > 0)
      e.dependencies = Object.fromEntries(deps.map((d) => [d, `^${hoisted.get(d)?.version ?? '*'}`]));
    return e;
  };
  // Direct dependencies: the packages nothing else (among the chosen) depends on, capped like a real app.
  const depended = new Set(chosen.flatMap((p) => p.deps));
  const roots = chosen.filter((p) => !depended.has(p.name)).slice(0, 60);
  const devRoots = roots.slice(40);
  packages[''] = {
    name: 'bench-app',
    version: '1.0.0',
    dependencies: Object.fromEntries(roots.slice(0, 40).map((p) => [p.name, `^${p.version}`])),
    devDependencies: Object.fromEntries(devRoots.map((p) => [p.name, `^${p.version}`])),
  };
  for (const p of chosen) packages[`node_modules/${p.name}`] = entry(p);
  // Fill up to `count` with the real other versions, nested under a dependent (else under a
  // package in turn) as npm lays out conflicting versions.
  const dependents = new Map<string, RealPackage[]>();
  for (const c of chosen) for (const d of c.deps) dependents.set(d, [...(dependents.get(d) ?? []), c]);
  let n = chosen.length;
  for (let i = 0; n < count && i < extra.length * chosen.length; i++) {
    const p = extra[i % extra.length] as RealPackage;
    const parents = dependents.get(p.name) ?? [];
    const parent =
      parents[Math.floor(i / extra.length) % Math.max(parents.length, 1)] ??
      (chosen[i % chosen.length] as RealPackage);
    const key = `node_modules/${parent.name}/node_modules/${p.name}`;
    if (key in packages || parent.name === p.name) continue;
    packages[key] = entry(p);
    n++;
  }
  if (n < count) throw new Error(`could only lay out ${n} packages`);
  return `${JSON.stringify({ name: 'bench-app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 5000);
  const out = process.argv[3] ?? 'package-lock.json';
  writeFileSync(out, makeLockfile(count));
  console.error(`wrote ${out} with ${count} packages`);
}
