/**
 * Hidden HTML comments that let vigil recognise its own posts on later runs: GitHub renders them
 * invisibly, and finding text is made inert (text.ts) so a finding cannot forge one.
 */
const FP = /<!-- vigil:fp:([0-9a-f]{8,64}) -->/;

export const fingerprintMarker = (fingerprint: string) => `<!-- vigil:fp:${fingerprint} -->`;

export function markedFingerprint(body: string | null | undefined): string | undefined {
  return body ? FP.exec(body)?.[1] : undefined;
}

const KIND = /<!-- vigil:kind:([a-z]+) -->/;

/** The finding kind a comment is about: a scan that skipped that kind must not judge its threads. */
export const kindMarker = (kind: string) => `<!-- vigil:kind:${kind} -->`;

export function markedKind(body: string | null | undefined): string | undefined {
  return body ? KIND.exec(body)?.[1] : undefined;
}

export const reviewMarker = (headSha: string) => `<!-- vigil:review:${headSha} -->`;
export const SUMMARY_MARKER = '<!-- vigil:summary -->';
