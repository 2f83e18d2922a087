/** One installed OS package as its package database records it. */
export interface OsPackage {
  name: string;
  version: string;
  /** The source package advisories are filed against (`libc6` → `glibc`); the name itself when none. */
  sourceName: string;
  /** The source package's version when it differs (binNMUs, epochs); otherwise the version. */
  sourceVersion: string;
  arch?: string;
  /** Database file (image path) and 1-based line of the entry. */
  path: string;
  line?: number;
}

/** A problem with one entry of a package database; the rest is still read. */
export interface PkgDbIssue {
  path: string;
  line?: number;
  message: string;
}

export interface PkgDbResult {
  packages: OsPackage[];
  issues: PkgDbIssue[];
}

/** Split a Debian-control / apk-style database into blank-line separated stanzas with their first line. */
export function stanzas(text: string): { lines: string[]; line: number }[] {
  const out: { lines: string[]; line: number }[] = [];
  let current: string[] = [];
  let start = 1;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') {
      if (current.length) out.push({ lines: current, line: start });
      current = [];
      continue;
    }
    if (!current.length) start = i + 1;
    current.push(line);
  }
  if (current.length) out.push({ lines: current, line: start });
  return out;
}
