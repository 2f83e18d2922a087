import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expiredIgnores, isoDate } from '../core/filters.ts';
import type { Diagnostic, DraftFinding, RuleMeta } from '../core/finding.ts';
import type { ScanContext, Scanner, ScannerResult, TrustedFiles } from '../core/scanner.ts';
import type { Severity } from '../core/severity.ts';
import {
  ignoredBy,
  MAX_IGNORE_FILE_BYTES,
  OSV_SCANNER_TOML,
  packageIgnoredBy,
  parseOsvScannerToml,
  type OsvScannerIgnores,
} from './ignores.ts';
import { collectInventory, INVENTORY_FILE_GLOBS } from './inventory.ts';
import { MAX_LOCKFILE_BYTES } from './lockfiles/text.ts';
import { matchPackages, type AdvisoryMatch } from './osv/matcher.ts';
import type { OsvRecord } from './osv/schema.ts';
import { openAdvisorySource } from './osv/source.ts';
import {
  declaredRange,
  describeGroup,
  groupUpgrades,
  remediate,
  upgradeKey,
  type UpgradeGroup,
} from './remediation.ts';
import type { LockfileInventory, Package } from './types.ts';
import { isMatchable } from './types.ts';
import { asMalicious, maliciousId } from './malicious.ts';
import { hasLicensePolicy, licenseFindings } from './licenses/findings.ts';
import { attachRegistryLicenses } from './licenses/registry.ts';
import { RegistryClient } from './plan/packument.ts';
import { chooseRegistry } from './plan/registry-url.ts';
import { defaultCacheDir } from '../core/cache-dir.ts';
import { applyVex, vexStatementFor } from './vex/apply.ts';
import { loadVex } from './vex/load.ts';
import { ReachabilityJudge } from './reachability/index.ts';

/** Severity when an advisory carries neither a usable CVSS vector nor a label. */
const UNKNOWN_SEVERITY: Severity = 'medium';
const MAX_HELP = 4000;

function dirChain(path: string): string[] {
  const parts = path.split('/').slice(0, -1);
  const dirs: string[] = [];
  for (let i = parts.length; i >= 0; i--) dirs.push(parts.slice(0, i).join('/'));
  return dirs;
}

/** A regular file's text in the scanned tree (links are not followed), or undefined. */
function treeText(root: string, rel: string): string | undefined {
  const abs = join(root, rel);
  return existsSync(abs) && lstatSync(abs).isFile() ? readFileSync(abs, 'utf8') : undefined;
}

/** Whether the tree's file differs from `text` (absent counts as undefined); a huge one is not read. */
function treeDiffers(root: string, rel: string, text: string | undefined): boolean {
  const abs = join(root, rel);
  const info = existsSync(abs) ? lstatSync(abs) : undefined;
  if (!info?.isFile()) return text !== undefined;
  return info.size > MAX_IGNORE_FILE_BYTES || readFileSync(abs, 'utf8') !== text;
}

/**
 * The osv-scanner.toml that governs each lockfile: the nearest one in its folder or a parent
 * folder inside the scan root, as osv-scanner looks for it. Links are not followed. With
 * `trusted` (a pull request's base, from the App or the Action) the files are those, never the
 * scanned tree's, and a tree whose file differs is told its entries take effect after merge.
 */
function loadOsvScannerConfigs(
  root: string,
  lockfiles: string[],
  diagnostics: Diagnostic[],
  trusted: TrustedFiles | undefined,
): Map<string, OsvScannerIgnores> {
  const byDir = new Map<string, OsvScannerIgnores | undefined>();
  const out = new Map<string, OsvScannerIgnores>();
  for (const lockfile of lockfiles) {
    for (const dir of dirChain(lockfile)) {
      if (!byDir.has(dir)) {
        const rel = dir ? `${dir}/${OSV_SCANNER_TOML}` : OSV_SCANNER_TOML;
        let parsed: OsvScannerIgnores | undefined;
        try {
          const text = trusted ? trusted.files[rel] : treeText(root, rel);
          if (trusted && treeDiffers(root, rel, text))
            diagnostics.push({
              level: 'note',
              source: 'sca',
              path: rel,
              message: `this change edits ${rel}: its ignore entries were taken from ${trusted.judge}; the new ones take effect after merge`,
            });
          if (text !== undefined) parsed = parseOsvScannerToml(rel, text);
        } catch (error) {
          diagnostics.push({ level: 'error', message: (error as Error).message, path: rel, source: 'sca' });
        }
        byDir.set(dir, parsed);
      }
      const found = byDir.get(dir);
      if (found) {
        out.set(lockfile, found);
        break;
      }
    }
  }
  return out;
}

