import type { Diagnostic, DraftFinding, RuleMeta } from '../core/finding.ts';
import type { Severity } from '../core/severity.ts';
import type { PackageQuery } from '../sca/osv/match.ts';
import type { AdvisoryMatch } from '../sca/osv/matcher.ts';
import { matchPackages } from '../sca/osv/matcher.ts';
import type { OsvRecord } from '../sca/osv/schema.ts';
import type { AdvisorySource } from '../sca/osv/source.ts';
import type { Package } from '../sca/types.ts';
import { schemeFor } from '../sca/versions/index.ts';
import { SECRET_TEXT_RULE } from '../sast/secrets/index.ts';
import { LayerCache } from './cache.ts';
import type { GoBuildInfo } from './gobinary.ts';
import { GoBuildInfoSink, goPackages, wantsGoBinaryScan } from './gobinary.ts';
import type { LayerResult } from './cache.ts';
import { parseLanguageFile, wantsLanguageFile } from './language.ts';
import type { LayerLimits } from './layers.ts';
import { LayerError, MergedTree, readLayer } from './layers.ts';
import type { OsInfo } from './os.ts';
import { detectOs, OS_FILES } from './os.ts';
import { APK_INSTALLED, parseApkInstalled } from './pkgdb/apk.ts';
import { DPKG_STATUS, isDpkgDatabase, parseDpkgStatus } from './pkgdb/dpkg.ts';
import { isRpmDatabase, parseRpmDatabase } from './pkgdb/rpm.ts';
import type { OsPackage, PkgDbResult } from './pkgdb/types.ts';
import { scanConfigSecrets, scanLayerFile, wantsSecretScan } from './secrets.ts';
import type { ImageSource, LayerDescriptor } from './sources/image.ts';

/** Bumped when what a layer result holds changes, so old cache entries are not reused. */
const ANALYSER_VERSION = 'container-layer-v2';

export interface ImageScanOptions {
  /** The SCA side's advisory source (OSV API or offline database); no matching without one. */
  advisories?: AdvisorySource;
  /** Drop vulnerabilities no fixed version exists for yet. */
  ignoreUnfixed?: boolean;
  /** Where layer results are cached; no cache when absent. */
  cacheDir?: string;
  limits?: Partial<LayerLimits>;
  signal?: AbortSignal;
}

export interface LayerSummary {
  index: number;
  digest?: string;
  diffId?: string;
  createdBy?: string;
  /** Part of the base image (history up to the base image's last instruction). */
  base: boolean;
  packages: number;
  findings: number;
  cached: boolean;
  error?: string;
}

export interface ImageScanReport {
  ref: string;
  digest?: string;
  os?: OsInfo;
  layers: LayerSummary[];
  packages: Package[];
  findings: DraftFinding[];
  diagnostics: Diagnostic[];
  rules: RuleMeta[];
  /** Remediation advice at image level ("rebuild on debian:12 fixes 14 of 20"). */
  advice: string[];
}

export const OS_VULN_RULE: RuleMeta = {
  id: 'container/vulnerable-os-package',
  kind: 'container',
  title: 'Vulnerable OS package in image',
  severity: 'high',
  help:
    "A package installed by the image's package manager (dpkg, apk or rpm) is affected by a published " +
    'advisory for this OS release. Rebuild on an updated base image or upgrade the package in the layer ' +
    'that installs it (`apt-get install --only-upgrade <pkg>`, `apk upgrade <pkg>`, `dnf update <pkg>`).',
  fixHint: 'Rebuild on a patched base image or upgrade the package to the fixed version.',
};

export const LANG_VULN_RULE: RuleMeta = {
  id: 'container/vulnerable-language-package',
  kind: 'container',
  title: 'Vulnerable language package in image',
  severity: 'high',
  help:
    'A language package (npm, PyPI) installed in the image is affected by a published advisory. Upgrade it in ' +
    "the application's lockfile and rebuild the image.",
  fixHint: 'Upgrade the package to the fixed version and rebuild.',
};

const IMAGE_SECRET_RULE: RuleMeta = { ...SECRET_TEXT_RULE, tags: ['container'] };

