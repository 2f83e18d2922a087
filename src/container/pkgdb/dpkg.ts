import type { OsPackage, PkgDbResult } from './types.ts';
import { stanzas } from './types.ts';

export const DPKG_STATUS = 'var/lib/dpkg/status';
export const DPKG_STATUS_DIR = 'var/lib/dpkg/status.d/';

/** Is this image path a dpkg database file (`status`, or a distroless `status.d/` entry)? */
export function isDpkgDatabase(path: string): boolean {
  if (path === DPKG_STATUS) return true;
  if (!path.startsWith(DPKG_STATUS_DIR)) return false;
  const name = path.slice(DPKG_STATUS_DIR.length);
  // status.d holds `<pkg>` control stanzas next to `<pkg>.md5sums` lists; only the former count.
  return !name.includes('/') && !name.endsWith('.md5sums') && !name.startsWith('.');
}

/** Control fields of one stanza; continuation lines (leading space or tab) are joined to their field. */
function fields(lines: string[]): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | undefined;
  for (const line of lines) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      out.set(last, `${out.get(last)}\n${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    out.set(last, line.slice(colon + 1).trim());
  }
  return out;
}

/**
 * Parse a dpkg status file or status.d entry. Only installed packages count (`Status: … installed`;
 * status.d entries carry no Status and are installed by construction). `Source: glibc (2.36-9)`
 * gives the source name and, when it differs from the binary's, the source version.
 */
export function parseDpkgStatus(path: string, text: string): PkgDbResult {
  const result: PkgDbResult = { packages: [], issues: [] };
  for (const stanza of stanzas(text)) {
    const f = fields(stanza.lines);
    const status = f.get('status');
    if (status !== undefined && status.split(/\s+/)[2] !== 'installed') continue;
    const name = f.get('package');
    const version = f.get('version');
    if (!name || !version) {
      result.issues.push({
        path,
        line: stanza.line,
        message: `dpkg entry without ${name ? 'Version' : 'Package'}`,
      });
      continue;
    }
    const source = /^(\S+)(?:\s+\(([^)]+)\))?/.exec(f.get('source') ?? '');
    const pkg: OsPackage = {
      name,
      version,
      sourceName: source?.[1] ?? name,
      sourceVersion: source?.[2] ?? version,
      arch: f.get('architecture'),
      path,
      line: stanza.line,
    };
    result.packages.push(pkg);
  }
  return result;
}
