import { describe, expect, it } from 'vitest';
import { renderPlanSection, MAX_PLAN_ROWS } from '../../src/github/upgrade-plan.ts';
import type { PlanResult } from '../../src/sca/plan/make-plan.ts';
import type { PlannedUpgrade, UnremovedItem, VulnerableItem } from '../../src/sca/plan/planner.ts';
import { GITHUB_TEXT_LIMIT } from '../../src/github/text.ts';

/**
 * The summary section's shape and bounds over plans as planFromFindings returns them (the plans
 * themselves are made against a real Verdaccio in test/sca/plan and test/e2e/app-plan.test.ts).
 */

const item = (name: string, id: string, over: Partial<VulnerableItem> = {}): VulnerableItem => ({
  lockfile: 'package-lock.json',
  name,
  version: '1.0.0',
  ids: [id],
  severity: 'high',
  ...over,
});

const upgrade = (name: string, over: Partial<PlannedUpgrade> = {}): PlannedUpgrade => ({
  lockfile: 'package-lock.json',
  name,
  from: '1.0.0',
  to: '1.0.1',
  upgrade: 'patch',
  declaredRange: '^1.0.0',
  withinRange: true,
  removes: [item(name, `GHSA-${name}`)],
  introduces: [],
  ...over,
});

function plan(
  upgrades: PlannedUpgrade[],
  unremoved: UnremovedItem[] = [],
  over: Partial<PlanResult> = {},
): PlanResult {
  return {
    registry: { url: 'https://registry.npmjs.org', from: 'default' },
    lockfiles: [
      {
        path: 'package-lock.json',
        format: 'package-lock v3',
        upgrades,
        unremoved,
        notes: [],
        incomplete: false,
      },
    ],
    packuments: 3,
    maxPackuments: 3000,
    notes: [],
    incomplete: false,
    ...over,
  };
}

describe('the PR summary’s upgrade plan section', () => {
  it('weighs each upgrade by severity and reachability, and names what it removes', () => {
    const text = renderPlanSection({
      plan: plan([
        upgrade('a', {
          removes: [
            item('a', 'GHSA-1', { severity: 'critical', reachability: 'reachable' }),
            item('a', 'GHSA-2', { severity: 'low', reachability: 'unreachable' }),
          ],
        }),
      ]),
    })!;
    expect(text).toContain(
      '| a 1.0.0 → 1.0.1 | in range `^1.0.0` | GHSA-1 (critical, reachable) in a@\u200b1.0.0<br>GHSA-2 (low, unreachable) in a@\u200b1.0.0 | 55 |',
    );
  });

  it('caps both lists with "and N more" and stays small whatever the plan holds', () => {
    const many = Array.from({ length: 40 }, (_, i) => upgrade(`pkg-${i}`));
    const left = Array.from({ length: 25 }, (_, i) => ({
      item: item(`left-${i}`, `GHSA-left-${i}`),
      reason: 'no-fixed-version' as const,
      detail: 'the advisory names no fixed version',
    }));
    const text = renderPlanSection({ plan: plan(many, left) })!;
    expect(text.split('\n').filter((l) => l.startsWith('| pkg-'))).toHaveLength(MAX_PLAN_ROWS);
    expect(text).toContain('- … and 30 more upgrades');
    expect(text).toContain('- … and 15 more advisories');
    // a hostile plan: huge names and details, markers and table breakers in package names
    const huge = 'x'.repeat(5000);
    const hostile = renderPlanSection({
      plan: plan(
        many.map((u) => ({ ...u, name: `${huge}|<!-- vigil:summary -->\n@team` })),
        left.map((u) => ({ ...u, detail: huge })),
      ),
    })!;
    expect(hostile.length).toBeLessThanOrEqual(8000);
    expect(hostile.length).toBeLessThan(GITHUB_TEXT_LIMIT / 4);
    expect(hostile).not.toContain('<!-- vigil');
    expect(hostile).not.toMatch(/@team/);
  });

  it('says why parts could not be planned: malformed metadata, an incomplete plan, notes', () => {
    const text = renderPlanSection({
      plan: plan(
        [],
        [
          {
            item: item('b', 'GHSA-b'),
            reason: 'unresolved',
            detail:
              'no release of b could be resolved (malformed metadata for b from https://registry.npmjs.org/b: not JSON)',
          },
        ],
        {
          incomplete: true,
          notes: ['malicious packages are to be removed, not upgraded; left out of the plan: evil@1.0.0'],
        },
      ),
    })!;
    expect(text).toContain('0 upgrades remove 0 of 1 advisory');
    expect(text).toContain('Incomplete: part of the plan could not be made.');
    expect(text).toContain(
      '- GHSA-b (high) in b@\u200b1.0.0: not planned (no release of b could be resolved (malformed metadata',
    );
    expect(text).toContain('> malicious packages are to be removed');
  });

  it('says plainly when no plan could be made, and is absent when there is nothing to plan', () => {
    expect(renderPlanSection({ unavailable: 'registry https://npm.internal unreachable (ENOTFOUND)' })).toBe(
      "**Upgrade plan**: no plan could be made: registry https://npm.internal unreachable (ENOTFOUND). The scan's findings are complete without it.",
    );
    expect(renderPlanSection({ plan: plan([]) })).toBeUndefined();
    expect(renderPlanSection(undefined)).toBeUndefined();
  });
});
