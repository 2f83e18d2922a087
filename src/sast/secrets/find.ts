import { DETECTORS, type SecretDetector } from './detectors.ts';
import { maskSecret } from './mask.ts';

/** One secret found in a text: where (offsets into the text), what kind, and its masked form only. */
export interface SecretMatch {
  detector: SecretDetector;
  /** Offset of the secret value in the scanned text. */
  start: number;
  end: number;
  /** The masked value; the whole value never leaves this module. */
  masked: string;
  /** The credential can no longer be used (see SecretDetector.expired). */
  expired?: boolean;
}

/** Only the first 8 MiB of a text is scanned (the walker's size cap keeps files far smaller). */
const MAX_SCAN = 8 * 1024 * 1024;

// vigil-ignore-next-line js/regexp-injection -- built from this module's own constant detector patterns
const combined = new RegExp(DETECTORS.map((d, i) => `(?<d${i}>${d.pattern})`).join('|'), 'g');

/**
 * Find every secret of a known format in `text` in one pass of one combined regex. A match that
 * fails its detector's validation is skipped by one character so an overlapping real secret is
 * still found.
 */
export function findSecrets(text: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  const re = new RegExp(combined.source, 'g');
  const limit = Math.min(text.length, MAX_SCAN);
  const haystack = limit < text.length ? text.slice(0, limit) : text;
  let m: RegExpExecArray | null;
  while ((m = re.exec(haystack)) !== null) {
    const index = DETECTORS.findIndex((_, i) => m!.groups?.[`d${i}`] !== undefined);
    const detector = DETECTORS[index]!;
    const raw = m[0];
    const { offset, value } = detector.extract ? detector.extract(raw) : { offset: 0, value: raw };
    const harmless =
      detector.harmlessAfter?.test(haystack.slice(Math.max(0, m.index - 32), m.index)) ?? false;
    if (harmless || (detector.validate && !detector.validate(value))) {
      re.lastIndex = m.index + 1;
      continue;
    }
    out.push({
      detector,
      start: m.index + offset,
      end: m.index + offset + value.length,
      masked: maskSecret(value, detector.prefix?.(value) ?? '', !detector.noTail),
      ...(detector.expired?.(value, Date.now()) ? { expired: true } : {}),
    });
  }
  return out;
}

/** `text` with every secret of a known format replaced by its mask (for snippets of other rules). */
export function redactSecrets(text: string): string {
  const matches = findSecrets(text);
  if (matches.length === 0) return text;
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + m.masked;
    at = m.end;
  }
  return out + text.slice(at);
}
