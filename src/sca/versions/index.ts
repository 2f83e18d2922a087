import type { Ecosystem, VersionScheme } from '../types.ts';
import { apk } from './apk.ts';
import { crates } from './crates.ts';
import { dpkg } from './dpkg.ts';
import { go } from './go.ts';
import { npm } from './npm.ts';
import { packagist } from './packagist.ts';
import { pypi } from './pypi.ts';
import { rpm } from './rpm.ts';
import { rubygems } from './rubygems.ts';
import { semver2 } from './semver2.ts';

/**
 * The version order of each OSV ecosystem, keyed by the ecosystem's name without its release
 * suffix (`Debian:12` → `Debian`). Adding an ecosystem is one file in this folder exporting a
 * VersionScheme and one line here.
 */
const SCHEMES: Record<string, VersionScheme> = {
  npm,
  PyPI: pypi,
  Go: go,
  'crates.io': crates,
  RubyGems: rubygems,
  Packagist: packagist,
  // OS ecosystems (container images): dpkg order for Debian-family, apk for Alpine-family, rpm for RPM distributions.
  Debian: dpkg,
  Ubuntu: dpkg,
  Echo: dpkg,
  Alpine: apk,
  Wolfi: apk,
  Chainguard: apk,
  MinimOS: apk,
  'Red Hat': rpm,
  AlmaLinux: rpm,
  'Rocky Linux': rpm,
  'Azure Linux': rpm,
  'Photon OS': rpm,
  openSUSE: rpm,
  SUSE: rpm,
  Mageia: rpm,
  openEuler: rpm,
};

/** `Debian:12` → `Debian`; `npm` → `npm`. */
export function baseEcosystem(ecosystem: Ecosystem): string {
  const colon = ecosystem.indexOf(':');
  return colon === -1 ? ecosystem : ecosystem.slice(0, colon);
}

/** The version order for an ecosystem, or undefined when vigil has none for it. */
export function schemeFor(ecosystem: Ecosystem): VersionScheme | undefined {
  const base = baseEcosystem(ecosystem);
  return Object.hasOwn(SCHEMES, base) ? SCHEMES[base] : undefined;
}

/** OSV's `SEMVER` range type compares by SemVer 2.0 whatever the ecosystem. */
export const semverScheme: VersionScheme = semver2;

/** Ecosystems that have a version order, for diagnostics and docs. */
export function knownEcosystems(): string[] {
  return Object.keys(SCHEMES);
}