function wantsAnalysis(path: string, size: number): boolean {
  return (
    (OS_FILES as readonly string[]).includes(path) ||
    isDpkgDatabase(path) ||
    path === APK_INSTALLED ||
    isRpmDatabase(path) ||
    wantsLanguageFile(path, size)
  );
}

/** Which layers belong to the base image: history up to the last CMD/ENTRYPOINT before a later layer. */
export function baseLayerCount(source: ImageSource): number {
  const history = source.config.history ?? [];
  let layer = 0;
  let base = 0;
  for (const h of history) {
    if (!h.empty_layer) layer += 1;
    else if (/(^|\s)(CMD|ENTRYPOINT)\s/.test(h.created_by ?? '') && layer < source.layers.length)
      base = layer;
  }
  return base;
}

function layerLabel(i: number, d: LayerDescriptor): string {
  return `layer ${i + 1} (${(d.diffId ?? d.digest ?? 'unknown').slice(0, 19)})`;
}

async function analyseLayer(source: ImageSource, i: number, options: ImageScanOptions): Promise<LayerResult> {
  const d = source.layers[i]!;
  const secrets: LayerResult['secrets'] = [];
  const scanned: string[] = [];
  const goBinaries: LayerResult['goBinaries'] = [];
  const contents = await readLayer(await source.openLayer(i), {
    label: `${source.ref} ${layerLabel(i, d)}`,
    digest: d.digest,
    diffId: d.diffId,
    wants: wantsAnalysis,
    inspect: {
      wants: wantsSecretScan,
      file: (path, content) => {
        scanned.push(path);
        secrets.push(...scanLayerFile(path, content));
      },
    },
    watch: {
      wants: wantsGoBinaryScan,
      open: (path) => {
        const sink = new GoBuildInfoSink();
        return {
          write: (chunk) => sink.write(chunk),
          end: () => {
            const info = sink.end();
            if (info) goBinaries.push({ path, info });
          },
        };
      },
    },
    limits: options.limits,
    signal: options.signal,
  });
  return { ...contents, secrets, scanned, goBinaries };
}

/** The same database bytes (a layer's copy is the merged tree's) are parsed once. */
const parsedDbs = new WeakMap<Buffer, PkgDbResult>();

function parseDb(path: string, content: Buffer): PkgDbResult {
  const known = parsedDbs.get(content);
  if (known) return known;
  const parsed = parseDbUncached(path, content);
  parsedDbs.set(content, parsed);
  return parsed;
}

function parseDbUncached(path: string, content: Buffer): PkgDbResult {
  if (isDpkgDatabase(path)) return parseDpkgStatus(path, content.toString('utf8'));
  if (path === APK_INSTALLED) return parseApkInstalled(path, content.toString('utf8'));
  return parseRpmDatabase(path, content);
}

/** Every OS package database file present in a set of files (dpkg status, status.d entries, apk, rpm). */
function dbFiles(files: Iterable<[string, Buffer]>): [string, Buffer][] {
  return [...files].filter(([p]) => isDpkgDatabase(p) || p === APK_INSTALLED || isRpmDatabase(p));
}

/** Layers read at once (exported so the benchmark's gunzip floor runs as many). */
export const LAYER_CONCURRENCY = 3;

/** Run `fn` over `items` with at most `limit` at once; results keep the items' order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** One layer's result from the cache or from reading it; a bad layer is a diagnostic and undefined. */
async function layerResult(
  source: ImageSource,
  i: number,
  options: ImageScanOptions,
  cache: LayerCache | undefined,
  summary: LayerSummary,
  diagnostics: Diagnostic[],
): Promise<LayerResult | undefined> {
  const d = source.layers[i]!;
  const key = d.diffId ?? d.digest;
  const cached = key && cache ? await cache.get(key) : undefined;
  if (cached) {
    summary.cached = true;
    return cached;
  }
  try {
    const result = await analyseLayer(source, i, options);
    if (key && cache)
      await cache
        .put(key, result)
        .catch((err: Error) =>
          diagnostics.push({ level: 'warning', message: `layer cache: ${err.message}`, source: 'container' }),
        );
    return result;
  } catch (err) {
    // Reported in layer order by the caller, whatever order the layers finish in.
    summary.error =
      err instanceof LayerError
        ? err.message
        : `${source.ref} ${layerLabel(i, d)}: ${(err as Error).message}`;
    return undefined;
  }
}

