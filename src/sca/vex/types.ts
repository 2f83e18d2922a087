/** What a VEX statement says of a vulnerability in a product, in OpenVEX's words. */
export type VexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation';

/** A package a statement is about, from its purl. */
export interface VexProduct {
  /** The purl without version, qualifiers or subpath, percent-decoded (`pkg:npm/@babel/core`). */
  base: string;
  /** The purl's version, percent-decoded; undefined: every version. */
  version?: string;
}

/** One statement of an OpenVEX or CycloneDX VEX document, in one shape. */
export interface VexStatement {
  /** The vulnerability's id and its aliases (CVE, GHSA…), as written. */
  ids: string[];
  products: VexProduct[];
  status: VexStatus;
  /** The justification and any impact statement or detail, as one sentence. */
  justification?: string;
  /** POSIX path of the document in the scan root, or the `--vex` path as given when outside it. */
  path: string;
  /** The document is inside the scan root (reports may point at its line). */
  inRoot: boolean;
  /** 1-based line of the statement in the document, where found. */
  line: number;
}

export class VexError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'VexError';
    this.path = path;
  }
}
