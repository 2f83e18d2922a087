/**
 * Which lines of a file a review comment may target, read from a `patch` the way GitHub does.
 * Deliberately written apart from src/github/diff.ts: the stand-in judges the product's output,
 * so it must not share the product's parser (a bug there would hide in both).
 */
export interface Hunk {
  left: Set<number>;
  right: Set<number>;
}

export function hunksOf(patch: string): Hunk[] {
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  let left = 0;
  let right = 0;
  for (const line of patch.split('\n')) {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (header) {
      current = { left: new Set(), right: new Set() };
      hunks.push(current);
      left = Number(header[1]);
      right = Number(header[2]);
      continue;
    }
    if (!current || line.startsWith('\\')) continue;
    const tag = line[0];
    if (tag === '+') current.right.add(right++);
    else if (tag === '-') current.left.add(left++);
    else if (tag === ' ') {
      current.left.add(left++);
      current.right.add(right++);
    }
  }
  return hunks;
}

/** True when lines start..end (one side) all fall inside a single hunk, as GitHub requires. */
export function inOneHunk(patch: string, side: 'LEFT' | 'RIGHT', start: number, end: number): boolean {
  return hunksOf(patch).some((h) => {
    const lines = side === 'LEFT' ? h.left : h.right;
    for (let n = start; n <= end; n++) if (!lines.has(n)) return false;
    return true;
  });
}
