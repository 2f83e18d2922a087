import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { purlFor } from '../../src/sca/purl.ts';
import { buildSbom } from '../../src/sca/sbom.ts';
import { runCli } from '../cli/helpers.ts';
import { extractCorpus } from './lockfiles/helpers.ts';
import { corpusPath } from './support/corpus.ts';
import { cyclonedxValidator, spdxValidator } from './support/sbom-schemas.ts';

describe('purlFor', () => {
  it('follows each type’s namespace and encoding rules', () => {
    expect(purlFor('npm', '@babel/core', '7.0.0')).toBe('pkg:npm/%40babel/core@7.0.0');
    expect(purlFor('PyPI', 'django-rest-framework', '3.14.0')).toBe('pkg:pypi/django-rest-framework@3.14.0');
    expect(purlFor('Go', 'github.com/gin-gonic/gin', '1.9.0')).toBe(
      'pkg:golang/github.com/gin-gonic/gin@v1.9.0',
    );
    expect(purlFor('crates.io', 'serde', '1.0.0')).toBe('pkg:cargo/serde@1.0.0');
    expect(purlFor('RubyGems', 'rails', '7.0.2.2')).toBe('pkg:gem/rails@7.0.2.2');
    expect(purlFor('Packagist', 'symfony/console', 'v6.0.0')).toBe('pkg:composer/symfony/console@v6.0.0');
    expect(purlFor('npm', 'x', '1.0.0', { vcsUrl: 'git+https://github.com/a/b.git#c0ffee' })).toBe(
      'pkg:npm/x@1.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fa%2Fb.git%23c0ffee',
    );
  });
});

describe('buildSbom', () => {
  const validate = cyclonedxValidator();
  const inventories = [
    extractCorpus('package-lock-v3', 'socket.io-monorepo-package-lock.json', 'package-lock.json'),
    extractCorpus('Cargo.lock', 'ripgrep-Cargo.lock', 'tools/Cargo.lock'),
    extractCorpus('go.mod', 'scalibr-replace-local.go.mod', 'svc/go.mod'),
    extractCorpus('Gemfile.lock', 'scalibr-has-git-gem.Gemfile.lock', 'rb/Gemfile.lock'),
    extractCorpus('pnpm-v9', 'vite-monorepo-pnpm-lock.yaml', 'web/pnpm-lock.yaml'),
  ];
  const bom = buildSbom(inventories, {
    name: 'monorepo',
    timestamp: new Date('2026-01-02T03:04:05Z'),
    serialNumber: '3e671687-395b-41f5-a30f-a58921a69b79',
  });

  it('is valid CycloneDX 1.6', () => {
    expect(validate(bom)).toBe(true);
    expect(bom.metadata).toMatchObject({
      timestamp: '2026-01-02T03:04:05.000Z',
      component: { name: 'monorepo' },
    });
  });

  it('has a PURL for every package and one component per PURL', () => {
    const purls = new Set(inventories.flatMap((i) => i.packages.map((p) => p.purl)));
    expect(bom.components.map((c) => c.purl).sort()).toEqual([...purls].sort());
    expect(new Set(bom.components.map((c) => c['bom-ref'])).size).toBe(bom.components.length);
  });

  it('records the dependency graph, the project depending on its direct dependencies', () => {
    const refs = new Set(bom.components.map((c) => c['bom-ref']));
    for (const d of bom.dependencies) for (const to of d.dependsOn) expect(refs.has(to)).toBe(true);
    const root = bom.dependencies[0];
    const anyhow = inventories[1]?.packages.find((p) => p.name === 'anyhow');
    expect(anyhow?.direct).toBe(true);
    expect(root?.dependsOn).toContain(anyhow?.purl);
    const ripgrep = inventories[1]?.packages.find((p) => p.name === 'ripgrep');
    const edges = bom.dependencies.find((d) => d.ref === ripgrep?.purl);
    expect(edges?.dependsOn).toContain(anyhow?.purl);
    const dev = bom.components.find((c) => c.name === 'mocha');
    expect(dev?.scope).toBe('optional');
    expect(bom.components.find((c) => c.name === 'hanami-utils')?.properties).toContainEqual({
      name: 'vigil:kind',
      value: 'git',
    });
  });
});

