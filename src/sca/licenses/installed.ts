import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../core/finding.ts';
import type { LockfileInventory } from '../types.ts';
import { isMatchable } from '../types.ts';
import { declaredLicense } from './declared.ts';

/** A package.json is a few KiB; a bigger one is not what npm installed. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

/** True when every step from `root` to `rel` is a real folder and the last a regular file: no link leads out of the tree. */
function isPlainFile(root: string, rel: string): boolean {
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i++) {
    let info;
    try {
      info = lstatSync(join(root, ...parts.slice(0, i)));
    } catch {
      return false;
    }
    if (i < parts.length ? !info.isDirectory() : !info.isFile() || info.size > MAX_MANIFEST_BYTES)
      return false;
  }
  return true;
}

/**
 * Fill in the licence of npm packages the lockfile is silent on (yarn, pnpm, bun and v1
 * package-locks record none) from `node_modules/<name>/package.json` beside the lockfile, when
 * that copy is the same version. Links are not followed; an unreadable manifest is a note naming
 * it, and the package's licence stays unknown.
 */
export function attachInstalledLicenses(
  root: string,
  inventories: readonly LockfileInventory[],
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const inv of inventories) {
    if (inv.ecosystem !== 'npm') continue;
    const dir = inv.path.includes('/') ? inv.path.slice(0, inv.path.lastIndexOf('/') + 1) : '';
    for (const pkg of inv.packages) {
      if (pkg.license !== undefined || !isMatchable(pkg)) continue;
      const rel = `${dir}node_modules/${pkg.alias ?? pkg.name}/package.json`;
      if (!isPlainFile(root, rel)) continue;
      let manifest: unknown;
      try {
        manifest = JSON.parse(readFileSync(join(root, rel), 'utf8'));
      } catch (error) {
        diagnostics.push({
          level: 'note',
          source: 'sca',
          path: rel,
          message: `${rel}: not valid JSON (${(error as Error).message.slice(0, 200)}); the licence of ${pkg.name} stays unknown`,
        });
        continue;
      }
      if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) continue;
      const m = manifest as Record<string, unknown>;
      if (m.version !== pkg.version) continue;
      const license = declaredLicense(m);
      if (license === undefined) continue;
      pkg.license = license;
      pkg.licenseSource = 'node_modules';
    }
  }
  return diagnostics;
}
