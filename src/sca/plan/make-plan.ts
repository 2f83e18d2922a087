import { resolve } from 'node:path';
import type { ConfigSource } from '../../core/config/loader.ts';
import type { VigilConfig } from '../../core/config/types.ts';
import { incompleteScanners, type Finding } from '../../core/finding.ts';
import { runScan } from '../../core/scan.ts';
import type { InventoryResult } from '../inventory.ts';
import type { LockfileInventory } from '../types.ts';
import { withoutUserinfo } from '../../core/urls.ts';
import { maliciousId } from '../malicious.ts';
import { matchPackages } from '../osv/matcher.ts';
import { openAdvisorySource, type AdvisorySource } from '../osv/source.ts';
import { RegistryClient } from './packument.ts';
import {
  planLockfile,
  type AdvisoryOracle,
  type Reachability,
  type UpgradePlan,
  type VulnerableItem,
} from './planner.ts';
import type { RegistryChoice } from './registry-url.ts';

/** No plan can be made at all: offline, the registry unreachable, no advisories. Exit "incomplete". */
export class CannotPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CannotPlanError';
  }
}

export interface PlanRequest {
  root: string;
  config: VigilConfig;
  configSource?: ConfigSource;
  cacheDir: string;
  registry: RegistryChoice;
  maxPackuments?: number;
  prodOnly?: boolean;
}

export interface LockfilePlan extends UpgradePlan {
  path: string;
  format: string;
}

export interface PlanResult {
  registry: RegistryChoice;
  lockfiles: LockfilePlan[];
  /** Distinct packuments the plan asked for (network or cache). */
  packuments: number;
  maxPackuments: number;
  /** Lockfiles that could not be read, malicious packages left out: said beside the plan. */
  notes: string[];
  incomplete: boolean;
}

const VERDICTS: readonly string[] = ['reachable', 'imported', 'unreachable'];

/** The reachability verdict a finding carries (`properties.reachability.verdict`), when it has one. */
function verdictOf(finding: Finding): Reachability | undefined {
  const r = finding.properties?.reachability as { verdict?: unknown } | undefined;
  return typeof r?.verdict === 'string' && VERDICTS.includes(r.verdict)
    ? (r.verdict as Reachability)
    : undefined;
}

/** The unsuppressed npm advisories of a scan, one per lockfile, package version and advisory. */
export function vulnerableItems(findings: readonly Finding[]): {
  items: VulnerableItem[];
  malicious: string[];
} {
  const items: VulnerableItem[] = [];
  const malicious: string[] = [];
  for (const f of findings) {
    const p = f.package;
    if (
      f.kind !== 'sca' ||
      f.suppression ||
      !p ||
      p.ecosystem !== 'npm' ||
      !p.source ||
      !f.advisoryIds?.length
    )
      continue;
    if (maliciousId(f.advisoryIds) !== undefined) {
      malicious.push(`${p.name}@${p.version}`);
      continue;
    }
    const reachability = verdictOf(f);
    items.push({
      lockfile: p.source,
      name: p.name,
      version: p.version,
      ids: f.advisoryIds,
      severity: f.severity,
      ...(reachability ? { reachability } : {}),
      ...(p.fixedVersion ? { fixedVersion: p.fixedVersion } : {}),
    });
  }
  return { items, malicious };
}

/** Re-match the versions a new tree would install against the same advisories the scan used. */
export function advisoryOracle(source: AdvisorySource): AdvisoryOracle {
  return async (packages) => {
    const { matches } = await matchPackages(
      packages.map((p) => ({ ecosystem: 'npm', name: p.name, version: p.version })),
      source,
    );
    const out = new Map<string, string[][]>();
    for (const m of matches) {
      const key = `${m.package.name}@${m.package.version}`;
      out.set(key, [...(out.get(key) ?? []), m.ids]);
    }
    return out;
  };
}

/** What a plan is made from: one scan's findings and the lockfile inventory that scan read. */
export interface PlanInput {
  findings: readonly Finding[];
  inventories: readonly LockfileInventory[];
  /** The scanned tree (a relative `sca.database` is read from it) and the configuration it was scanned with. */
  root: string;
  config: VigilConfig;
  cacheDir: string;
  registry: RegistryChoice;
  maxPackuments?: number;
  /** Said beside the plan (lockfiles the scan could not read). */
  notes?: string[];
  /** Stops the registry requests (the PR summary's time budget). */
  signal?: AbortSignal;
}

