import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding.ts';
import { packageLock } from '../../../src/sca/lockfiles/npm.ts';
import { AdvisoryDatabase } from '../../../src/sca/osv/db.ts';
import { DatabaseSource } from '../../../src/sca/osv/source.ts';
import { advisoryOracle, planOutcome, vulnerableItems } from '../../../src/sca/plan/make-plan.ts';
import { runScan } from '../../../src/core/scan.ts';
import type { InventoryResult } from '../../../src/sca/inventory.ts';
import { RegistryClient } from '../../../src/sca/plan/packument.ts';
import { MAX_RESOLVE_DEPTH, resolveTree } from '../../../src/sca/plan/resolve.ts';
import {
  itemWeight,
  planLockfile,
  type Reachability,
  type VulnerableItem,
} from '../../../src/sca/plan/planner.ts';
import { runCli } from '../../cli/helpers.ts';
import { planAdvisoryFiles } from './support/advisories.ts';
import { LOCKFILES, PACKAGE_JSON, RELEASES } from './support/universe.ts';
import { startRegistry, type LocalRegistry } from './support/verdaccio.ts';

let registry: LocalRegistry;
let work: string;
let database: string;

beforeAll(async () => {
  registry = await startRegistry();
  for (const release of RELEASES) await registry.publish(release);
  work = mkdtempSync(join(tmpdir(), 'vigil-plan-'));
  database = join(work, 'osv.db');
  const db = AdvisoryDatabase.open(database, { create: true });
  await db.importEntries('plan-test', planAdvisoryFiles());
  db.close();
});

