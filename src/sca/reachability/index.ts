import type { Diagnostic, DraftFinding } from '../../core/finding.ts';
import type { ScanContext } from '../../core/scanner.ts';
import type { AdvisoryMatch } from '../osv/matcher.ts';
import type { OsvRecord } from '../osv/schema.ts';
import type { Package } from '../types.ts';
import { advisorySymbols, type AdvisorySymbols } from './advisory-symbols.ts';
import { directAncestors, importName } from './dependency-graph.ts';
import { buildImportIndex, type ImportIndex } from './import-index.ts';
import { withReachability } from './policy.ts';
import type { Reachability } from './types.ts';
import { reachabilityVerdict } from './verdict.ts';

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/**
 * Reachability for the SCA scanner: reads the tree's imports once (only when there are findings),
 * then gives each finding its verdict and applies `sca.reachability`. Needs no SAST run.
 */
export class ReachabilityJudge {
  private index: ImportIndex | undefined;
  private readonly ancestors = new Map<string, (pkg: Package) => string[] | undefined>();

  private readonly context: Pick<ScanContext, 'files' | 'config'>;
  private readonly inventory: readonly Package[];

  constructor(context: Pick<ScanContext, 'files' | 'config'>, inventory: readonly Package[]) {
    this.context = context;
    this.inventory = inventory;
  }

  private directVersions: Map<string, string> | undefined;
  private readonly productionDirects = new Map<string, Set<string>>();

  /** Names of a lockfile's direct dependencies that are not dev only. */
  private productionDirect(source: string): Set<string> {
    let names = this.productionDirects.get(source);
    if (!names) {
      names = new Set(
        this.inventory.filter((p) => p.source === source && p.direct && !p.dev).map(importName),
      );
      this.productionDirects.set(source, names);
    }
    return names;
  }

  /** The version of a package that its lockfile lists as a direct dependency, if any. */
  private directVersion(pkg: Package): string | undefined {
    if (!this.directVersions) {
      this.directVersions = new Map();
      for (const p of this.inventory)
        if (p.direct) this.directVersions.set(`${p.source}\u0000${p.name}`, p.version);
    }
    return this.directVersions.get(`${pkg.source}\u0000${pkg.name}`);
  }

  /** Warnings about source files whose imports could not be read. */
  get diagnostics(): Diagnostic[] {
    return this.index?.diagnostics ?? [];
  }

  judge(draft: DraftFinding, match: AdvisoryMatch<Package>, records: readonly OsvRecord[]): DraftFinding {
    const settings = this.context.config.sca?.reachability ?? {};
    const pkg = match.package;
    const reach = this.verdict(pkg, advisorySymbols(records, pkg.ecosystem, pkg.name));
    return withReachability(draft, reach, settings.unreachable ?? 'demote');
  }

  /** A package's own verdict, no advisory in view (the SBOM's): `imported` or `unreachable`. */
  component(pkg: Package): Reachability {
    return this.verdict(pkg, undefined);
  }

  private verdict(pkg: Package, symbols: AdvisorySymbols | undefined): Reachability {
    this.index ??= buildImportIndex(this.context.files, this.context.config.sca?.reachability ?? {});
    let ancestorsOf = this.ancestors.get(pkg.source);
    if (!ancestorsOf) {
      ancestorsOf = directAncestors(this.inventory.filter((p) => p.source === pkg.source));
      this.ancestors.set(pkg.source, ancestorsOf);
    }
    return reachabilityVerdict(
      {
        pkg,
        ancestors: ancestorsOf(pkg),
        index: this.index,
        symbols,
        productionDirect: (name) => this.productionDirect(pkg.source).has(name),
        shadowed:
          !pkg.direct && this.directVersion(pkg) !== undefined && this.directVersion(pkg) !== pkg.version,
      },
      dirOf(pkg.source),
    );
  }
}
