import { afterAll, describe, expect, it } from 'vitest';
import type { DraftFinding } from '../../../src/core/finding.ts';
import type { Reachability } from '../../../src/sca/reachability/types.ts';
import { scaScanner } from '../../../src/sca/scanner.ts';
import { offlineProject, type OfflineProject } from '../support/offline-project.ts';

/**
 * Small projects written for these tests, against real lodash advisories from the corpus copy
 * (test/fixtures/corpus, see its MANIFEST.tsv): GHSA-35jh-r3h4-6jhm ("via the template
 * function") and GHSA-jf85-cpcp-j695 ("The function `defaultsDeep`"), both affecting 4.17.11.
 */
const RECORDS = ['GHSA-35jh-r3h4-6jhm', 'GHSA-jf85-cpcp-j695'].map((id) => `osv-extracted/npm/${id}.json`);
const LODASH = {
  version: '4.17.11',
  resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.11.tgz',
};

/** A package-lock v3 whose root depends on `direct`; `kit` (no advisory) pulls lodash in when listed. */
function lockfile(direct: Record<string, string>, dev: Record<string, string> = {}, viaKit = false) {
  return JSON.stringify({
    name: 'app',
    version: '1.0.0',
    lockfileVersion: 3,
    packages: {
      '': { name: 'app', version: '1.0.0', dependencies: direct, devDependencies: dev },
      ...(viaKit
        ? {
            'node_modules/kit': {
              version: '1.0.0',
              resolved: 'https://registry.npmjs.org/kit/-/kit-1.0.0.tgz',
              dependencies: { lodash: '^4.17.0' },
            },
          }
        : {}),
      'node_modules/lodash': { ...LODASH, ...(Object.keys(dev).includes('lodash') ? { dev: true } : {}) },
    },
  });
}

function reach(findings: DraftFinding[], id: string): Reachability {
  const f = findings.find((x) => x.ruleId === id);
  expect(f, id).toBeDefined();
  return f!.properties!.reachability as Reachability;
}

const TEMPLATE = 'GHSA-35jh-r3h4-6jhm';
const DEFAULTS_DEEP = 'GHSA-jf85-cpcp-j695';

