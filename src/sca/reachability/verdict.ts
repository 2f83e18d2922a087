import type { Package } from '../types.ts';
import type { AdvisorySymbols, VulnerableSymbol } from './advisory-symbols.ts';
import { importName } from './dependency-graph.ts';
import { goPackageName } from './go-imports.ts';
import type { ImportIndex, ImportRecord, NotProduction } from './import-index.ts';
import type { Evidence, Reachability } from './types.ts';

/** Evidence listed per verdict: enough to check, short enough to read. */
const MAX_EVIDENCE = 5;

export interface VerdictInput {
  pkg: Package;
  /** Direct dependencies that pull the package in (itself when direct); undefined when unknown. */
  ancestors: string[] | undefined;
  index: ImportIndex;
  symbols: AdvisorySymbols | undefined;
  /**
   * Another version of the package is a direct dependency of the same lockfile: the project's own
   * `require('name')` loads that one, so this copy is reached only through its parents.
   */
  shadowed?: boolean;
  /** Whether a direct dependency (by the name code imports it by) is a production one, not dev only. */
  productionDirect?: (name: string) => boolean;
}

function under(dir: string, path: string): boolean {
  return dir === '' || path.startsWith(`${dir}/`);
}

/** Imports of a package by files under the lockfile's folder (a Go module: its packages' import paths). */
function importsOf(index: ImportIndex, ecosystem: string, name: string, dir: string): ImportRecord[] {
  if (ecosystem !== 'Go') return (index.npm.get(name) ?? []).filter((r) => under(dir, r.path));
  const out: ImportRecord[] = [];
  for (const [path, records] of index.go) {
    const rest = path.startsWith(`${name}/`) ? path.slice(name.length + 1) : undefined;
    const inModule =
      name === 'stdlib'
        ? !path.split('/')[0]!.includes('.')
        : path === name || (rest !== undefined && !/^v\d+(?:\/|$)/.test(rest));
    if (inModule) out.push(...records.filter((r) => under(dir, r.path)));
  }
  return out;
}

function symbolLabel(s: VulnerableSymbol): string {
  return s.importPath ? `${goPackageName(s.importPath)}.${s.name}` : s.name;
}

/** Uses, in production imports, of a function the advisory names. */
function vulnerableUses(records: ImportRecord[], symbols: AdvisorySymbols): Evidence[] {
  const out: Evidence[] = [];
  for (const r of records)
    for (const u of r.uses)
      if (symbols.symbols.some((s) => s.name === u.name && (!s.importPath || s.importPath === r.importPath)))
        out.push({ path: r.path, line: u.line, snippet: u.snippet });
  return out;
}

function evidence(records: readonly Evidence[]): Evidence[] {
  return records.slice(0, MAX_EVIDENCE).map(({ path, line, snippet }) => ({
    path,
    line,
    ...(snippet ? { snippet } : {}),
  }));
}

const NOT_PRODUCTION_WORDS: Record<NotProduction, string> = {
  test: 'test files',
  tooling: 'build and tool scripts',
  configured: 'files sca.reachability.nonProduction names',
  devDependency: 'files whose package.json lists it as a devDependency only',
};

function fileCount(records: readonly ImportRecord[]): string {
  const n = new Set(records.map((r) => r.path)).size;
  return n === 1 ? '1 file' : `${n} files`;
}

/**
 * The verdict for one advisory on one package: `reachable` when production code imports the
 * package and uses a function the advisory names; `imported` when production code imports it or a
 * direct dependency that pulls it in; `unreachable` when no production file does.
 */
export function reachabilityVerdict(input: VerdictInput, lockfileDir: string): Reachability {
  const { pkg, ancestors, index, symbols } = input;
  const self = importName(pkg);
  const own = input.shadowed ? [] : importsOf(index, pkg.ecosystem, self, lockfileDir);
  const ownProduction = own.filter((r) => !r.notProduction);
  const named = symbols ? { symbols: symbols.symbols.map(symbolLabel), symbolsFrom: symbols.from } : {};
  const namedWords = symbols
    ? `the ${symbols.from === 'osv' ? 'OSV record' : "advisory's text"} names ${named.symbols!.slice(0, 5).join(', ')}`
    : 'the advisory names no vulnerable function';

  const used = symbols ? vulnerableUses(ownProduction, symbols) : [];
  if (used.length)
    return {
      verdict: 'reachable',
      reason: `production code uses a function ${namedWords.replace(/ names /, ' names as vulnerable: ')}`,
      evidence: evidence(used),
      ...named,
    };
  if (ownProduction.length)
    return {
      verdict: 'imported',
      reason: `imported by production code (${fileCount(ownProduction)}); ${namedWords}${symbols ? ', none of them used there' : ''}`,
      evidence: evidence(ownProduction),
      ...named,
    };
  const parents = (ancestors ?? []).filter((a) => a !== self);
  const byParent = parents.map((a) => ({
    name: a,
    imports: importsOf(index, pkg.ecosystem, a, lockfileDir),
  }));
  const parentImports = byParent.flatMap((p) => p.imports);
  const parentProduction = parentImports.filter((r) => !r.notProduction);
  if (parentProduction.length) {
    const names = byParent.filter((p) => p.imports.some((r) => !r.notProduction)).map((p) => p.name);
    return {
      verdict: 'imported',
      reason: `pulled in by ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}, which production code imports (${fileCount(parentProduction)}); ${namedWords}`,
      evidence: evidence(parentProduction),
      ...named,
    };
  }
  if (ancestors === undefined)
    return {
      verdict: 'imported',
      reason: `${pkg.source} does not record which dependency pulls it in, so it is taken as imported`,
      evidence: [],
      ...named,
    };
  // A production dependency no file imports is loaded by name by a framework (a Nest platform
  // adapter, a database driver, a view engine): never call what is under it unreachable.
  const loadedByName = [
    ...(pkg.direct && own.length === 0 ? [self] : []),
    ...byParent.filter((p) => p.imports.length === 0).map((p) => p.name),
  ].filter((name) => input.productionDirect?.(name));
  if (loadedByName.length)
    return {
      verdict: 'imported',
      reason: `${loadedByName.slice(0, 3).join(', ')}${loadedByName.length > 3 ? ', …' : ''} ${loadedByName.length === 1 ? 'is a production dependency' : 'are production dependencies'} that no file imports: frameworks load such packages by name, so ${loadedByName.includes(self) ? 'it is' : 'what they pull in is'} taken as loaded; ${namedWords}`,
      evidence: [],
      ...named,
    };
  const elsewhere = [...own, ...parentImports];
  const kinds = [...new Set(elsewhere.map((r) => NOT_PRODUCTION_WORDS[r.notProduction!]))];
  const through = parents.length
    ? ` or the direct dependencies that pull it in (${parents.slice(0, 3).join(', ')}${parents.length > 3 ? ', …' : ''})`
    : '';
  return {
    verdict: 'unreachable',
    reason: elsewhere.length
      ? `no production file imports it${through}: only ${kinds.join(' and ')}`
      : `no source file imports it${through}`,
    evidence: evidence(elsewhere),
    ...named,
  };
}
