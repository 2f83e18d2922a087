/** Shannon entropy in bits per character: random tokens score high, placeholders low. */
export function shannonEntropy(text: string): number {
  if (!text) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const PLACEHOLDER =
  /example|sample|dummy|placeholder|changeme|passw[o0]rd|secret|redacted|hunter2|your[_-]|x{6,}|0{8,}|1234567|abcdefgh|\*{3,}|\.\.\.|<[a-z_-]+>|\$\{/i;

/** Values that are obviously not real credentials: documented examples, x-runs, templates. */
export function looksLikePlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || /^(.)\1+$/.test(value);
}
