import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../support/fixtures.ts';
import { closedPortUrl } from '../support/unreachable.ts';
import { startPlanWorld, type PlanWorld } from '../sca/plan/support/pr-world.ts';
import { pullEvent, runActionAt } from './support.ts';

/**
 * The Action in-process on a pull request whose lockfile has fixable advisories: the upgrade plan
 * in the job summary comes from the `registry` input (a real Verdaccio on 127.0.0.1), never from
 * the PR's .npmrc; advisories from an OSV API stand-in serving the plan tests' records.
 */

const work = mkdtempSync(join(tmpdir(), 'vigil-action-plan-'));
let world: PlanWorld;
let dir: string;
let head: string;
let base: string;

beforeAll(async () => {
  world = await startPlanWorld();
  dir = join(work, 'repo');
  initRepo(dir);
  base = commit(dir, { 'README.md': '# app\n' }, 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  head = commit(dir, world.pullFiles(), 'dependencies');
}, 60_000);

afterAll(async () => {
  await world?.close();
  rmSync(work, { recursive: true, force: true });
});

const run = (inputs: Record<string, string>) =>
  runActionAt(work, dir, head, pullEvent(head, base), {
    scanners: 'sca',
    'osv-api-url': world.osv.url,
    ...inputs,
  });

describe('the upgrade plan in the Action’s PR summary', () => {
  it('plans from the `registry` input, never the PR’s .npmrc', async () => {
    const result = await run({ registry: world.registry.url });
    expect(result.code).toBe(1); // new high findings: the plan changes nothing of the conclusion
    expect(result.summary).toContain(
      `**Upgrade plan** (registry ${world.registry.url}): 6 upgrades remove 6 of 8 advisories (4 by a lockfile refresh, 2 major upgrades).`,
    );
    expect(result.summary).toContain(
      '| plan-alpha 1.0.0 → 1.0.2 | in range `^1.0.0` | VIGIL-TEST-PLAN-ALPHA (high, imported) in plan-alpha@\u200b1.0.0 | 13.5 |',
    );
    expect(world.hostile.requests).toEqual([]);
  });

  it('says no plan could be made when the registry is down; the step concludes as it would without', async () => {
    const down = await closedPortUrl();
    const result = await run({ registry: down });
    expect(result.code).toBe(1);
    expect(result.output('conclusion')).toBe('failure');
    expect(result.summary).toContain(
      `**Upgrade plan**: no plan could be made: registry ${down} unreachable (ECONNREFUSED).`,
    );
    expect(result.summary).toContain('**8 new**, 0 existing');
  });

  it('makes none with `upgrade-plan: false`', async () => {
    const result = await run({ 'upgrade-plan': 'false', registry: world.registry.url });
    expect(result.code).toBe(1);
    expect(result.summary).not.toContain('Upgrade plan');
  });
});
