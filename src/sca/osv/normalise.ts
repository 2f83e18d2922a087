import { baseEcosystem } from '../versions/index.ts';

/**
 * Package names as OSV indexes them, per ecosystem, so a lockfile's spelling and an advisory's
 * meet: PyPI by PEP 503 (case-folded, runs of `-_.` as one `-`), Packagist case-folded
 * (Composer names are case-insensitive); everything else compared as written.
 */
export function normaliseName(ecosystem: string, name: string): string {
  switch (baseEcosystem(ecosystem)) {
    case 'PyPI':
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'Packagist':
      return name.toLowerCase();
    default:
      return name;
  }
}

/**
 * Whether an advisory's ecosystem covers a package's. Exact match, or the same base ecosystem
 * when one side carries no release suffix (`Alpine` and `Alpine:v3.19`): OSV's OS records are
 * release-specific, but an inventory may not know the release.
 */
export function ecosystemCovers(advisory: string, pkg: string): boolean {
  if (advisory === pkg) return true;
  const aBase = baseEcosystem(advisory);
  const pBase = baseEcosystem(pkg);
  if (aBase !== pBase) return false;
  return aBase === advisory || pBase === pkg;
}

/** The key an index is built on: base ecosystem and normalised name. */
export function packageKey(ecosystem: string, name: string): string {
  return `${baseEcosystem(ecosystem)}\u0000${normaliseName(ecosystem, name)}`;
}