function ruleFor(match: AdvisoryMatch<Package>, id: string, record: OsvRecord): RuleMeta {
  const aliases = match.ids.filter((x) => x !== id);
  const help = [
    record.details
      ? record.details.slice(0, MAX_HELP) + (record.details.length > MAX_HELP ? '…' : '')
      : (match.summary ?? id),
    aliases.length ? `\nAliases: ${aliases.join(', ')}.` : '',
    `\nhttps://osv.dev/vulnerability/${encodeURIComponent(id)}`,
  ].join('\n');
  const malicious = maliciousId(match.ids) !== undefined;
  return {
    id,
    kind: 'sca',
    title: `${malicious ? 'Malicious package: ' : ''}${match.summary ?? `Vulnerable dependency (${id})`}`,
    severity: malicious ? 'critical' : (match.severity?.severity ?? UNKNOWN_SEVERITY),
    help,
    fixHint: malicious
      ? 'Remove the package and rotate every secret the machines that installed it could read.'
      : 'Upgrade the package to a fixed version.',
    tags: [
      'security',
      'dependency',
      ...(malicious ? ['malicious'] : []),
      ...(match.severity?.vector ? [match.severity.vector] : []),
    ],
  };
}

function draftFor(
  match: AdvisoryMatch<Package>,
  declared: Record<string, string> | undefined,
  groups: Map<string, UpgradeGroup>,
  sourceName: string,
): DraftFinding {
  const pkg = match.package;
  const id = match.ids[0]!;
  const line = pkg.line ?? 1;
  const remedy = match.fixedVersion
    ? remediate(pkg.ecosystem, pkg.version, match.fixedVersion, pkg.direct, declaredRange(declared, pkg))
    : undefined;
  const group = groups.get(upgradeKey(pkg));
  const path = pkg.paths[0];
  const aliases = match.ids.slice(1);
  const sentences = [
    `${pkg.name} ${pkg.version}${pkg.alias ? ` (installed as ${pkg.alias})` : ''} is affected by ${id}${aliases.length ? ` (${aliases.join(', ')})` : ''}${match.summary ? `: ${match.summary}` : ''}.`,
  ];
  if (remedy) {
    sentences.push(
      `Fixed in ${remedy.fixedVersion}${remedy.upgrade === 'major' ? ' (a major upgrade)' : ''}.`,
    );
    if (remedy.fixWithinRange === true)
      sentences.push(
        `The declared range ${remedy.declaredRange} already admits it: refreshing the lockfile suffices.`,
      );
    if (remedy.fixWithinRange === false)
      sentences.push(`The declared range ${remedy.declaredRange} does not admit it: change the range.`);
  } else if (match.lastAffected) {
    sentences.push(
      `No fixed version is named; ${match.lastAffected} is the last affected version, so any later release clears it.`,
    );
  } else {
    sentences.push('No fixed version is known.');
  }
  if (path && path.length > 1) sentences.push(`Pulled in by ${path.join(' → ')}.`);
  const draft: DraftFinding = {
    ruleId: id,
    kind: 'sca',
    severity: match.severity?.severity ?? UNKNOWN_SEVERITY,
    title: `${pkg.name}@${pkg.version}: ${match.summary ?? id}`,
    message: sentences.join(' '),
    location: { path: pkg.source, startLine: line, startColumn: 1, endLine: line, endColumn: 1 },
    advisoryIds: match.ids,
    package: {
      ecosystem: pkg.ecosystem,
      name: pkg.name,
      version: pkg.version,
      ...(pkg.purl ? { purl: pkg.purl } : {}),
      ...(match.fixedVersion ? { fixedVersion: match.fixedVersion } : {}),
      ...(match.fixedVersions.length ? { fixedVersions: match.fixedVersions } : {}),
      direct: pkg.direct,
      dev: pkg.dev,
      paths: pkg.paths,
      source: pkg.source,
      ...(remedy?.fixWithinRange !== undefined ? { fixWithinRange: remedy.fixWithinRange } : {}),
    },
    properties: {
      advisorySource: sourceName,
      ...(pkg.alias ? { installedAs: pkg.alias } : {}),
      ...(match.severity
        ? {
            severitySource: match.severity.source,
            ...(match.severity.score !== undefined
              ? { cvssScore: match.severity.score, cvssVector: match.severity.vector }
              : {}),
          }
        : { severitySource: 'unknown' }),
      ...(remedy
        ? {
            upgrade: remedy.upgrade,
            ...(remedy.declaredRange !== undefined ? { declaredRange: remedy.declaredRange } : {}),
          }
        : {}),
      ...(group ? { upgradeGroup: describeGroup(group) } : {}),
      ...(match.lastAffected ? { lastAffected: match.lastAffected } : {}),
    },
  };
  if (remedy) {
    const text = group ? describeGroup(group) : `upgrade ${pkg.name} to ${remedy.fixedVersion}`;
    draft.fix = { description: text[0]!.toUpperCase() + text.slice(1) };
  } else if (match.lastAffected) {
    draft.fix = { description: `Upgrade ${pkg.name} past ${match.lastAffected} (the last affected version)` };
  }
  return draft;
}

