import { resolve } from 'node:path';
import type { ConfigSource } from '../../core/config/loader.ts';
import type { VigilConfig } from '../../core/config/types.ts';
import { incompleteScanners, type Finding } from '../../core/finding.ts';
import { runScan } from '../../core/scan.ts';
import { collectInventory, walkInventoryFiles } from '../inventory.ts';
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

/**
 * The upgrade plan of every npm lockfile under `root`: the SCA scan's advisories (config ignores and
 * suppressions applied), the lockfiles' graphs, and the registry's metadata for what newer
 * releases would install. Nothing of the project is run.
 */
export async function makePlan(request: PlanRequest): Promise<PlanResult> {
  const scan = await runScan({
    root: request.root,
    config: request.config,
    ...(request.configSource ? { configSource: request.configSource } : {}),
    options: { cacheDir: request.cacheDir, ...(request.prodOnly ? { prodOnly: true } : {}) },
    select: { scanners: ['sca'] },
  });
  const stopped = incompleteScanners(scan.diagnostics);
  if (stopped.length > 0)
    throw new CannotPlanError(`the advisories could not be read: ${stopped[0]!.reason}`);
  const notes = scan.diagnostics
    .filter((d) => d.level === 'error')
    .map((d) => `${d.path ? `${d.path}: ` : ''}${d.message}`);
  const { items, malicious } = vulnerableItems(scan.findings);
  if (malicious.length > 0)
    notes.push(
      `malicious packages are to be removed, not upgraded; left out of the plan: ${malicious.join(', ')}`,
    );

  const walked = await walkInventoryFiles(request.root);
  const inventory = await collectInventory(request.root, walked.files);
  const npm = inventory.inventories.filter(
    (inv) => inv.ecosystem === 'npm' && items.some((i) => i.lockfile === inv.path),
  );

  const client = new RegistryClient({
    registry: request.registry.url,
    cacheDir: request.cacheDir,
    ...(request.maxPackuments !== undefined ? { maxPackuments: request.maxPackuments } : {}),
  });
  const lockfiles: LockfilePlan[] = [];
  if (npm.length > 0) {
    const opened = openAdvisorySource({
      cacheDir: request.cacheDir,
      ...(request.config.sca?.offline ? { offline: true } : {}),
      ...(request.config.sca?.database
        ? { database: resolve(request.root, request.config.sca.database) }
        : {}),
      ...(request.config.sca?.apiUrl ? { apiUrl: request.config.sca.apiUrl } : {}),
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
    registry: request.registry,
    lockfiles,
    packuments: client.requested,
    maxPackuments: client.maxPackuments,
    notes,
    incomplete: lockfiles.some((l) => l.incomplete),
  };
}
