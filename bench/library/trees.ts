/**
 * The two trees of an advisory: the last published version inside its affected range and the
 * fixed version, unpacked from the npm registry (`npm pack`, no install scripts) into
 * bench/work/library/ (gitignored), each once.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import type { Advisory } from './classes.ts';

export const WORK = fileURLToPath(new URL('../work/library/', import.meta.url));

function publishedVersions(name: string): string[] {
  const file = join(WORK, 'versions', `${name.replaceAll('/', '+')}.json`);
  if (!existsSync(file)) {
    mkdirSync(join(WORK, 'versions'), { recursive: true });
    const out = execFileSync('npm', ['view', name, 'versions', '--json'], { encoding: 'utf8' });
    writeFileSync(file, out);
  }
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as string[] | string;
  return Array.isArray(parsed) ? parsed : [parsed];
}

/** The highest non-prerelease version ≥ introduced and < fixed, if the registry still has one. */
export function lastVulnerable(advisory: Advisory): string | undefined {
  const from = advisory.introduced === '0' ? '0.0.0' : advisory.introduced;
  return publishedVersions(advisory.package)
    .filter((v) => semver.valid(v) && !semver.prerelease(v))
    .filter((v) => semver.gte(v, from) && semver.lt(v, advisory.fixed))
    .sort(semver.compare)
    .at(-1);
}

/**
 * The fixed version as published: the advisory's own, or the first release after it when the
 * registry never had that one (jQuery 1.9.0 went to npm as 1.9.1).
 */
export function firstFixed(advisory: Advisory): string | undefined {
  const published = publishedVersions(advisory.package);
  if (published.includes(advisory.fixed)) return advisory.fixed;
  return published
    .filter((v) => semver.valid(v) && !semver.prerelease(v) && semver.gt(v, advisory.fixed))
    .sort(semver.compare)[0];
}

/** The unpacked package folder of name@version (the tarball's single top folder, renamed). */
export function tree(name: string, version: string): string {
  const dir = join(WORK, 'trees', `${name.replaceAll('/', '+')}@${version}`);
  if (existsSync(dir)) return dir;
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const tgz = execFileSync('npm', ['pack', `${name}@${version}`, '--silent', '--ignore-scripts'], {
    cwd: tmp,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1)!;
  execFileSync('tar', ['-xzf', tgz, '--no-same-owner', '--no-same-permissions'], { cwd: tmp });
  rmSync(join(tmp, tgz));
  const [top] = readdirSync(tmp);
  if (!top) throw new Error(`${name}@${version}: empty tarball`);
  renameSync(join(tmp, top), dir);
  rmSync(tmp, { recursive: true, force: true });
  return dir;
}
