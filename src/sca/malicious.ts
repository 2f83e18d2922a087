import type { DraftFinding } from '../core/finding.ts';

/**
 * Malicious packages: OpenSSF's malicious-packages feed publishes them in OSV as `MAL-` records,
 * and GitHub's malware advisories carry a `MAL-` alias. Such a version is not a bug with a fix: its
 * install script or code already ran wherever it was installed. The finding says so, is critical,
 * and its advice is to remove it and rotate what the install could read, never "upgrade to X".
 */
export function maliciousId(ids: readonly string[]): string | undefined {
  return ids.find((id) => id.startsWith('MAL-'));
}

/** Turn an ordinary advisory draft into the malicious-package finding it is. */
export function asMalicious(draft: DraftFinding, malId: string, summary: string | undefined): DraftFinding {
  const pkg = draft.package!;
  const { fixedVersion: _fixed, fixedVersions: _all, fixWithinRange: _range, ...kept } = pkg;
  const {
    upgrade: _u,
    declaredRange: _d,
    upgradeGroup: _g,
    lastAffected: _l,
    ...properties
  } = draft.properties ?? {};
  const later = pkg.fixedVersion ? ` A later release (${pkg.fixedVersion}) is not named malicious.` : '';
  return {
    ...draft,
    severity: 'critical',
    title: `Malicious package: ${pkg.name}@${pkg.version}${summary ? ` (${summary})` : ''}`,
    message:
      `${pkg.name} ${pkg.version} is a malicious package version (${draft.advisoryIds?.join(', ') ?? malId}): ` +
      `installing it ran code written to steal or do harm. Remove it from the lockfile (and every ` +
      `node_modules, cache and image that holds it), and rotate every secret the install could read on ` +
      `each machine that installed it: tokens and keys in the environment and home directory, CI secrets, ` +
      `cloud and registry credentials.${later}`,
    package: kept,
    properties: { ...properties, malicious: malId },
    fix: {
      description: `Remove ${pkg.name}@${pkg.version} and rotate the secrets of every machine that installed it`,
    },
  };
}