/**
 * One package per lockfile, name and version, as osv-scanner counts them: copies installed at
 * several paths (npm's nested node_modules) merge — their dependency paths kept, direct if any
 * copy is, dev only if every copy is, located at the first copy.
 */
export function mergeInstalls(packages: Package[]): Package[] {
  const merged = new Map<string, Package>();
  for (const p of packages) {
    const key = `${p.source}\u0000${p.ecosystem}\u0000${p.name}\u0000${p.version}`;
    const seen = merged.get(key);
    if (!seen) {
      merged.set(key, { ...p, paths: [...p.paths] });
      continue;
    }
    seen.direct ||= p.direct;
    seen.dev &&= p.dev;
    seen.paths.push(...p.paths);
    if (p.line !== undefined && (seen.line === undefined || p.line < seen.line)) seen.line = p.line;
  }
  return [...merged.values()];
}

/**
 * Registry packages and npm aliases (matched under the real name they carry, as osv-scanner does);
 * `--prod-only` / `sca.prodOnly` drops packages only reachable through dev dependencies.
 */
function wanted(pkg: Package, prodOnly: boolean): boolean {
  return isMatchable(pkg) && !(prodOnly && pkg.dev);
}

/**
 * The registry licences are asked of: `options.registry` (tests), else the operator's
 * `npm_config_registry`, else npmjs — never a repository's `.npmrc`, which is input, not policy.
 */
function registryClient(options: ScanContext['options']): RegistryClient {
  const registry =
    typeof options.registry === 'string'
      ? options.registry
      : chooseRegistry(undefined, process.env, undefined).url;
  const cacheDir = typeof options.cacheDir === 'string' ? options.cacheDir : defaultCacheDir();
  return new RegistryClient({ registry, cacheDir });
}

