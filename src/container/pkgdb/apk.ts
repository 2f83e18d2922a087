import type { PkgDbResult } from './types.ts';
import { stanzas } from './types.ts';

export const APK_INSTALLED = 'lib/apk/db/installed';

/**
 * Parse apk's `installed` database: one stanza per package, one `X:value` line per field
 * (`P` name, `V` version, `o` origin — the source package Alpine's advisories name, `A` arch).
 */
export function parseApkInstalled(path: string, text: string): PkgDbResult {
  const result: PkgDbResult = { packages: [], issues: [] };
  for (const stanza of stanzas(text)) {
    const f = new Map<string, string>();
    for (const line of stanza.lines) {
      if (line[1] !== ':') continue;
      const key = line[0]!;
      // Repeated keys (file lists: F/R/Z…) are not needed; keep the first of each.
      if (!f.has(key)) f.set(key, line.slice(2));
    }
    const name = f.get('P');
    const version = f.get('V');
    if (!name || !version) {
      result.issues.push({ path, line: stanza.line, message: `apk entry without ${name ? 'V:' : 'P:'}` });
      continue;
    }
    result.packages.push({
      name,
      version,
      sourceName: f.get('o') || name,
      sourceVersion: version,
      arch: f.get('A'),
      path,
      line: stanza.line,
    });
  }
  return result;
}