/** Scan one image: layers, OS, packages, advisories, secrets. Never throws for a bad layer. */
export async function scanImage(
  source: ImageSource,
  options: ImageScanOptions = {},
): Promise<ImageScanReport> {
  const diagnostics: Diagnostic[] = [];
  const cache = options.cacheDir ? new LayerCache(options.cacheDir, ANALYSER_VERSION) : undefined;
  const tree = new MergedTree();
  const baseCount = baseLayerCount(source);
  const layers: LayerSummary[] = source.layers.map((d, index) => ({
    index,
    digest: d.digest,
    diffId: d.diffId,
    createdBy: d.createdBy,
    base: index < baseCount,
    packages: 0,
    findings: 0,
    cached: false,
  }));
  // Layers are read a few at a time (a registry pull is mostly waiting) and merged in order.
  const results = await mapLimit(source.layers, LAYER_CONCURRENCY, (d, i) =>
    layerResult(source, i, options, cache, layers[i]!, diagnostics),
  );
  results.forEach((result, i) => {
    const error = layers[i]!.error;
    if (error) diagnostics.push({ level: 'error', message: error, source: 'container' });
    if (!result) return;
    for (const refused of result.refused)
      diagnostics.push({
        level: 'warning',
        message: `${source.ref} ${layerLabel(i, source.layers[i]!)}: refused entry ${refused}`,
        source: 'container',
      });
    tree.apply(i, result);
  });

  const os = detectOs((p) => tree.read(p)?.content.toString('utf8'));
  if (!os)
    diagnostics.push({
      level: 'note',
      message: `${source.ref}: no OS release file found; OS packages are not matched`,
      source: 'container',
    });
  else if (!os.ecosystem)
    diagnostics.push({
      level: 'note',
      message: `${source.ref}: OSV publishes no advisories for ${os.pretty}; its packages are listed but not matched`,
      source: 'container',
    });

  const packages = collectOsPackages(source, tree, results, os, diagnostics);
  packages.push(...collectLanguagePackages(source, tree, diagnostics));
  packages.push(...collectGoPackages(source, tree, results));
  for (const p of packages) if (p.layer) layers[p.layer.index]!.packages += 1;

  const findings: DraftFinding[] = [];
  if (options.advisories)
    findings.push(...(await matchImagePackages(source, packages, os, options, diagnostics)));
  findings.push(...secretFindings(source, tree, results));
  for (const f of findings) {
    const idx = f.image?.layerIndex;
    if (idx !== undefined && layers[idx]) layers[idx].findings += 1;
  }
  const advice = baseImageAdvice(
    os,
    findings,
    baseCount,
    source.config.config?.Labels?.['org.opencontainers.image.base.name'],
  );
  for (const f of findings) {
    if (f.image && os) f.image.os = os.pretty;
    if (f.image?.layerIndex !== undefined && f.image.layerIndex < baseCount)
      f.properties = { ...f.properties, inBaseImage: true };
  }
  return {
    ref: source.ref,
    digest: source.digest,
    os,
    layers,
    packages,
    findings,
    diagnostics,
    rules: [OS_VULN_RULE, LANG_VULN_RULE, IMAGE_SECRET_RULE],
    advice,
  };
}

/**
 * OS packages from the merged tree's databases, each attributed to the first layer whose copy of
 * the database holds that package at that version (later layers rewriting the whole status file
 * for an unrelated install do not take the credit).
 */
