import type { TestRelease } from './verdaccio.ts';

/**
 * The fictional packages the plan tests publish (see fixtures/advisories/README.md for the case
 * each drives). Published in this order, so each package's `latest` is its highest release.
 */
export const RELEASES: readonly TestRelease[] = [
  { name: 'plan-alpha', version: '1.0.0' },
  { name: 'plan-alpha', version: '1.0.1' },
  { name: 'plan-alpha', version: '1.0.2' },
  { name: 'plan-alpha', version: '1.1.0' },
  { name: 'plan-beta', version: '1.2.0' },
  { name: 'plan-beta', version: '1.3.0' },
  { name: 'plan-beta', version: '2.0.0' },
  { name: 'plan-beta', version: '2.1.0' },
  { name: 'plan-delta', version: '1.0.0' },
  { name: 'plan-delta', version: '1.0.5' },
  { name: 'plan-delta', version: '1.1.0' },
  { name: 'plan-gamma', version: '1.0.0', dependencies: { 'plan-delta': '~1.0.0' } },
  { name: 'plan-gamma', version: '1.1.0', dependencies: { 'plan-delta': '^1.1.0' } },
  { name: 'plan-eta', version: '1.0.0' },
  { name: 'plan-eta', version: '1.0.1' },
  { name: 'plan-zeta', version: '1.0.0', dependencies: { 'plan-eta': '^1.0.0' } },
  { name: 'plan-theta', version: '1.0.0' },
  { name: 'plan-theta', version: '1.0.1' },
  { name: 'plan-epsilon', version: '1.0.0', dependencies: { 'plan-theta': '1.0.0' } },
  { name: 'plan-epsilon', version: '1.1.0', dependencies: { 'plan-theta': '1.0.0' } },
  { name: '@plan/iota', version: '1.0.0' },
  { name: '@plan/iota', version: '1.0.1' },
  { name: 'plan-lambda', version: '1.0.0' },
  { name: 'plan-lambda', version: '1.0.1' },
  { name: 'plan-kappa', version: '1.0.0' },
  { name: 'plan-kappa', version: '1.1.0', dependencies: { 'plan-lambda': '1.0.0' } },
  { name: 'plan-kappa', version: '1.2.0', dependencies: { 'plan-lambda': '^1.0.1' } },
  { name: 'plan-mu', version: '1.0.0' },
  { name: 'plan-mu', version: '2.0.0', dependencies: { 'plan-lambda': '1.0.0' } },
];

/** The project's direct dependencies as its package.json declares them. */
export const DIRECT: Record<string, string> = {
  'plan-alpha': '^1.0.0',
  'plan-beta': '^1.2.0',
  'plan-gamma': '^1.0.0',
  'plan-zeta': '^1.0.0',
  'plan-epsilon': '^1.0.0',
  '@plan/iota': '^1.0.0',
  'plan-kappa': '^1.0.0',
  'plan-mu': '^1.0.0',
};

/** What the project's lockfile installed: one version of each package. */
export const INSTALLED: readonly TestRelease[] = [
  { name: 'plan-alpha', version: '1.0.0' },
  { name: 'plan-beta', version: '1.2.0' },
  { name: 'plan-gamma', version: '1.0.0', dependencies: { 'plan-delta': '~1.0.0' } },
  { name: 'plan-delta', version: '1.0.0' },
  { name: 'plan-zeta', version: '1.0.0', dependencies: { 'plan-eta': '^1.0.0' } },
  { name: 'plan-eta', version: '1.0.0' },
  { name: 'plan-epsilon', version: '1.0.0', dependencies: { 'plan-theta': '1.0.0' } },
  { name: 'plan-theta', version: '1.0.0' },
  { name: '@plan/iota', version: '1.0.0' },
  { name: 'plan-kappa', version: '1.0.0' },
  { name: 'plan-mu', version: '1.0.0' },
];

export const PACKAGE_JSON = `${JSON.stringify({ name: 'app', version: '1.0.0', dependencies: DIRECT }, null, 2)}\n`;

const tarball = (p: TestRelease) =>
  `https://registry.npmjs.org/${p.name}/-/${p.name.replace(/^@[^/]+\//, '')}-${p.version}.tgz`;
const deps = (p: TestRelease) => Object.entries(p.dependencies ?? {});
const quote = (s: string) => JSON.stringify(s);

/** Every range the project and its packages ask of `name`. */
function rangesOf(name: string): string[] {
  const asked = [DIRECT[name], ...INSTALLED.map((p) => p.dependencies?.[name])].filter(
    (r): r is string => !!r,
  );
  return [...new Set(asked)];
}

/** lockfileVersion 3: the `packages` map keyed by install path. */
function packageLock(): string {
  return `${JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages: packagesMap() }, null, 2)}\n`;
}

function packagesMap(): Record<string, object> {
  const packages: Record<string, object> = { '': { name: 'app', version: '1.0.0', dependencies: DIRECT } };
  for (const p of INSTALLED)
    packages[`node_modules/${p.name}`] = {
      version: p.version,
      resolved: tarball(p),
      ...(p.dependencies ? { dependencies: p.dependencies } : {}),
    };
  return packages;
}

