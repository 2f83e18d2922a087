/** How close a vulnerable dependency comes to the code that runs in production. */
export type Verdict = 'reachable' | 'imported' | 'unreachable';

export const VERDICTS: readonly Verdict[] = ['reachable', 'imported', 'unreachable'];

/** A place in the scanned tree that supports a verdict: a use, an import, or a non-production import. */
export interface Evidence {
  path: string;
  line: number;
  snippet?: string;
}

/** `properties.reachability` of an SCA finding. */
export interface Reachability {
  verdict: Verdict;
  /** One sentence: why this verdict (what imports it, through which direct dependency, which function). */
  reason: string;
  evidence: Evidence[];
  /** The vulnerable functions the advisory names, when it names any. */
  symbols?: string[];
  /** Where `symbols` came from: OSV's structured `ecosystem_specific`, or code words in the advisory's text. */
  symbolsFrom?: 'osv' | 'advisory-text';
}

/** One import of a package by a source file, and the package's names that file uses. */
export interface ImportSite {
  /** The package (npm name, or Go import path) as written, without a subpath for npm. */
  module: string;
  /** The Go import path or npm specifier as written (`lodash/template`). */
  specifier: string;
  line: number;
  snippet: string;
}

export interface SymbolUse {
  /** Index into the file's `imports` of the import the name comes through. */
  importIndex: number;
  /** The exported name used (`template` for `_.template(…)`, `import { template }`, `lodash/template`). */
  symbol: string;
  line: number;
  snippet: string;
}

/** What one source file imports and uses. */
export interface FileImports {
  imports: ImportSite[];
  uses: SymbolUse[];
}