function collectOsPackages(
  source: ImageSource,
  tree: MergedTree,
  results: (LayerResult | undefined)[],
  os: OsInfo | undefined,
  diagnostics: Diagnostic[],
): Package[] {
  const introduced = new Map<string, number>();
  results.forEach((r, i) => {
    if (!r) return;
    for (const [path, content] of dbFiles(r.files)) {
      for (const p of parseDb(path, content).packages) {
        const key = `${p.name}\u0000${p.version}`;
        if (!introduced.has(key)) introduced.set(key, i);
      }
    }
  });
  const out: Package[] = [];
  const seen = new Set<string>();
  for (const [path, file] of dbFiles([...tree.files].map(([p, f]) => [p, f.content]))) {
    const parsed = parseDb(path, file);
    for (const issue of parsed.issues)
      diagnostics.push({
        level: 'warning',
        message: `${source.ref}: ${issue.message}`,
        path: issue.path,
        line: issue.line,
        source: 'container',
      });
    for (const p of parsed.packages) {
      const key = `${p.name}\u0000${p.version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const index = introduced.get(key) ?? tree.files.get(path)?.layer ?? 0;
      out.push(osPackage(source, p, os, index));
    }
  }
  if (
    os &&
    !out.length &&
    tree.files.has(DPKG_STATUS) === false &&
    os.packageManager === 'dpkg' &&
    !os.distroless
  )
    diagnostics.push({
      level: 'note',
      message: `${source.ref}: ${os.pretty} image without a dpkg database`,
      source: 'container',
    });
  return out;
}

function osPackage(source: ImageSource, p: OsPackage, os: OsInfo | undefined, index: number): Package {
  const d = source.layers[index];
  const type = os?.packageManager === 'apk' ? 'apk' : os?.packageManager === 'rpm' ? 'rpm' : 'deb';
  const ns = os?.id ?? 'unknown';
  const distro = os ? `&distro=${os.id}-${os.version}` : '';
  return {
    ecosystem: os?.ecosystem ?? os?.id ?? 'unknown',
    name: p.name,
    version: p.version,
    kind: 'registry',
    direct: false,
    dev: false,
    paths: [[p.name]],
    source: p.path,
    line: p.line,
    purl: `pkg:${type}/${ns}/${encodeURIComponent(p.name)}@${encodeURIComponent(p.version)}${p.arch ? `?arch=${p.arch}${distro}` : distro ? `?${distro.slice(1)}` : ''}`,
    sourceName: p.sourceName,
    sourceVersion: p.sourceVersion,
    layer: { digest: d?.diffId ?? d?.digest ?? '', index, createdBy: d?.createdBy },
  };
}

function collectLanguagePackages(
  source: ImageSource,
  tree: MergedTree,
  diagnostics: Diagnostic[],
): Package[] {
  const out: Package[] = [];
  const seen = new Set<string>();
  const read = (p: string) => tree.read(p)?.content.toString('utf8');
  // Installed manifests first, so a package both installed and locked is attributed to its install.
  const files = [...tree.files].sort(
    ([a], [b]) =>
      Number(!a.includes('node_modules/')) - Number(!b.includes('node_modules/')) || (a < b ? -1 : 1),
  );
  for (const [path, file] of files) {
    if (!wantsLanguageFile(path, file.content.length)) continue;
    const parsed = parseLanguageFile(path, file.content, read);
    if (parsed.issue)
      diagnostics.push({
        level: 'warning',
        message: `${source.ref}: ${parsed.issue.message}`,
        path: parsed.issue.path,
        line: parsed.issue.line,
        source: 'container',
      });
    const d = source.layers[file.layer];
    for (const p of parsed.packages) {
      const key = `${p.ecosystem}\u0000${p.name}\u0000${p.version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        ...p,
        layer: { digest: d?.diffId ?? d?.digest ?? '', index: file.layer, createdBy: d?.createdBy },
      });
    }
  }
  return out;
}

/** Modules of the Go binaries still present in the final image, from the last layer that wrote each. */
function collectGoPackages(
  source: ImageSource,
  tree: MergedTree,
  results: (LayerResult | undefined)[],
): Package[] {
  const last = new Map<string, { layer: number; info: GoBuildInfo }>();
  results.forEach((r, layer) => {
    for (const { path, info } of r?.goBinaries ?? []) last.set(path, { layer, info });
  });
  const out: Package[] = [];
  for (const [path, { layer, info }] of last) {
    if (tree.deletedBy(path, layer) !== undefined) continue;
    const d = source.layers[layer];
    for (const p of goPackages(info, path))
      out.push({
        ...p,
        layer: { digest: d?.diffId ?? d?.digest ?? '', index: layer, createdBy: d?.createdBy },
      });
  }
  return out;
}

/** The name and version advisories are filed under: the source package for OS packages. */
export function advisoryQuery(p: Package): PackageQuery {
  return { ecosystem: p.ecosystem, name: p.sourceName ?? p.name, version: p.sourceVersion ?? p.version };
}