export const scaScanner: Scanner = {
  id: 'sca',
  description: 'Dependencies in every lockfile, matched against OSV advisories',
  // real lockfiles (a monorepo's package-lock, yarn.lock) are often over the walker's 1 MiB cap
  largeFiles: { include: INVENTORY_FILE_GLOBS, maxFileSize: MAX_LOCKFILE_BYTES },
  async run(context: ScanContext): Promise<ScannerResult> {
    const { config, options } = context;
    const inventory = await collectInventory(context.root, context.files, {
      progress: context.progress,
      ...(context.signal ? { signal: context.signal } : {}),
      ...(config.sca?.goVersion ? { goVersion: config.sca.goVersion } : {}),
    });
    options.onInventory?.(inventory);
    const diagnostics: Diagnostic[] = [...inventory.diagnostics];
    const prodOnly = options.prodOnly === true || config.sca?.prodOnly === true;
    const packages = mergeInstalls(inventory.packages.filter((p) => wanted(p, prodOnly)));
    const offline = options.offline === true || config.sca?.offline === true;
    // licences need no advisory source: judged first, so an offline scan without a database still has them
    if (hasLicensePolicy(config.licenses))
      diagnostics.push(
        ...(await attachRegistryLicenses(packages, offline ? undefined : registryClient(options))),
      );
    const licensed = licenseFindings(packages, config.licenses);
    diagnostics.push(...licensed.diagnostics);
    const done = (findings: DraftFinding[], rules: RuleMeta[]): ScannerResult => ({
      findings: [...licensed.findings, ...findings],
      diagnostics,
      rules: [...licensed.rules, ...rules],
    });
    if (packages.length === 0) return done([], []);

    const opened = openAdvisorySource({
      offline,
      // a relative `sca.database` is read from the scanned tree, where the config file lives
      ...(config.sca?.database ? { database: resolve(context.root, config.sca.database) } : {}),
      ...(config.sca?.apiUrl ? { apiUrl: config.sca.apiUrl } : {}),
      ...(typeof options.cacheDir === 'string' ? { cacheDir: options.cacheDir } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
      progress: (stage, done, total) => {
        if (done === 0)
          context.progress.start(stage === 'query' ? 'Querying OSV' : 'Fetching advisories', total);
        else context.progress.tick();
      },
    });
    diagnostics.push(...opened.diagnostics);
    if (!opened.source) return done([], []);

    let matches: AdvisoryMatch<Package>[];
    // the whole record of each advisory, for its rule's help text, read before the source closes
    const fullRecords = new Map<string, OsvRecord>();
    try {
      const result = await matchPackages(packages, opened.source);
      matches = result.matches;
      diagnostics.push(...result.diagnostics);
      for (const m of matches)
        if (!fullRecords.has(m.ids[0]!)) fullRecords.set(m.ids[0]!, opened.source.complete(m.records[0]!));
    } catch (error) {
      if (context.signal?.aborted) throw error;
      diagnostics.push({
        level: 'error',
        message: `SCA skipped: no advisory source could be read (${(error as Error).message}). Run \`vigil db update\` or \`vigil db import\` to scan offline.`,
        source: 'sca',
        incomplete: true,
      });
      return done([], []);
    } finally {
      context.progress.done();
      opened.source.close();
    }

    const declaredBySource = new Map<string, LockfileInventory['declared']>(
      inventory.inventories.map((inv) => [inv.path, inv.declared]),
    );
    const groups = new Map(
      groupUpgrades(
        matches
          .filter((m) => m.fixedVersion)
          .map((m) => ({
            source: m.package.source,
            ecosystem: m.package.ecosystem,
            name: m.package.name,
            version: m.package.version,
            fixedVersion: m.fixedVersion!,
            advisoryId: m.ids[0]!,
          })),
      ).map((g) => [upgradeKey({ ...g, version: g.from }), g]),
    );

    const ignoreFiles = loadOsvScannerConfigs(
      context.root,
      [...new Set(packages.map((p) => p.source))],
      diagnostics,
      options.trustedIgnoreFiles,
    );
    const vexStatements = loadVex(
      context.root,
      {
        ...(options.vexFiles ? { files: options.vexFiles } : {}),
        ...(options.trustedIgnoreFiles ? { trusted: options.trustedIgnoreFiles } : {}),
      },
      diagnostics,
    );
    const now = options.now instanceof Date ? options.now : new Date();
    const today = isoDate(now);
    const rules = new Map<string, RuleMeta>();
    const findings: DraftFinding[] = [];
    const reachability = new ReachabilityJudge(context, inventory.packages);
    for (const match of matches) {
      const ordinary = draftFor(
        match,
        declaredBySource.get(match.package.source),
        groups,
        opened.source.name,
      );
      const malId = maliciousId(match.ids);
      const draft = reachability.judge(
        malId ? asMalicious(ordinary, malId, match.summary) : ordinary,
        match,
        [fullRecords.get(match.ids[0]!)!, ...match.records],
      );
      const ignores = ignoreFiles.get(match.package.source);
      const vex = vexStatementFor(vexStatements, match.ids, match.package);
      if (vex) applyVex(draft, vex);
      if (ignores) {
        const hit = ignoredBy(ignores, match.ids, today);
        const pkgHit = hit ? undefined : packageIgnoredBy(ignores, match.package, today);
        if (hit || pkgHit) {
          const line = hit?.line ?? pkgHit!.line;
          draft.suppression = {
            kind: 'ignore-file',
            justification: hit?.entry.reason ?? pkgHit!.reason,
            location: { path: ignores.path, startLine: line, startColumn: 1, endLine: line, endColumn: 1 },
          };
        }
      }
      findings.push(draft);
      if (!rules.has(draft.ruleId))
        rules.set(draft.ruleId, ruleFor(match, draft.ruleId, fullRecords.get(draft.ruleId)!));
    }
    // expired osv-scanner.toml entries are reported, like expired `.vigil.yml` ignores
    for (const ignores of new Set(ignoreFiles.values()))
      findings.push(...expiredIgnores(ignores.vulns, ignores.source, now));
    diagnostics.push(...reachability.diagnostics);
    return done(findings, [...rules.values()]);
  },
};