describe('reachability verdicts (npm)', () => {
  const projects: OfflineProject[] = [];
  async function scan(files: Record<string, string>, config = {}) {
    const project = await offlineProject(files, RECORDS);
    projects.push(project);
    return scaScanner.run(project.context(config));
  }
  afterAll(() => projects.forEach((p) => p.remove()));

  it('reachable: production code uses the function the advisory text names, with the use as evidence', async () => {
    const { findings } = await scan({
      'package.json': '{"dependencies":{"lodash":"^4.17.0"}}',
      'package-lock.json': lockfile({ lodash: '^4.17.0' }),
      'src/render.js': "const _ = require('lodash');\n\nmodule.exports = (t, d) => _.template(t)(d);\n",
    });
    const r = reach(findings, TEMPLATE);
    expect(r.verdict).toBe('reachable');
    expect(r.symbols).toEqual(['template']);
    expect(r.symbolsFrom).toBe('advisory-text');
    expect(r.evidence[0]).toEqual({
      path: 'src/render.js',
      line: 3,
      snippet: 'module.exports = (t, d) => _.template(t)(d);',
    });
    // the other advisory names defaultsDeep, which is not used: imported, evidence the import line
    const other = reach(findings, DEFAULTS_DEEP);
    expect(other.verdict).toBe('imported');
    expect(other.symbols).toEqual(['defaultsDeep']);
    expect(other.evidence[0]).toMatchObject({ path: 'src/render.js', line: 1 });
    expect(other.reason).toMatch(/none of them used/);
  });

  it('matches named imports, subpath modules and destructured requires', async () => {
    const { findings } = await scan({
      'package-lock.json': lockfile({ lodash: '^4.17.0' }),
      'src/a.ts': "import { defaultsDeep } from 'lodash';\nexport const f = defaultsDeep;\n",
      'src/b.js': "const template = require('lodash/template');\n",
    });
    expect(reach(findings, DEFAULTS_DEEP)).toMatchObject({
      verdict: 'reachable',
      evidence: [{ path: 'src/a.ts', line: 1 }],
    });
    expect(reach(findings, TEMPLATE)).toMatchObject({
      verdict: 'reachable',
      evidence: [{ path: 'src/b.js', line: 1 }],
    });
  });

  it('unreachable: only tests and tool configs import it; the finding drops a level and does not gate', async () => {
    const { findings } = await scan({
      'package-lock.json': lockfile({ lodash: '^4.17.0' }),
      'test/render.test.js': "const _ = require('lodash');\n_.template('x');\n",
      'webpack.config.js': "import _ from 'lodash';\n",
      'src/index.js': "import express from 'express';\n",
    });
    const f = findings.find((x) => x.ruleId === TEMPLATE)!;
    const r = f.properties!.reachability as Reachability;
    expect(r.verdict).toBe('unreachable');
    expect(r.reason).toMatch(/only test files and build and tool scripts/);
    expect(r.evidence.map((e) => e.path).sort()).toEqual(['test/render.test.js', 'webpack.config.js']);
    expect(f.severity).toBe('medium'); // high, one level down
    expect(f.properties!.severityBeforeReachability).toBe('high');
    expect(f.nonGating).toMatch(/unreachable/);
  });

  it('keep: an unreachable finding keeps its severity and gates', async () => {
    const { findings } = await scan(
      { 'package-lock.json': lockfile({ lodash: '^4.17.0' }), 'test/a.test.js': "require('lodash');\n" },
      { sca: { reachability: { unreachable: 'keep' } } },
    );
    const f = findings.find((x) => x.ruleId === TEMPLATE)!;
    expect((f.properties!.reachability as Reachability).verdict).toBe('unreachable');
    expect(f.severity).toBe('high');
    expect(f.nonGating).toBeUndefined();
  });

  it('transitive: imported when production code imports the direct dependency that pulls it in', async () => {
    const { findings } = await scan({
      'package-lock.json': lockfile({ kit: '^1.0.0' }, {}, true),
      'lib/server.mjs': "import kit from 'kit';\nkit();\n",
    });
    const r = reach(findings, TEMPLATE);
    expect(r.verdict).toBe('imported');
    expect(r.reason).toMatch(/^pulled in by kit, which production code imports/);
    expect(r.evidence).toEqual([{ path: 'lib/server.mjs', line: 1, snippet: "import kit from 'kit';" }]);
  });

  it("a nested copy is reached through its parent, not through the app's own require of the direct copy", async () => {
    const lock = JSON.stringify({
      name: 'app',
      version: '1.0.0',
      lockfileVersion: 3,
      packages: {
        '': { name: 'app', version: '1.0.0', dependencies: { lodash: '^4.17.21', kit: '^1.0.0' } },
        'node_modules/lodash': {
          version: '4.17.21',
          resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz',
        },
        'node_modules/kit': {
          version: '1.0.0',
          resolved: 'https://registry.npmjs.org/kit/-/kit-1.0.0.tgz',
          dependencies: { lodash: '4.17.11' },
        },
        'node_modules/kit/node_modules/lodash': LODASH,
      },
    });
    const { findings } = await scan({
      'package-lock.json': lock,
      'src/a.js': "const _ = require('lodash');\n_.template('x');\n",
      'test/kit.test.js': "require('kit');\n",
    });
    // require('lodash') loads 4.17.21; 4.17.11 is kit's, and only a test imports kit
    expect(reach(findings, TEMPLATE)).toMatchObject({
      verdict: 'unreachable',
      evidence: [{ path: 'test/kit.test.js' }],
    });
  });

  it('a production dependency no file imports is loaded by name (an adapter, a driver): imported, never unreachable', async () => {
    const { findings } = await scan({
      'package-lock.json': lockfile({ kit: '^1.0.0' }, {}, true),
      'src/main.js': "import core from '@frame/core';\n",
    });
    const r = reach(findings, TEMPLATE);
    expect(r.verdict).toBe('imported');
    expect(r.reason).toMatch(
      /^kit is a production dependency that no file imports: frameworks load such packages by name/,
    );
  });

  it('a devDependency imported from a production-looking file is not production; the setting adds globs', async () => {
    const { findings } = await scan(
      {
        'package.json': '{"devDependencies":{"lodash":"^4.17.0"}}',
        'package-lock.json': lockfile({}, { lodash: '^4.17.0' }),
        'build/gen.js': "require('lodash').template('x');\n",
        'tasks/seed.js': "require('lodash');\n",
      },
      { sca: { reachability: { nonProduction: ['tasks/**'] } } },
    );
    const r = reach(findings, TEMPLATE);
    expect(r.verdict).toBe('unreachable');
    expect(r.reason).toMatch(/devDependency only/);
    expect(r.reason).toMatch(/sca\.reachability\.nonProduction/);
  });

  it('a file that does not parse gets a warning naming it; the other files still give their verdicts', async () => {
    const { findings, diagnostics } = await scan({
      'package-lock.json': lockfile({ lodash: '^4.17.0' }),
      'src/broken.js': 'const x = (;\n',
      'src/ok.js': "const { template } = require('lodash');\n",
    });
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        path: 'src/broken.js',
        message: expect.stringMatching(/does not parse/),
      }),
    );
    expect(reach(findings, TEMPLATE)).toMatchObject({
      verdict: 'reachable',
      evidence: [{ path: 'src/ok.js' }],
    });
  });

  it('a huge source file is skipped with a note naming it; a deeply nested one still parses or warns', async () => {
    const huge = `// generated\n${'x = 1;\n'.repeat(400_000)}require('lodash');\n`;
    const nested = `require('lodash');\n${'['.repeat(50_000)}${']'.repeat(50_000)};\n`;
    const { findings, diagnostics } = await scan({
      'package-lock.json': lockfile({ lodash: '^4.17.0' }),
      'src/bundle.js': huge,
      'src/nested.js': nested,
    });
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        path: 'src/bundle.js',
        message: expect.stringMatching(/not read for imports/),
      }),
    );
    const r = reach(findings, TEMPLATE);
    // src/nested.js either parsed (its import is the evidence) or was named in a warning; never a crash
    const parsed = r.evidence.some((e) => e.path === 'src/nested.js');
    expect(parsed || diagnostics.some((d) => d.path === 'src/nested.js')).toBe(true);
  });
});