async function matchImagePackages(
  source: ImageSource,
  packages: Package[],
  os: OsInfo | undefined,
  options: ImageScanOptions,
  diagnostics: Diagnostic[],
): Promise<DraftFinding[]> {
  // Only ecosystems vigil can order versions in can be matched (not Amazon Linux, CentOS…).
  const matchable = packages.filter((p) => schemeFor(p.ecosystem) !== undefined);
  let result: Awaited<ReturnType<typeof matchPackages<Package>>>;
  try {
    result = await matchPackages(matchable, options.advisories!, { queryOf: advisoryQuery });
  } catch (err) {
    diagnostics.push({
      level: 'error',
      message: `${source.ref}: advisory lookup failed: ${(err as Error).message}`,
      source: 'container',
    });
    return [];
  }
  diagnostics.push(...result.diagnostics);
  return result.matches
    .filter((m) => !options.ignoreUnfixed || m.fixedVersion !== undefined)
    .filter((m) => sameRedHatRelease(m, os))
    .map((m) => vulnFinding(source, m));
}

/**
 * Red Hat files advisories per product stream (`Red Hat:enterprise_linux:9::baseos`) and the
 * image's packages are matched as bare `Red Hat`: keep a match only when an affected stream is of
 * the image's major release (a stream without a release number counts for every release).
 */
export function sameRedHatRelease(m: AdvisoryMatch<Package>, os: OsInfo | undefined): boolean {
  const major = os?.version.split('.')[0];
  if (m.query.ecosystem !== 'Red Hat' || !major) return true;
  return m.records.some((r) =>
    (r.affected ?? []).some((a) => {
      if (a.package?.name !== m.query.name || !a.package.ecosystem.startsWith('Red Hat')) return false;
      const releases = a.package.ecosystem.split(':').filter((seg) => /^\d/.test(seg));
      return releases.length === 0 || releases.some((seg) => seg === major || seg.startsWith(`${major}.`));
    }),
  );
}

/** Ubuntu's records rate by priority (`"type": "Ubuntu"`) instead of CVSS. */
function ubuntuSeverity(records: OsvRecord[]): Severity | undefined {
  for (const r of records) {
    const label = [...(r.severity ?? []), ...(r.affected ?? []).flatMap((a) => a.severity ?? [])]
      .find((x) => x.type === 'Ubuntu')
      ?.score.toLowerCase();
    if (label === 'critical' || label === 'high' || label === 'medium' || label === 'low') return label;
    if (label === 'negligible') return 'info';
  }
  return undefined;
}

function vulnFinding(source: ImageSource, m: AdvisoryMatch<Package>): DraftFinding {
  const p = m.package;
  const q = m.query;
  const os = p.sourceName !== undefined;
  const rule = os ? OS_VULN_RULE : LANG_VULN_RULE;
  // Debian and Alpine records carry no score: rank them medium rather than hide them.
  const severity = m.severity?.severity ?? ubuntuSeverity(m.records) ?? 'medium';
  const via = q.name !== p.name || q.version !== p.version ? ` (source package ${q.name} ${q.version})` : '';
  const layer = p.layer;
  const where = layer
    ? `layer ${layer.index + 1}${layer.createdBy ? ` (${layer.createdBy.slice(0, 80)})` : ''}`
    : 'the image';
  return {
    ruleId: rule.id,
    kind: 'container',
    severity,
    title: `${m.ids[0]}: ${p.name} ${p.version}${m.summary ? ` — ${m.summary}` : ''}`,
    message: `${p.name} ${p.version}${via} in ${source.ref} is affected by ${m.ids.join(', ')}; added by ${where}. ${
      m.fixedVersion ? `Fixed in ${m.fixedVersion}.` : 'No fixed version yet.'
    }`,
    location: { path: p.source, startLine: p.line ?? 1, startColumn: 1, endLine: p.line ?? 1, endColumn: 1 },
    advisoryIds: m.ids,
    fix: m.fixedVersion
      ? {
          description: `Upgrade ${q.name} to ${m.fixedVersion}${os ? ' (or rebuild on a patched base image)' : ''}`,
        }
      : undefined,
    package: {
      ecosystem: p.ecosystem,
      name: p.name,
      version: p.version,
      purl: p.purl,
      fixedVersion: m.fixedVersion,
      fixedVersions: m.fixedVersions,
      source: p.source,
    },
    image: {
      ref: source.ref,
      digest: source.digest,
      layerDigest: layer?.digest,
      layerIndex: layer?.index,
      createdBy: layer?.createdBy,
    },
    properties: {
      ...(os ? { sourcePackage: q.name, sourceVersion: q.version } : {}),
      ...(m.severity?.score !== undefined
        ? { cvssScore: m.severity.score, cvssVector: m.severity.vector }
        : {}),
    },
  };
}

