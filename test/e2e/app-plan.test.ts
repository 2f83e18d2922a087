import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pullFilesFromGit } from '../support/github-api/index.ts';
import { closedPortUrl } from '../support/unreachable.ts';
import { idle, PERMISSIONS, serveCommit, startHarness, type Harness } from '../app/support/app.ts';
import {
  commit,
  deliver,
  git,
  initRepo,
  pullRequestEvent,
  waitFor,
  type Repository,
} from '../app/support/fixtures.ts';
import { startPlanWorld, type PlanWorld } from '../sca/plan/support/pr-world.ts';

/**
 * The upgrade plan in the App's PR summary, for real: probot on 127.0.0.1 receiving signed
 * webhooks, the OpenAPI-validating GitHub stand-in, an OSV API stand-in serving the plan tests'
 * advisories, and a real Verdaccio on 127.0.0.1 as the operator's registry (VIGIL_REGISTRY).
 */

let work: string;
let world: PlanWorld;
/** An App planning from the Verdaccio, and one whose operator registry is down. */
let planning: Harness;
let down: Harness;
let downUrl: string;

async function harness(registryUrl: string): Promise<Harness> {
  const h = await startHarness({
    operator: {
      sca: { apiUrl: world.osv.url },
      cacheDir: mkdtempSync(join(work, 'cache-')),
      upgradePlan: { registry: { url: registryUrl, from: 'VIGIL_REGISTRY' } },
    },
  });
  h.api.addInstallation({ id: 77, account: 'acme', permissions: { ...PERMISSIONS } });
  return h;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'vigil-app-plan-'));
  world = await startPlanWorld();
  downUrl = await closedPortUrl();
  [planning, down] = await Promise.all([harness(world.registry.url), harness(downUrl)]);
}, 60_000);

afterEach(() => {
  expect(planning.api.violations).toEqual([]);
  expect(down.api.violations).toEqual([]);
});

afterAll(async () => {
  await Promise.all([planning?.close(), down?.close()]);
  await world?.close();
  rmSync(work, { recursive: true, force: true });
});

/** A PR adding the plan tests' project (package.json, lockfile, hostile .npmrc) to `name`; its summary comment and sca check run once done. */
async function pullWithLockfile(h: Harness, name: string) {
  const r: Repository = { owner: 'acme', name, installationId: 77 };
  const fullName = `acme/${name}`;
  h.api.addRepo(fullName, { installationId: 77 });
  const dir = join(work, name);
  initRepo(dir);
  const base = commit(dir, { '.github/vigil.yml': 'scanners: [sca]\n', 'README.md': `# ${name}\n` }, 'main');
  git(dir, 'checkout', '-q', '-b', 'feature');
  const head = commit(dir, world.pullFiles(), 'dependencies');
  await serveCommit(h.api, fullName, dir, base);
  await serveCommit(h.api, fullName, dir, head);
  h.api.setPull(fullName, 1, { headSha: head, baseSha: base, files: pullFilesFromGit(dir, base, head) });
  await deliver(h.app.url, 'pull_request', pullRequestEvent('opened', r, { number: 1, head, base }), {
    secret: h.secret,
  });
  const comment = await waitFor(
    `${fullName}'s summary comment`,
    () => h.api.repo(fullName).issueComments[0],
    40_000,
  );
  await waitFor('the queue to drain', () => idle(h.app));
  const sca = h.api.repo(fullName).checkRuns.find((c) => c.name === 'vigil / sca')!;
  return { summary: comment.body, sca };
}

describe('the upgrade plan in the App’s PR summary', () => {
  it('a PR whose lockfile has fixable advisories gets the plan, from the operator’s registry even when its .npmrc names another', async () => {
    const { summary, sca } = await pullWithLockfile(planning, 'planned');
    expect(summary).toContain(
      `**Upgrade plan** (registry ${world.registry.url}): 6 upgrades remove 6 of 8 advisories (4 by a lockfile refresh, 2 major upgrades).`,
    );
    expect(summary).toContain('| upgrade | how | removes | weight |');
    // `@` is followed by a zero-width space in every summary, so no name can mention anyone
    const at = (s: string) => s.replace(/@/g, '@\u200b');
    expect(summary).toContain(
      at(
        '| plan-beta 1.2.0 → 2.0.0 | major, outside `^1.2.0` | VIGIL-TEST-PLAN-BETA (critical, imported) in plan-beta@1.2.0 | 40.5 |\n' +
          '| plan-alpha 1.0.0 → 1.0.2 | in range `^1.0.0` | VIGIL-TEST-PLAN-ALPHA (high, imported) in plan-alpha@1.0.0 | 13.5 |',
      ),
    );
    expect(summary).toContain(
      at(
        '| plan-mu 1.0.0 → 2.0.0 | major, outside `^1.0.0` | VIGIL-TEST-PLAN-MU (high, imported) in plan-mu@1.0.0<br>brings in VIGIL-TEST-PLAN-LAMBDA in plan-lambda@1.0.0 | 13.5 |',
      ),
    );
    expect(summary).toContain(
      at(
        '| plan-zeta 1.0.0 | lockfile refresh | VIGIL-TEST-PLAN-ETA (low, imported) in plan-eta@1.0.0 | 1.5 |',
      ),
    );
    expect(summary).toContain(
      at(
        'Not removed by any upgrade:\n\n' +
          '- VIGIL-TEST-PLAN-THETA (high, imported) in plan-theta@1.0.0: a parent pins it (plan-epsilon@1.1.0, its latest release, requires plan-theta@1.0.0, which admits no fixed version (fixed in 1.0.1))\n' +
          '- VIGIL-TEST-PLAN-IOTA (medium, imported) in @plan/iota@1.0.0: no fixed version (the advisory names no fixed version)',
      ),
    );
    // the sca check run carries the same section; the scan concluded as it would without it
    expect(sca.output.summary).toContain(`**Upgrade plan** (registry ${world.registry.url})`);
    expect(sca.conclusion).toBe('failure');
    expect(world.hostile.requests).toEqual([]);
  });

  it('the operator’s registry down: the section says no plan could be made and why; the scan concludes as usual', async () => {
    const { summary, sca } = await pullWithLockfile(down, 'unplanned');
    expect(summary).toContain(
      `**Upgrade plan**: no plan could be made: registry ${downUrl} unreachable (ECONNREFUSED). The scan's findings are complete without it.`,
    );
    // nothing else of the summary is lost
    expect(summary).toContain('**8 new**, 0 existing');
    expect(summary).toContain('- upgrade plan-beta to 2.0.0: fixes 1');
    expect(sca.conclusion).toBe('failure');
    expect(sca.output.title).toBe('8 new, 0 existing');
  });
});
