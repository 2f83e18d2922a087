import type { Precision } from '../finding.ts';
import type { FailThreshold, Severity } from '../severity.ts';

export type ScannerId = 'sast' | 'sca' | 'container' | 'config';
export const SCANNER_IDS: readonly ScannerId[] = ['sast', 'sca', 'container', 'config'];

/** Per-rule setting: `off`, a severity, or an object. */
export type RuleSetting = 'off' | Severity | { enabled?: boolean; severity?: Severity };

/** An accepted risk: an advisory or rule id, why, and until when. */
export interface IgnoreEntry {
  id: string;
  reason: string;
  /** ISO date (YYYY-MM-DD); past it, the ignore is reported as expired and no longer honoured. */
  expires?: string;
  /** Limit the ignore to paths matching these globs. */
  paths?: string[];
}

/** The validated contents of `.vigil.yml` / `.github/vigil.yml`. Every key is optional. */
export interface VigilConfig {
  scanners?: ScannerId[];
  failOn?: FailThreshold;
  /** Least certain findings that count against failOn and get PR comments (default high). */
  minPrecision?: Precision;
  include?: string[];
  exclude?: string[];
  /** Largest file the walker reads, in bytes. */
  maxFileSize?: number;
  rules?: Record<string, RuleSetting>;
  ignore?: IgnoreEntry[];
  /** `library`: treat packages as libraries (their exported API's arguments are untrusted): true, false or `auto`. */
  sast?: { library?: boolean | 'auto' };
  sca?: {
    offline?: boolean;
    prodOnly?: boolean;
    goVersion?: string;
    database?: string;
    apiUrl?: string;
    /** Reachability verdicts: what an unreachable finding becomes, and which files are not production. */
    reachability?: {
      unreachable?: 'demote' | 'keep';
      /** Globs of files that are not production code, over the defaults (tests, `*.config.*`, `scripts/`). */
      nonProduction?: string[];
      /** Globs of files that are production code whatever the defaults say. */
      production?: string[];
    };
  };
  /** Licence policy over dependencies: SPDX identifiers (`MIT`, `GPL-2.0+`); see src/sca/licenses. */
  licenses?: { allow?: string[]; deny?: string[] };
  container?: { ignoreUnfixed?: boolean; platform?: string };
  github?: {
    comments?: 'review' | 'summary' | 'off';
    maxComments?: number;
    /** Fail the check on findings that already existed on the base branch too. */
    failOnExisting?: boolean;
    sarifUpload?: boolean;
  };
}