afterAll(async () => {
  await registry?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

let projects = 0;
/** A project folder holding these files, and a cache folder of its own (packuments are cached per registry). */
function project(files: Record<string, string>): { dir: string; cache: string } {
  const dir = join(work, `project-${++projects}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, cache: join(work, `cache-${projects}`) };
}

function plan(dir: string, cache: string, ...extra: string[]) {
  return runCli(['sca', 'plan', dir, '--database', database, '--cache-dir', cache, ...extra], {
    env: { npm_config_registry: registry.url },
  });
}

interface JsonPlan {
  registry: { url: string; from: string };
  lockfiles: {
    path: string;
    upgrades: {
      name: string;
      from: string;
      to: string;
      upgrade?: string;
      withinRange?: boolean;
      removes: { ids: string[] }[];
    }[];
    unremoved: { item: { ids: string[] }; reason: string; detail: string }[];
    notes: string[];
  }[];
  summary: { upgrades: number; removed: number; remaining: number };
  incomplete: boolean;
}

const EXPECTED_UPGRADES = [
  // critical first (weight), then by name
  {
    name: 'plan-beta',
    from: '1.2.0',
    to: '2.0.0',
    upgrade: 'major',
    withinRange: false,
    removes: ['VIGIL-TEST-PLAN-BETA'],
  },
  {
    name: 'plan-alpha',
    from: '1.0.0',
    to: '1.0.2',
    upgrade: 'patch',
    withinRange: true,
    removes: ['VIGIL-TEST-PLAN-ALPHA'],
  },
  {
    name: 'plan-kappa',
    from: '1.0.0',
    to: '1.2.0',
    upgrade: 'minor',
    withinRange: true,
    removes: ['VIGIL-TEST-PLAN-KAPPA'],
  },
  {
    name: 'plan-mu',
    from: '1.0.0',
    to: '2.0.0',
    upgrade: 'major',
    withinRange: false,
    removes: ['VIGIL-TEST-PLAN-MU'],
  },
  {
    name: 'plan-gamma',
    from: '1.0.0',
    to: '1.1.0',
    upgrade: 'minor',
    withinRange: true,
    removes: ['VIGIL-TEST-PLAN-DELTA'],
  },
  {
    name: 'plan-zeta',
    from: '1.0.0',
    to: '1.0.0',
    upgrade: undefined,
    withinRange: true,
    removes: ['VIGIL-TEST-PLAN-ETA'],
  },
];

/** The upgrades the fixture's lockfile gets, in the plan's order (most weight removed first). */
const PLANNED_UPGRADES = ['plan-beta', 'plan-alpha', 'plan-kappa', 'plan-mu', 'plan-gamma', 'plan-zeta'];

describe('vigil sca plan against a local Verdaccio', () => {
  for (const [format, { file, text }] of Object.entries(LOCKFILES)) {
    it(`plans from a ${format} lockfile`, async () => {
      const { dir, cache } = project({ 'package.json': PACKAGE_JSON, [file]: text() });
      const run = await plan(dir, cache, '--format', 'json');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const json = JSON.parse(run.stdout) as JsonPlan;
      expect(json.registry).toEqual({ url: registry.url, from: 'npm_config_registry' });
      expect(json.lockfiles).toHaveLength(1);
      const [lock] = json.lockfiles;
      expect(lock!.path).toBe(file);
      expect(
        lock!.upgrades.map((u) => ({
          name: u.name,
          from: u.from,
          to: u.to,
          upgrade: u.upgrade,
          withinRange: u.withinRange,
          removes: u.removes.map((r) => r.ids[0]),
        })),
      ).toEqual(EXPECTED_UPGRADES);
      const why = Object.fromEntries(lock!.unremoved.map((u) => [u.item.ids[0], [u.reason, u.detail]]));
      expect(why).toEqual({
        'VIGIL-TEST-PLAN-THETA': [
          'pinned',
          'plan-epsilon@1.1.0, its latest release, requires plan-theta@1.0.0, which admits no fixed version (fixed in 1.0.1)',
        ],
        'VIGIL-TEST-PLAN-IOTA': ['no-fixed-version', 'the advisory names no fixed version'],
      });
      expect(json.summary).toMatchObject({ upgrades: 6, removed: 6, remaining: 2 });
      expect(json.incomplete).toBe(false);
    });
  }

  it('plans a direct dependency that also has a nested copy of the same version', async () => {
    const lock = JSON.parse(LOCKFILES['package-lock v3']!.text()) as {
      packages: Record<string, { version: string; dependencies?: Record<string, string> }>;
    };
    lock.packages['node_modules/plan-zeta']!.dependencies!['plan-alpha'] = '1.0.0';
    lock.packages['node_modules/plan-zeta/node_modules/plan-alpha'] = { version: '1.0.0' };
    const { dir, cache } = project({
      'package.json': PACKAGE_JSON,
      'package-lock.json': JSON.stringify(lock),
    });
    const run = await plan(dir, cache, '--format', 'json');
    expect(run.code).toBe(0);
    const ups = (JSON.parse(run.stdout) as JsonPlan).lockfiles[0]!.upgrades;
    // plan-zeta's own 1.0.0 pins nothing of plan-alpha in the registry: both copies go
    expect(ups.find((u) => u.name === 'plan-alpha')).toMatchObject({ from: '1.0.0', to: '1.0.2' });
  });

  it('tells two copies of one package apart by release line: one freed by a refresh, one pinned', async () => {
    for (const v of ['1.0.0', '1.0.1', '2.0.0', '2.0.1'])
      await registry.publish({ name: 'plan-omicron', version: v });
    await registry.publish({ name: 'plan-rho', version: '1.0.0', dependencies: { 'plan-omicron': '1.0.0' } });
    await registry.publish({
      name: 'plan-pi',
      version: '1.0.0',
      dependencies: { 'plan-omicron': '^2.0.0', 'plan-rho': '^1.0.0' },
    });
    const lock = {
      name: 'app',
      lockfileVersion: 3,
      packages: {
        '': { dependencies: { 'plan-pi': '^1.0.0' } },
        'node_modules/plan-pi': {
          version: '1.0.0',
          dependencies: { 'plan-omicron': '^2.0.0', 'plan-rho': '^1.0.0' },
        },
        'node_modules/plan-omicron': { version: '2.0.0' },
        'node_modules/plan-rho': { version: '1.0.0', dependencies: { 'plan-omicron': '1.0.0' } },
        'node_modules/plan-rho/node_modules/plan-omicron': { version: '1.0.0' },
      },
    };
    const { dir, cache } = project({
      'package.json': JSON.stringify({ name: 'app', dependencies: { 'plan-pi': '^1.0.0' } }),
      'package-lock.json': JSON.stringify(lock),
    });
    const run = await plan(dir, cache, '--format', 'json');
    expect(run.code).toBe(0);
    const [l] = (JSON.parse(run.stdout) as JsonPlan).lockfiles;
    expect(l!.upgrades.map((u) => [u.name, u.from, u.to, u.removes.map((r) => r.ids[0])])).toEqual([
      ['plan-pi', '1.0.0', '1.0.0', ['VIGIL-TEST-PLAN-OMICRON']],
    ]);
    expect(l!.upgrades[0]!.removes).toMatchObject([{ name: 'plan-omicron', version: '2.0.0' }]);
    expect(l!.unremoved).toMatchObject([
      {
        item: { name: 'plan-omicron', version: '1.0.0' },
        reason: 'pinned',
        detail:
          'plan-rho@1.0.0 (under plan-pi@1.0.0, its latest release) requires plan-omicron@1.0.0, which admits no fixed version (fixed in 1.0.1)',
      },
    ]);
  });

  it('says in text what to do for each upgrade and why the rest stay', async () => {
    const { dir, cache } = project({
      'package.json': PACKAGE_JSON,
      // no source imports the packages, but direct production dependencies count as loaded by name: imported
      '.vigil.yml': 'sca:\n  reachability:\n    unreachable: keep\n',
      'pnpm-lock.yaml': LOCKFILES.pnpm!.text(),
    });
    const run = await plan(dir, cache);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Upgrade plan (registry ${registry.url}, from npm_config_registry;`);
    expect(run.stdout).toContain(
      'upgrade plan-alpha 1.0.0 → 1.0.2 (inside the declared range ^1.0.0: a lockfile refresh suffices)',
    );
    expect(run.stdout).toContain(
      'upgrade plan-beta 1.2.0 → 2.0.0 (outside the declared range ^1.2.0: change the range (crosses a major version))',
    );
    expect(run.stdout).toContain(
      'upgrade plan-mu 1.0.0 → 2.0.0 (outside the declared range ^1.0.0: change the range (crosses a major version))\n    removes 1 advisory: VIGIL-TEST-PLAN-MU (high, imported) in plan-mu@1.0.0\n    brings in VIGIL-TEST-PLAN-LAMBDA in plan-lambda@1.0.0\n',
    );
    expect(run.stdout).toContain(
      "refresh plan-zeta 1.0.0: its dependencies' ranges already admit fixed versions",
    );
    expect(run.stdout).toContain(
      'VIGIL-TEST-PLAN-THETA (high, imported) in plan-theta@1.0.0: a parent pins it:',
    );
    expect(run.stdout).toContain(
      'VIGIL-TEST-PLAN-IOTA (medium, imported) in @plan/iota@1.0.0: no fixed version:',
    );
    expect(run.stdout).toContain(
      '6 upgrades remove 6 of 8 advisories (4 by a lockfile refresh, 2 major upgrades).',
    );
    const md = await plan(dir, cache, '--format', 'markdown');
    expect(md.stdout).toContain('| Upgrade | Removes |');
    expect(md.stdout).toContain('<br>brings in VIGIL-TEST-PLAN-LAMBDA in plan-lambda@1.0.0 |');
    expect(md.stdout).toContain(
      '| upgrade plan-gamma 1.0.0 → 1.1.0 (inside the declared range ^1.0.0: a lockfile refresh suffices) |',
    );
  });

  it('reads the registry from the project .npmrc, and --registry wins over everything', async () => {
    const { dir, cache } = project({
      'package.json': PACKAGE_JSON,
      'yarn.lock': LOCKFILES['yarn classic']!.text(),
      '.npmrc': `# a comment\n@other:registry=http://127.0.0.1:9/\nregistry=${registry.url}/\n`,
    });
    const fromRc = await runCli([
      'sca',
      'plan',
      dir,
      '--database',
      database,
      '--cache-dir',
      cache,
      '-f',
      'json',
    ]);
    expect(fromRc.code).toBe(0);
    expect((JSON.parse(fromRc.stdout) as JsonPlan).registry).toEqual({ url: registry.url, from: '.npmrc' });
    const flag = await runCli(
      [
        'sca',
        'plan',
        dir,
        '--database',
        database,
        '--cache-dir',
        cache,
        '-f',
        'json',
        '--registry',
        registry.url,
      ],
      {
        env: { npm_config_registry: 'http://127.0.0.1:9' },
      },
    );
    expect((JSON.parse(flag.stdout) as JsonPlan).registry.from).toBe('--registry');
  });

  it('says plainly it cannot plan offline, and exits 3', async () => {
    const { dir, cache } = project({
      'package.json': PACKAGE_JSON,
      'package-lock.json': LOCKFILES['package-lock v3']!.text(),
    });
    const run = await plan(dir, cache, '--offline');
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('cannot plan offline');
  });

  it('says it cannot plan when the registry is down, and exits 3', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const { dir, cache } = project({
      'package.json': PACKAGE_JSON,
      'package-lock.json': LOCKFILES['package-lock v3']!.text(),
    });
    const run = await plan(dir, cache, '--registry', `http://127.0.0.1:${port}`);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(`cannot plan: registry http://127\\.0\\.0\\.1:${port} unreachable \\(ECONNREFUSED\\)`),
    );
  });

  it('says it cannot plan when the advisories cannot be read, and exits 3', async () => {
    const { dir, cache } = project({
      'package.json': PACKAGE_JSON,
      'package-lock.json': LOCKFILES['package-lock v3']!.text(),
    });
    const missing = join(work, 'no-such-database');
    const run = await runCli(['sca', 'plan', dir, '--database', missing, '--cache-dir', cache], {
      env: { npm_config_registry: registry.url },
    });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `vigil sca plan: cannot plan: the advisories could not be read: SCA skipped: no local advisory database at ${join(missing, 'osv.db')}`,
    );
  });

  it('writes the plan to --output', async () => {
    const { dir, cache } = project({ 'package.json': PACKAGE_JSON, 'bun.lock': LOCKFILES.bun!.text() });
    const out = join(dir, 'plan.md');
    const run = await plan(dir, cache, '--format', 'markdown', '--output', out);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('**6 upgrades remove 6 of 8 advisories');
  });

  it('bounds the packuments it fetches and says the plan is incomplete', async () => {
    const { dir, cache } = project({
      'package.json': PACKAGE_JSON,
      'package-lock.json': LOCKFILES['package-lock v3']!.text(),
    });
    const run = await plan(dir, cache, '--format', 'json', '--max-packuments', '3');
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('INCOMPLETE');
    const json = JSON.parse(run.stdout) as JsonPlan;
    expect(json.incomplete).toBe(true);
    const notPlanned = json.lockfiles[0]!.unremoved.filter((u) => u.reason === 'unresolved');
    expect(notPlanned.length).toBeGreaterThan(0);
    expect(notPlanned[0]!.detail).toContain('packument cap reached: more than 3 packuments needed');
  });

  it('reports nothing to upgrade when no advisory matches, exit 0', async () => {
    const { dir, cache } = project({
      'package.json': JSON.stringify({ name: 'app', dependencies: { 'plan-alpha': '^1.0.0' } }),
      'package-lock.json': JSON.stringify({
        name: 'app',
        lockfileVersion: 3,
        packages: {
          '': { dependencies: { 'plan-alpha': '^1.0.0' } },
          'node_modules/plan-alpha': { version: '1.1.0' },
        },
      }),
    });
    const run = await plan(dir, cache);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No advisory in any npm lockfile: nothing to upgrade.');
  });

  it('names the package and URL of a malformed packument and plans the rest', async () => {
    // a registry that accepted a manifest whose dependency range is not a string serves it as published
    await registry.publish({
      name: 'plan-broken',
      version: '1.0.0',
      dependencies: { 'plan-eta': 5 as unknown as string },
    });
    const lock = JSON.parse(LOCKFILES['package-lock v3']!.text()) as { packages: Record<string, object> };
    (lock.packages[''] as { dependencies: Record<string, string> }).dependencies['plan-broken'] = '^1.0.0';
    lock.packages['node_modules/plan-broken'] = { version: '1.0.0', dependencies: { 'plan-theta': '1.0.0' } };
    const pkg = JSON.parse(PACKAGE_JSON) as { dependencies: Record<string, string> };
    pkg.dependencies['plan-broken'] = '^1.0.0';
    const { dir, cache } = project({
      'package.json': JSON.stringify(pkg),
      'package-lock.json': JSON.stringify(lock),
    });
    const run = await plan(dir, cache, '--format', 'json');
    expect(run.code).toBe(3);
    const json = JSON.parse(run.stdout) as JsonPlan;
    const theta = json.lockfiles[0]!.unremoved.find((u) => u.item.ids[0] === 'VIGIL-TEST-PLAN-THETA')!;
    expect(theta.reason).toBe('unresolved');
    expect(theta.detail).toBe(
      `no release of plan-broken could be resolved (malformed metadata for plan-broken from ${registry.url}/plan-broken: versions["1.0.0"].dependencies["plan-eta"] is not a string)`,
    );
    // the other direct dependencies are still planned
    expect(json.lockfiles[0]!.upgrades.map((u) => u.name)).toEqual(PLANNED_UPGRADES);
  });
});

