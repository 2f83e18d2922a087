/** OSV ecosystem names, spelled as OSV spells them (`Debian:12`, `Alpine:v3.19` for OS packages). */
export type Ecosystem = string;

/**
 * How a dependency is sourced; only `registry` and `alias` packages are matched against advisories
 * (an `alias` carries the real registry name in `name`, the installed name in `alias`).
 */
export type PackageSourceKind = 'registry' | 'git' | 'file' | 'link' | 'workspace' | 'alias';

/** Packages an advisory can name: registry packages, and aliases under their real name (as osv-scanner does). */
export function isMatchable(pkg: Pick<Package, 'kind'>): boolean {
  return pkg.kind === 'registry' || pkg.kind === 'alias';
}

/** One package as a lockfile (or an image's package database) records it. */
export interface Package {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  kind: PackageSourceKind;
  /** Listed by a root manifest itself. */
  direct: boolean;
  /** Only reachable through dev dependencies. */
  dev: boolean;
  /** At least one path from a root manifest to this package, root first (`['app', 'express', 'qs']`). */
  paths: string[][];
  /** POSIX path of the lockfile (or package database) relative to the scan root. */
  source: string;
  /** 1-based line in `source` where the package is declared, when the format allows. */
  line?: number;
  purl?: string;
  /** For `alias` packages: the name it is installed under (`foo` in `"foo": "npm:lodash@^4"`); `name` is the real one. */
  alias?: string;
  /** PURLs of the packages this one depends on, when the lockfile records the graph (CycloneDX `dependencies`). */
  dependsOn?: string[];
  /** For OS packages: the source package advisories are filed against (`libc6` → `glibc`). */
  sourceName?: string;
  sourceVersion?: string;
  /** The licence as declared (an SPDX expression, or whatever text the package wrote), when found. */
  license?: string;
  /** Where `license` was read. */
  licenseSource?: 'lockfile' | 'node_modules' | 'registry';
  /** For image packages: the layer that added it. */
  layer?: { digest: string; index: number; createdBy?: string };
}

/** What an extractor returns for one lockfile. */
export interface LockfileInventory {
  path: string;
  format: string;
  ecosystem: Ecosystem;
  packages: Package[];
  /** Declared ranges of the root manifest's direct dependencies (name → range), when known. */
  declared?: Record<string, string>;
  /** Name of the root manifest(s) the paths start from (`app`; workspace members too). */
  roots?: string[];
  /** Things worth telling the user that are not errors (unpinned requirements, skipped entries). */
  notes?: { message: string; line?: number }[];
}

/** Read access to sibling files (package.json beside a yarn.lock, `-r` includes): only files the walker accepted. */
export interface ExtractContext {
  /** `path` is POSIX, relative to the scan root; undefined when absent, outside the tree or too large. */
  readFile(path: string): string | undefined;
  /** POSIX paths of the files the walker accepted, to find workspace members' manifests. */
  files?: readonly string[];
  /** `sca.goVersion`: the Go release that builds the modules, over go.mod's `toolchain` and `go`. */
  goVersion?: string;
}

/** One extractor per lockfile format, in `src/sca/lockfiles/<format>.ts`. */
export interface LockfileExtractor {
  format: string;
  ecosystem: Ecosystem;
  /** True when this extractor wants the file at this POSIX path (by base name). */
  matches(path: string): boolean;
  /** Parse the text; throw LockfileError naming the file (and line where known) on bad input. */
  extract(path: string, text: string, context?: ExtractContext): LockfileInventory;
}

export class LockfileError extends Error {
  readonly path: string;
  readonly line?: number;
  constructor(path: string, message: string, line?: number) {
    super(line ? `${path}:${line}: ${message}` : `${path}: ${message}`);
    this.name = 'LockfileError';
    this.path = path;
    this.line = line;
  }
}

/** Version ordering of one ecosystem, in `src/sca/versions/<ecosystem>.ts`. */
export interface VersionScheme {
  /** Negative, zero or positive, like a sort comparator. Must be total over valid versions. */
  compare(a: string, b: string): number;
  isValid(version: string): boolean;
}