/** lockfileVersion 2: both, `packages` for npm 7+ and `dependencies` for npm 6. */
function packageLockV2(): string {
  return `${JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 2, requires: true, packages: packagesMap(), dependencies: dependenciesTree() }, null, 2)}\n`;
}

/** lockfileVersion 1: a flat `dependencies` tree with each package's `requires`. */
function packageLockV1(): string {
  return `${JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 1, requires: true, dependencies: dependenciesTree() }, null, 2)}\n`;
}

function dependenciesTree(): Record<string, object> {
  return Object.fromEntries(
    INSTALLED.map((p) => [
      p.name,
      { version: p.version, resolved: tarball(p), ...(p.dependencies ? { requires: p.dependencies } : {}) },
    ]),
  );
}

function yarnClassic(): string {
  const out = ['# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.', '# yarn lockfile v1', ''];
  for (const p of INSTALLED) {
    out.push(
      '',
      `${rangesOf(p.name)
        .map((r) => quote(`${p.name}@${r}`))
        .join(', ')}:`,
    );
    out.push(`  version ${quote(p.version)}`, `  resolved ${quote(tarball(p))}`);
    if (deps(p).length)
      out.push('  dependencies:', ...deps(p).map(([n, r]) => `    ${quote(n)} ${quote(r)}`));
  }
  return `${out.join('\n')}\n`;
}

function yarnBerry(): string {
  const out = ['__metadata:', '  version: 8', '  cacheKey: 10', ''];
  out.push(
    '"app@workspace:.":',
    '  version: 0.0.0-use.local',
    '  resolution: "app@workspace:."',
    '  dependencies:',
  );
  for (const [n, r] of Object.entries(DIRECT)) out.push(`    ${quote(n)}: "npm:${r}"`);
  out.push('  languageName: unknown', '  linkType: soft', '');
  for (const p of INSTALLED) {
    out.push(
      `${quote(
        rangesOf(p.name)
          .map((r) => `${p.name}@npm:${r}`)
          .join(', '),
      )}:`,
    );
    out.push(`  version: ${p.version}`, `  resolution: "${p.name}@npm:${p.version}"`);
    if (deps(p).length)
      out.push('  dependencies:', ...deps(p).map(([n, r]) => `    ${quote(n)}: "npm:${r}"`));
    out.push('  checksum: 10/00', '  languageName: node', '  linkType: hard', '');
  }
  return `${out.join('\n')}\n`;
}

function pnpm(): string {
  const version = (name: string) => INSTALLED.find((p) => p.name === name)!.version;
  const out = [
    "lockfileVersion: '9.0'",
    '',
    'settings:',
    '  autoInstallPeers: true',
    '  excludeLinksFromLockfile: false',
    '',
  ];
  out.push('importers:', '', '  .:', '    dependencies:');
  for (const [n, r] of Object.entries(DIRECT))
    out.push(`      ${quote(n)}:`, `        specifier: ${quote(r)}`, `        version: ${version(n)}`);
  out.push('', 'packages:', '');
  for (const p of INSTALLED)
    out.push(`  ${quote(`${p.name}@${p.version}`)}:`, '    resolution: {integrity: sha512-AAAA}', '');
  out.push('snapshots:', '');
  for (const p of INSTALLED) {
    if (!deps(p).length) out.push(`  ${quote(`${p.name}@${p.version}`)}: {}`, '');
    else
      out.push(
        `  ${quote(`${p.name}@${p.version}`)}:`,
        '    dependencies:',
        ...deps(p).map(([n]) => `      ${quote(n)}: ${version(n)}`),
        '',
      );
  }
  return `${out.join('\n')}\n`;
}

function bun(): string {
  const packages = Object.fromEntries(
    INSTALLED.map((p) => [
      p.name,
      [`${p.name}@${p.version}`, '', p.dependencies ? { dependencies: p.dependencies } : {}, 'sha512-AAAA'],
    ]),
  );
  return `${JSON.stringify({ lockfileVersion: 1, workspaces: { '': { name: 'app', dependencies: DIRECT } }, packages }, null, 2)}\n`;
}

/** The same installed graph in each npm lockfile format vigil reads: file name → text. */
export const LOCKFILES: Record<string, { file: string; text: () => string }> = {
  'package-lock v1': { file: 'package-lock.json', text: packageLockV1 },
  'package-lock v2': { file: 'package-lock.json', text: packageLockV2 },
  'package-lock v3': { file: 'package-lock.json', text: packageLock },
  'npm-shrinkwrap': { file: 'npm-shrinkwrap.json', text: packageLock },
  'yarn classic': { file: 'yarn.lock', text: yarnClassic },
  'yarn berry': { file: 'yarn.lock', text: yarnBerry },
  pnpm: { file: 'pnpm-lock.yaml', text: pnpm },
  bun: { file: 'bun.lock', text: bun },
};
