/**
 * Secrets are masked where they are found, so no finding field, snippet, message or property
 * can ever carry a whole value. A mask keeps a detector's public prefix (`ghp_`, `AKIA`) so a
 * reader knows what leaked, and at most the last 4 characters so the owner can tell which
 * credential to rotate — and only when at least 16 characters stay hidden.
 */
export const MASK_CHAR = '*';
const KEEP_TAIL = 4;
const MIN_HIDDEN = 16;

export function maskSecret(value: string, prefix = '', keepTail = true): string {
  const keepPrefix = prefix && value.startsWith(prefix) ? prefix : '';
  const rest = value.slice(keepPrefix.length);
  const tail = keepTail && rest.length - KEEP_TAIL >= MIN_HIDDEN ? rest.slice(-KEEP_TAIL) : '';
  const hidden = rest.length - tail.length;
  // Long values (private keys) collapse to a bounded run of stars.
  return keepPrefix + MASK_CHAR.repeat(Math.min(hidden, 32)) + tail;
}
