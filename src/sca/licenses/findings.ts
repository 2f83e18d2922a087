import type { Diagnostic, DraftFinding, RuleMeta } from '../../core/finding.ts';
import type { Package } from '../types.ts';
import { invalidPolicyEntries, judgeLicense, type LicensePolicy, type LicenseVerdict } from './policy.ts';

/** Ecosystems whose licences vigil reads (lockfile, node_modules); others are left out of the policy, and said so. */
const READ_ECOSYSTEMS = new Set(['npm']);

const HELP_TAIL =
  'Licences come from the lockfile (npm v2/v3 record them), the installed `node_modules/<name>/package.json` or, online, the registry; the policy is `licenses: { allow, deny }` in `.vigil.yml` (docs/sca-licenses.md).';

export const LICENSE_RULES: Record<'denied' | 'not-allowed' | 'unknown', RuleMeta> = {
  denied: {
    id: 'sca/license-denied',
    kind: 'sca',
    title: 'Dependency licence denied by policy',
    severity: 'high',
    help: `Every way to comply with this package's licence expression needs a licence the policy denies (\`licenses.deny\`). \`MIT OR GPL-3.0\` with GPL-3.0 denied is fine (MIT can be chosen); \`MIT AND GPL-3.0\` is not.\n\n${HELP_TAIL}`,
    fixHint: 'Replace the dependency, or get legal sign-off and add an ignore with the reason.',
    tags: ['license', 'dependency'],
  },
  'not-allowed': {
    id: 'sca/license-not-allowed',
    kind: 'sca',
    title: 'Dependency licence not on the allow list',
    severity: 'medium',
    help: `No way to comply with this package's licence expression uses only licences on the policy's allow list (\`licenses.allow\`).\n\n${HELP_TAIL}`,
    fixHint: 'Replace the dependency, or review the licence and add it to licenses.allow.',
    tags: ['license', 'dependency'],
  },
  unknown: {
    id: 'sca/license-unknown',
    kind: 'sca',
    title: 'Dependency licence unknown',
    severity: 'low',
    help: `The package declares no licence vigil could find or read as SPDX, and the policy has an allow list, so it cannot be shown to comply.\n\n${HELP_TAIL}`,
    fixHint:
      "Check the package's licence by hand; install dependencies before scanning so node_modules can be read.",
    tags: ['license', 'dependency'],
  },
};

const LICENSE_SOURCE: Record<NonNullable<Package['licenseSource']>, string> = {
  lockfile: 'from the lockfile',
  node_modules: 'read from node_modules',
  registry: "from the registry's metadata",
};

function describe(pkg: Package, v: Exclude<LicenseVerdict, { verdict: 'ok' }>): string {
  const from = pkg.licenseSource === undefined ? '' : ` (${LICENSE_SOURCE[pkg.licenseSource]})`;
  switch (v.verdict) {
    case 'denied':
      return `${pkg.name} ${pkg.version} is licensed ${v.expression}${from}: every way to comply needs ${v.denied.join(', ')}, which the policy denies.`;
    case 'not-allowed':
      return `${pkg.name} ${pkg.version} is licensed ${v.expression}${from}: no way to comply uses allowed licences only.`;
    case 'unknown':
      return `${pkg.name} ${pkg.version}: licence unknown (${v.reason}${pkg.license === undefined ? ' in the lockfile, an installed node_modules copy or, online, the registry' : ''}).`;
  }
}

/** Whether `licenses:` asks for anything: an allow list (even empty), or something denied. */
export const hasLicensePolicy = (policy: LicensePolicy | undefined): policy is LicensePolicy =>
  policy !== undefined && (policy.allow !== undefined || (policy.deny ?? []).length > 0);

/**
 * Findings for packages whose licence breaks the policy: denied, not on the allow list, or (with
 * an allow list) unknown. Packages are one per lockfile, name and version (scanner.ts mergeInstalls).
 */
export function licenseFindings(
  packages: readonly Package[],
  policy: LicensePolicy | undefined,
): { findings: DraftFinding[]; rules: RuleMeta[]; diagnostics: Diagnostic[] } {
  const out = { findings: [] as DraftFinding[], rules: [] as RuleMeta[], diagnostics: [] as Diagnostic[] };
  if (!hasLicensePolicy(policy)) return out;
  const bad = invalidPolicyEntries(policy);
  if (bad.length > 0) {
    out.diagnostics.push(
      ...bad.map((message) => ({ level: 'error' as const, source: 'sca', message, incomplete: true })),
    );
    return out;
  }
  const unread = new Map<string, number>();
  for (const pkg of packages) {
    if (!READ_ECOSYSTEMS.has(pkg.ecosystem)) {
      unread.set(pkg.ecosystem, (unread.get(pkg.ecosystem) ?? 0) + 1);
      continue;
    }
    const verdict = judgeLicense(pkg.license, policy);
    if (verdict.verdict === 'ok' || (verdict.verdict === 'unknown' && policy.allow === undefined)) continue;
    const rule = LICENSE_RULES[verdict.verdict];
    const line = pkg.line ?? 1;
    out.findings.push({
      ruleId: rule.id,
      kind: 'sca',
      severity: rule.severity,
      title: `${pkg.name}@${pkg.version}: ${rule.title.toLowerCase()}`,
      message: describe(pkg, verdict),
      location: { path: pkg.source, startLine: line, startColumn: 1, endLine: line, endColumn: 1 },
      package: {
        ecosystem: pkg.ecosystem,
        name: pkg.name,
        version: pkg.version,
        ...(pkg.purl ? { purl: pkg.purl } : {}),
        direct: pkg.direct,
        dev: pkg.dev,
        paths: pkg.paths,
        source: pkg.source,
      },
      properties: {
        ...(pkg.license !== undefined ? { license: pkg.license } : {}),
        ...(verdict.verdict !== 'unknown' ? { licenseExpression: verdict.expression } : {}),
        ...(verdict.verdict === 'denied' ? { deniedLicenses: verdict.denied } : {}),
        ...(pkg.licenseSource ? { licenseSource: pkg.licenseSource } : {}),
      },
      fix: { description: rule.fixHint! },
    });
  }
  for (const [ecosystem, count] of unread)
    out.diagnostics.push({
      level: 'note',
      source: 'sca',
      message: `licence policy: the licences of ${count} ${ecosystem} package(s) are not read; only npm packages are checked`,
    });
  out.rules.push(...Object.values(LICENSE_RULES));
  return out;
}
