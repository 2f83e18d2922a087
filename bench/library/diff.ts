/** Where a fix changed the code: the lines of each source file that the fixing version rewrote. */
import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';

/** Changed line ranges per file (path relative to its tree), on the old and on the new side. */
export interface FixDiff {
  before: Map<string, [number, number][]>;
  after: Map<string, [number, number][]>;
}

const SOURCE = /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/;
const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

function add(map: Map<string, [number, number][]>, file: string, start: number, count: number): void {
  // A pure insertion (count 0) sits between two lines: the weakness is at the line it guards.
  const range: [number, number] = [start, start + Math.max(count, 1) - 1];
  const list = map.get(file) ?? [];
  list.push(range);
  map.set(file, list);
}

export function fixDiff(before: string, after: string): FixDiff {
  const out = spawnSync('git', ['diff', '--no-index', '--no-color', '--no-renames', '-U0', before, after], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (out.status !== 0 && out.status !== 1) throw new Error(`git diff failed: ${out.stderr}`);
  const diff: FixDiff = { before: new Map(), after: new Map() };
  let oldFile: string | undefined;
  let newFile: string | undefined;
  for (const line of out.stdout.split('\n')) {
    if (line.startsWith('--- ')) oldFile = pathOf(line.slice(4), before);
    else if (line.startsWith('+++ ')) newFile = pathOf(line.slice(4), after);
    else if (line.startsWith('@@')) {
      const m = HUNK.exec(line);
      if (!m) continue;
      if (oldFile && SOURCE.test(oldFile)) add(diff.before, oldFile, Number(m[1]), Number(m[2] ?? 1));
      if (newFile && SOURCE.test(newFile)) add(diff.after, newFile, Number(m[3]), Number(m[4] ?? 1));
    }
  }
  return diff;
}

/** `a/abs/tree/lib/x.js` → `lib/x.js`; `/dev/null` → undefined. */
function pathOf(header: string, root: string): string | undefined {
  if (header === '/dev/null') return undefined;
  const abs = header.replace(/^[ab]\//, '/');
  return relative(root, abs);
}

/** Whether `line` of `file` lies within `slack` lines of a changed range. */
export function nearChange(
  ranges: Map<string, [number, number][]>,
  file: string,
  line: number,
  slack: number,
): boolean {
  return (ranges.get(file) ?? []).some(([a, b]) => line >= a - slack && line <= b + slack);
}
