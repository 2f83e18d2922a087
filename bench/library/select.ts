/**
 * Picks the library benchmark's advisories from a folder of OSV records (npm only) and writes
 * bench/library/advisories.json: for each record of a class where a caller's data is the attack
 * (command, code, path, prototype pollution, ReDoS), its package, the range its first `affected`
 * entry names and the class. Run once when the record set changes; the benchmark reads the output.
 * Usage: npx node bench/library/select.ts <osv-folder>... > bench/library/advisories.json
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classesOf, type Advisory } from './classes.ts';

interface OsvRecord {
  id: string;
  aliases?: string[];
  summary?: string;
  details?: string;
  withdrawn?: string;
  database_specific?: { cwe_ids?: string[] };
  affected?: {
    package?: { ecosystem?: string; name?: string };
    ranges?: { type: string; events: Record<string, string>[] }[];
  }[];
}

const picked = new Map<string, Advisory>();
for (const folder of process.argv.slice(2)) {
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const record = JSON.parse(readFileSync(join(folder, file), 'utf8')) as OsvRecord;
    const affected = record.affected?.[0];
    if (record.withdrawn || picked.has(record.id) || affected?.package?.ecosystem !== 'npm') continue;
    const events = affected.ranges?.find((r) => r.type === 'SEMVER')?.events ?? [];
    const fixed = events.find((e) => e.fixed)?.fixed;
    // Without a fixed version there is no "after" tree to compare.
    if (!fixed || !affected.package.name) continue;
    const classes = classesOf(record.database_specific?.cwe_ids ?? [], `${record.summary} ${record.details}`);
    if (!classes[0]) continue;
    picked.set(record.id, {
      id: record.id,
      cve: record.aliases?.find((a) => a.startsWith('CVE-')),
      package: affected.package.name,
      introduced: events.find((e) => e.introduced)?.introduced ?? '0',
      fixed,
      ranges: (record.affected ?? [])
        .filter((a) => a.package?.ecosystem === 'npm' && a.package.name === affected.package!.name)
        .flatMap((a) => a.ranges ?? [])
        .filter((r) => r.type === 'SEMVER')
        .map((r): [string, string | undefined] => [
          r.events.find((e) => e.introduced)?.introduced ?? '0',
          r.events.find((e) => e.fixed)?.fixed,
        ]),
      class: classes[0],
      classes,
      summary: record.summary ?? '',
    });
  }
}
const list = [...picked.values()].sort((a, b) => a.class.localeCompare(b.class) || a.id.localeCompare(b.id));
process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