/**
 * The upgrade plan of a scan's npm advisories (config ignores and suppressions already applied):
 * the lockfiles' graphs from the scan's inventory, the registry's metadata for what newer releases
 * would install, re-matched against the advisory source the scan used. Nothing of the project is
 * run. Shared by `vigil sca plan` and the PR summary of the App and the Action.
 */
export async function planFromFindings(input: PlanInput): Promise<PlanResult> {
  const notes = [...(input.notes ?? [])];
  const { items, malicious } = vulnerableItems(input.findings);
  if (malicious.length > 0)
    notes.push(
      `malicious packages are to be removed, not upgraded; left out of the plan: ${malicious.join(', ')}`,
    );
  const npm = input.inventories.filter(
    (inv) => inv.ecosystem === 'npm' && items.some((i) => i.lockfile === inv.path),
  );
  const client = new RegistryClient({
    registry: input.registry.url,
    cacheDir: input.cacheDir,
    ...(input.maxPackuments !== undefined ? { maxPackuments: input.maxPackuments } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
  });
  const lockfiles: LockfilePlan[] = [];
  if (npm.length > 0) {
    const sca = input.config.sca;
    const opened = openAdvisorySource({
      cacheDir: input.cacheDir,
      ...(sca?.offline ? { offline: true } : {}),
      ...(sca?.database ? { database: resolve(input.root, sca.database) } : {}),
      ...(sca?.apiUrl ? { apiUrl: sca.apiUrl } : {}),
    });
    if (!opened.source)
      throw new CannotPlanError(`the advisories could not be read: ${opened.diagnostics[0]?.message}`);
    const source = opened.source;
    const oracle = advisoryOracle(source);
    try {
      for (const inv of npm) {
        const plan = await planLockfile(
          inv,
          items.filter((i) => i.lockfile === inv.path),
          client,
          oracle,
        );
        lockfiles.push({ path: inv.path, format: inv.format, ...plan });
      }
    } finally {
      source.close();
    }
  }
  return {
    registry: input.registry,
    lockfiles,
    packuments: client.requested,
    maxPackuments: client.maxPackuments,
    notes,
    incomplete: lockfiles.some((l) => l.incomplete),
  };
}

/** A plan for a PR summary, or why none could be made: a missing plan never fails the scan. */
export type PlanOutcome = { plan: PlanResult } | { unavailable: string };

/**
 * The most a PR summary's plan may take: a large project's plan takes about 20 s from an empty
 * cache (docs/sca-plan.md, "Measured"); past this the section says so and the scan goes on.
 */
export const PR_PLAN_TIMEOUT_MS = 120_000;

/** planFromFindings for the App and the Action: whatever stops the plan (its time budget too) becomes its reason. */
export async function planOutcome(
  input: Omit<PlanInput, 'signal'>,
  timeoutMs = PR_PLAN_TIMEOUT_MS,
): Promise<PlanOutcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    return { plan: await planFromFindings({ ...input, signal }) };
  } catch (error) {
    if (signal.aborted) return { unavailable: `it took longer than ${timeoutMs / 1000} s and was stopped` };
    return { unavailable: withoutUserinfo(error instanceof Error ? error.message : String(error)) };
  }
}

/**
 * The upgrade plan of every npm lockfile under `root` (`vigil sca plan`): one SCA scan, then the
 * plan from its findings and the inventory it read.
 */
export async function makePlan(request: PlanRequest): Promise<PlanResult> {
  let inventory: InventoryResult | undefined;
  const scan = await runScan({
    root: request.root,
    config: request.config,
    ...(request.configSource ? { configSource: request.configSource } : {}),
    options: {
      cacheDir: request.cacheDir,
      ...(request.prodOnly ? { prodOnly: true } : {}),
      onInventory: (read) => (inventory = read),
    },
    select: { scanners: ['sca'] },
  });
  const stopped = incompleteScanners(scan.diagnostics);
  if (stopped.length > 0)
    throw new CannotPlanError(`the advisories could not be read: ${stopped[0]!.reason}`);
  return planFromFindings({
    findings: scan.findings,
    inventories: inventory?.inventories ?? [],
    root: request.root,
    config: request.config,
    cacheDir: request.cacheDir,
    registry: request.registry,
    ...(request.maxPackuments !== undefined ? { maxPackuments: request.maxPackuments } : {}),
    notes: scan.diagnostics
      .filter((d) => d.level === 'error')
      .map((d) => `${d.path ? `${d.path}: ` : ''}${d.message}`),
  });
}