function secretFindings(
  source: ImageSource,
  tree: MergedTree,
  results: (LayerResult | undefined)[],
): DraftFinding[] {
  const findings: DraftFinding[] = [];
  for (const { where, findings: found } of scanConfigSecrets(source.config)) {
    for (const f of found)
      findings.push({
        ...f,
        ruleId: IMAGE_SECRET_RULE.id,
        message: `${f.message} (in the image ${where})`,
        location: { ...f.location, path: `image-config:${where}` },
        image: { ref: source.ref, digest: source.digest },
      });
  }
  results.forEach((r, i) => {
    if (!r) return;
    const d = source.layers[i]!;
    for (const s of r.secrets) {
      const deletedBy = tree.deletedBy(s.path, i);
      const replacedBy = results.findIndex((later, j) => j > i && !!later?.scanned.includes(s.path));
      const state =
        deletedBy !== undefined && (replacedBy < 0 || deletedBy < replacedBy)
          ? ` — still in layer ${i + 1} although deleted in layer ${deletedBy + 1}`
          : replacedBy >= 0
            ? ` — still in layer ${i + 1} although layer ${replacedBy + 1} replaced the file`
            : '';
      findings.push({
        ruleId: IMAGE_SECRET_RULE.id,
        kind: 'secret',
        severity: s.severity,
        title: IMAGE_SECRET_RULE.title,
        message: `${s.message} in ${s.path}, layer ${i + 1}${state}`,
        location: {
          path: s.path,
          startLine: s.line,
          startColumn: s.column,
          endLine: s.endLine,
          endColumn: s.endColumn,
          snippet: s.masked,
        },
        cwe: IMAGE_SECRET_RULE.cwe,
        fix: {
          description: `Revoke and rotate the credential; a later layer cannot remove it from layer ${i + 1}: rebuild without it (multi-stage build or build secrets).`,
        },
        image: {
          ref: source.ref,
          digest: source.digest,
          layerDigest: d.diffId ?? d.digest,
          layerIndex: i,
          createdBy: d.createdBy,
        },
        properties: {
          detector: s.detector,
          masked: s.masked,
          ...(deletedBy !== undefined ? { deletedInLayer: deletedBy } : {}),
          ...(replacedBy >= 0 ? { replacedInLayer: replacedBy } : {}),
        },
      });
    }
  });
  return findings;
}

/** "rebuild on debian:12 fixes N of M": how much of the image's exposure comes with its base. */
export function baseImageAdvice(
  os: OsInfo | undefined,
  findings: DraftFinding[],
  baseCount: number,
  baseName?: string,
): string[] {
  if (!os || baseCount === 0) return [];
  const inBase = findings.filter(
    (f) => f.kind === 'container' && (f.image?.layerIndex ?? Infinity) < baseCount,
  );
  if (!inBase.length) return [];
  const fixable = inBase.filter((f) => f.package?.fixedVersion);
  // The image may name its base (OCI `org.opencontainers.image.base.name`); else the OS release line.
  const tag =
    baseName?.replace(/@sha256:[a-f0-9]+$/, '') ??
    `${os.id}:${os.id === 'alpine' ? os.version.split('.').slice(0, 2).join('.') : os.version.split('.')[0]}`;
  const advice = `${inBase.length} vulnerabilit${inBase.length === 1 ? 'y comes' : 'ies come'} with the base image (layers 1–${baseCount}); rebuilding on a freshly pulled ${tag} fixes ${fixable.length}.`;
  for (const f of fixable) f.properties = { ...f.properties, baseImageAdvice: advice };
  return [advice];
}