describe('vigil sbom', () => {
  it('writes the SBOM of a tree to a file, lockfiles over the scan size cap included, bad ones on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-sbom-'));
    try {
      // 1.2 MiB: larger than the walker's default 1 MiB source cap
      const big = readFileSync(
        corpusPath('lockfiles/package-lock-v3/socket.io-monorepo-package-lock.json'),
        'utf8',
      );
      writeFileSync(join(dir, 'package-lock.json'), big);
      mkdirSync(join(dir, 'rust'));
      writeFileSync(join(dir, 'rust', 'Cargo.lock'), '[[package]]\nname = \n');
      const run = await runCli(['sbom', dir, '--output', join(dir, 'bom.json')]);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/rust\/Cargo\.lock:2: not valid TOML/);
      expect(run.stderr).toMatch(/\d{4} components from 1 lockfile written to/);
      const bom = JSON.parse(readFileSync(join(dir, 'bom.json'), 'utf8')) as unknown;
      expect(cyclonedxValidator()(bom)).toBe(true);
      const stdout = await runCli(['sbom', dir]);
      expect(JSON.parse(stdout.stdout)).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('vigil sbom: reachability', () => {
  it("says of each package whether the project's production code imports it, in CycloneDX and SPDX", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-sbom-reach-'));
    try {
      const deps = { 'left-pad': '1.3.0', 'is-odd': '3.0.1' };
      writeFileSync(
        join(dir, 'package.json'),
        JSON.stringify({
          name: 'app',
          version: '1.0.0',
          dependencies: { 'left-pad': '^1.3.0' },
          devDependencies: { 'is-odd': '^3.0.1' },
        }),
      );
      const packages: Record<string, unknown> = {
        '': {
          name: 'app',
          version: '1.0.0',
          dependencies: { 'left-pad': '^1.3.0' },
          devDependencies: { 'is-odd': '^3.0.1' },
        },
      };
      for (const [name, version] of Object.entries(deps))
        packages[`node_modules/${name}`] = {
          version,
          resolved: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz`,
          ...(name === 'is-odd' ? { dev: true } : {}),
        };
      writeFileSync(
        join(dir, 'package-lock.json'),
        JSON.stringify({ name: 'app', lockfileVersion: 3, requires: true, packages }),
      );
      mkdirSync(join(dir, 'src'));
      mkdirSync(join(dir, 'test'));
      writeFileSync(
        join(dir, 'src', 'index.js'),
        "const pad = require('left-pad');\nmodule.exports = (s) => pad(s, 8);\n",
      );
      writeFileSync(join(dir, 'test', 'odd.test.js'), "const isOdd = require('is-odd');\nisOdd(3);\n");

      const cdx = await runCli(['sbom', dir]);
      expect(cdx.code).toBe(0);
      const bom = JSON.parse(cdx.stdout) as ReturnType<typeof buildSbom>;
      expect(cyclonedxValidator()(bom)).toBe(true);
      const props = (name: string) =>
        Object.fromEntries(
          bom.components.find((c) => c.name === name)!.properties.map((p) => [p.name, p.value]),
        );
      expect(props('left-pad')).toMatchObject({
        'vigil:reachability': 'imported',
        'vigil:reachability:evidence': 'src/index.js:1',
      });
      expect(props('is-odd')).toMatchObject({
        'vigil:reachability': 'unreachable',
        'vigil:reachability:evidence': 'test/odd.test.js:1',
      });

      const spdx = await runCli(['sbom', dir, '--format', 'spdx-json']);
      const doc = JSON.parse(spdx.stdout) as { packages: Array<{ name: string; comment?: string }> };
      expect(spdxValidator()(doc)).toBe(true);
      expect(doc.packages.find((p) => p.name === 'left-pad')?.comment).toBe(
        'vigil reachability: imported (src/index.js:1)',
      );

      const without = await runCli(['sbom', dir, '--no-reachability']);
      expect(without.stdout).not.toContain('vigil:reachability');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
