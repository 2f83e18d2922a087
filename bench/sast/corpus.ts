/**
 * The benchmark corpus: real JS/TS sources from pinned npm packages, installed into
 * bench/work/sast/ (gitignored) by the ordinary npm client without running install scripts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSastFile } from '../../src/sast/parse.ts';

export const PACKAGES: Record<string, string> = {
  lodash: '4.17.21',
  rxjs: '7.8.2',
  express: '5.3.0',
  webpack: '5.112.2',
  ajv: '8.20.0',
};

export const WORK = fileURLToPath(new URL('../work/sast/', import.meta.url));
/** Files above this size are bundles, not sources; the scanner's walker skips them too. */
const MAX_BYTES = 512 * 1024;

export function ensureInstalled(): void {
  mkdirSync(WORK, { recursive: true });
  const manifest = JSON.stringify(
    { name: 'vigil-bench-sast', private: true, dependencies: PACKAGES },
    null,
    2,
  );
  writeFileSync(join(WORK, 'package.json'), manifest);
  if (Object.keys(PACKAGES).every((p) => existsSync(join(WORK, 'node_modules', p, 'package.json')))) return;
  execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock'], {
    cwd: WORK,
    stdio: 'inherit',
  });
}

/** Every JS/TS source under node_modules (dependencies included), sorted, as paths relative to WORK. */
export function corpusFiles(): string[] {
  const root = join(WORK, 'node_modules');
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      const st = statSync(abs);
      if (st.isDirectory()) walk(abs);
      else if (isSastFile(name) && !name.endsWith('.min.js') && st.size <= MAX_BYTES)
        out.push(relative(WORK, abs));
    }
  };
  walk(root);
  return out;
}