describe('the plan of a PR summary (planOutcome)', () => {
  it('is made from the scan it is given, and stops at its time budget with the reason instead of failing', async () => {
    const { dir, cache } = project({
      'package.json': PACKAGE_JSON,
      'package-lock.json': LOCKFILES['package-lock v3']!.text(),
    });
    const config = { sca: { database } };
    let inventory: InventoryResult | undefined;
    const scan = await runScan({
      root: dir,
      config,
      options: { cacheDir: cache, onInventory: (read) => (inventory = read) },
      select: { scanners: ['sca'] },
    });
    const input = {
      findings: scan.findings,
      inventories: inventory!.inventories,
      root: dir,
      config,
      cacheDir: cache,
    };
    const made = await planOutcome({ ...input, registry: { url: registry.url, from: 'VIGIL_REGISTRY' } });
    expect('plan' in made && made.plan.lockfiles[0]!.upgrades.map((u) => u.name)).toEqual(PLANNED_UPGRADES);
    // a registry that accepts connections and never answers
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
      const started = Date.now();
      const stopped = await planOutcome({ ...input, registry: { url, from: 'VIGIL_REGISTRY' } }, 300);
      expect(stopped).toEqual({ unavailable: 'it took longer than 0.3 s and was stopped' });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});

describe('planLockfile weights', () => {
  it('puts a reachable advisory before an unreachable one of the same severity; without verdicts, by name', async () => {
    const inventory = packageLock.extract('package-lock.json', LOCKFILES['package-lock v3']!.text());
    const item = (
      name: string,
      id: string,
      fixedVersion: string,
      reachability?: Reachability,
    ): VulnerableItem => ({
      lockfile: 'package-lock.json',
      name,
      version: '1.0.0',
      ids: [id],
      severity: 'medium',
      fixedVersion,
      ...(reachability ? { reachability } : {}),
    });
    const source = new DatabaseSource(AdvisoryDatabase.open(database, { readOnly: true }));
    const client = new RegistryClient({ registry: registry.url, cacheDir: join(work, 'weights-cache') });
    try {
      const order = async (alpha?: Reachability, delta?: Reachability) =>
        (
          await planLockfile(
            inventory,
            [
              item('plan-alpha', 'VIGIL-TEST-PLAN-ALPHA', '1.0.2', alpha),
              item('plan-delta', 'VIGIL-TEST-PLAN-DELTA', '1.1.0', delta),
            ],
            client,
            advisoryOracle(source),
          )
        ).upgrades.map((u) => u.name);
      expect(await order()).toEqual(['plan-alpha', 'plan-gamma']);
      expect(await order('unreachable', 'reachable')).toEqual(['plan-gamma', 'plan-alpha']);
      expect(await order('imported', 'unreachable')).toEqual(['plan-alpha', 'plan-gamma']);
      expect(itemWeight({ severity: 'medium', reachability: 'reachable' })).toBeGreaterThan(
        itemWeight({ severity: 'medium', reachability: 'imported' }),
      );
      expect(itemWeight({ severity: 'medium', reachability: 'imported' })).toBeGreaterThan(
        itemWeight({ severity: 'medium', reachability: 'unreachable' }),
      );
      expect(itemWeight({ severity: 'medium' })).toBe(
        itemWeight({ severity: 'medium', reachability: 'imported' }),
      );
    } finally {
      source.close();
    }
  });

  it('reads the verdict a finding carries in properties.reachability', () => {
    const finding = (verdict: unknown) =>
      ({
        ruleId: 'VIGIL-TEST-PLAN-ALPHA',
        kind: 'sca',
        severity: 'high',
        title: 't',
        message: 'm',
        location: { path: 'package-lock.json', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
        fingerprint: 'f',
        advisoryIds: ['VIGIL-TEST-PLAN-ALPHA'],
        package: { ecosystem: 'npm', name: 'plan-alpha', version: '1.0.0', source: 'package-lock.json' },
        properties: { reachability: { verdict } },
      }) as Finding;
    expect(vulnerableItems([finding('reachable')]).items[0]!.reachability).toBe('reachable');
    expect(vulnerableItems([finding('unreachable')]).items[0]!.reachability).toBe('unreachable');
    expect(vulnerableItems([finding('maybe')]).items[0]!.reachability).toBeUndefined();
    expect(
      vulnerableItems([{ ...finding('reachable'), suppression: { kind: 'config' } } as Finding]).items,
    ).toEqual([]);
  });
});

describe('resolveTree against the local Verdaccio', () => {
  const client = () => new RegistryClient({ registry: registry.url, cacheDir: join(work, 'resolve-cache') });

  it('stops at a cycle, follows npm: aliases and dist-tags, skips git, file and URL specs', async () => {
    await registry.publish({ name: 'cyc-a', version: '1.0.0', dependencies: { 'cyc-b': '^1.0.0' } });
    await registry.publish({ name: 'cyc-b', version: '1.0.0', dependencies: { 'cyc-a': '1.0.0' } });
    await registry.publish({
      name: 'spec-user',
      version: '1.0.0',
      dependencies: {
        alpha: 'npm:plan-alpha@~1.0.0',
        gh: 'github:someone/something',
        local: 'file:../local',
        tarball: 'https://example.invalid/x.tgz',
        'plan-eta': 'latest',
      },
    });
    const cycle = await resolveTree(client(), 'cyc-a', '1.0.0');
    expect([...cycle.nodes.keys()]).toEqual(['cyc-a@1.0.0', 'cyc-b@1.0.0']);
    expect(cycle.gaps).toEqual([]);
    const specs = await resolveTree(client(), 'spec-user', '1.0.0');
    expect([...specs.nodes.keys()]).toEqual(['spec-user@1.0.0', 'plan-alpha@1.0.2', 'plan-eta@1.0.1']);
    expect(specs.gaps).toEqual([]);
  });

  it('cuts a chain deeper than 32 levels and says so', async () => {
    for (let i = 34; i >= 0; i--)
      await registry.publish({
        name: `deep-${i}`,
        version: '1.0.0',
        ...(i < 34 ? { dependencies: { [`deep-${i + 1}`]: '1.0.0' } } : {}),
      });
    const tree = await resolveTree(client(), 'deep-0', '1.0.0');
    expect(tree.nodes.size).toBe(33);
    expect(tree.gaps).toEqual([`dependencies deeper than ${MAX_RESOLVE_DEPTH} levels were not resolved`]);
  });
});
