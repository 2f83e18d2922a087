import type { Finding } from '../core/finding.ts';
import { compareBySeverity } from '../report/model.ts';
import { httpStatus, pages, PER_PAGE, type GitHub } from './client.ts';
import type { RepoRef } from './checks.ts';
import { commentableRange, touchesAddedLine, type PullDiff } from './diff.ts';
import { fingerprintMarker, kindMarker, markedFingerprint, reviewMarker } from './markers.ts';
import { boundText, clip, GITHUB_TEXT_LIMIT, inertMarkdown } from './text.ts';

export const DEFAULT_MAX_COMMENTS = 30;
/** Longest summary list in a review body; the check run has everything. */
const MAX_LISTED = 50;

export interface ReviewRequest extends RepoRef {
  pullNumber: number;
  headSha: string;
  diff: PullDiff;
  /** Findings this PR introduces (see baseline.ts); only these get inline comments. */
  findings: readonly Finding[];
  maxComments?: number;
  /** The file's text at the head commit, to build ```suggestion blocks; omit to never suggest. */
  readFile?: (path: string) => string | undefined;
  checkRunUrl?: string;
}

export interface ReviewOutcome {
  reviewId?: number;
  /** Inline comments posted now. */
  commented: number;
  /** Findings already commented on by an earlier run (found by fingerprint marker). */
  alreadyCommented: number;
  /** New findings on added lines beyond maxComments: listed in the review body. */
  overCap: number;
  /** New findings not on an added line (or in a file without a patch): check run only. */
  offDiff: number;
  /** A review for this head commit already existed: nothing posted. */
  alreadyReviewed: boolean;
  /** GitHub refused the inline comments (diff moved under us): posted as a body-only review. */
  fellBackToBody: boolean;
}

/** Fingerprints vigil has already commented on in this PR, from any earlier push. */
export async function commentedFingerprints(
  gh: GitHub,
  repo: RepoRef,
  pullNumber: number,
): Promise<Set<string>> {
  const found = new Set<string>();
  const list = (page: number) =>
    gh.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', {
      ...repo,
      pull_number: pullNumber,
      per_page: PER_PAGE,
      page,
    });
  for await (const data of pages(list)) {
    for (const c of data) {
      const fp = c.in_reply_to_id ? undefined : markedFingerprint(c.body);
      if (fp) found.add(fp);
    }
  }
  return found;
}

async function reviewedAlready(
  gh: GitHub,
  repo: RepoRef,
  pullNumber: number,
  headSha: string,
): Promise<boolean> {
  const marker = reviewMarker(headSha);
  const list = (page: number) =>
    gh.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
      ...repo,
      pull_number: pullNumber,
      per_page: PER_PAGE,
      page,
    });
  for await (const data of pages(list)) {
    if (data.some((r) => r.commit_id === headSha && r.body?.includes(marker))) return true;
  }
  return false;
}

export interface Suggestion {
  startLine: number;
  endLine: number;
  text: string;
}

/**
 * A ```suggestion block replaces whole lines, so the fix's region is widened to full lines from the
 * file at head. Only offered when the lines can carry one comment and the text cannot break the fence.
 */
export function suggestionFor(
  f: Finding,
  fileText: string | undefined,
  diff: PullDiff,
): Suggestion | undefined {
  const r = f.fix?.replacement;
  if (!r || fileText === undefined || r.location.path !== f.location.path) return undefined;
  const { startLine, endLine, startColumn, endColumn } = r.location;
  if (startLine < 1 || endLine < startLine || !commentableRange(diff, f.location.path, startLine, endLine))
    return undefined;
  const lines = fileText.split(/\r?\n/);
  const first = lines[startLine - 1];
  const last = lines[endLine - 1];
  if (first === undefined || last === undefined) return undefined;
  const text = first.slice(0, Math.max(0, startColumn - 1)) + r.text + last.slice(Math.max(0, endColumn - 1));
  if (text.includes('```')) return undefined;
  return { startLine, endLine, text };
}

export function commentBody(f: Finding, suggestion: Suggestion | undefined, checkRunUrl?: string): string {
  const ids = [f.ruleId, ...(f.cwe ?? []), ...(f.advisoryIds ?? []).slice(0, 3)].join(' · ');
  // One oversized comment would make GitHub refuse the whole review: bound what findings bring.
  const parts = [
    `**${f.severity.toUpperCase()}: ${inertMarkdown(clip(f.title, 300))}**`,
    '',
    inertMarkdown(clip(f.message, 8000)),
  ];
  if (f.fix) parts.push('', `**Fix:** ${inertMarkdown(clip(f.fix.description, 2000))}`);
  if (suggestion) parts.push('', '```suggestion', suggestion.text, '```');
  parts.push(
    '',
    `<sub>${inertMarkdown(ids)}${checkRunUrl ? ` · [details](${checkRunUrl})` : ''}</sub>`,
    fingerprintMarker(f.fingerprint) + kindMarker(f.kind),
  );
  return parts.join('\n');
}

function listLine(f: Finding): string {
  const where = clip(f.location.path.replace(/`/g, "'"), 300);
  return `- **${f.severity}** ${inertMarkdown(clip(f.title, 200))} — \`${where}:${f.location.startLine}\` (${inertMarkdown(f.ruleId)})`;
}

/**
 * One review per head commit: inline comments on added lines only, at most `maxComments`, never a
 * finding that already has a comment; the rest summarised in the review body.
 */
export async function postReview(gh: GitHub, o: ReviewRequest): Promise<ReviewOutcome> {
  const repo = { owner: o.owner, repo: o.repo };
  const outcome: ReviewOutcome = {
    commented: 0,
    alreadyCommented: 0,
    overCap: 0,
    offDiff: 0,
    alreadyReviewed: false,
    fellBackToBody: false,
  };
  if (await reviewedAlready(gh, repo, o.pullNumber, o.headSha)) return { ...outcome, alreadyReviewed: true };
  const posted = await commentedFingerprints(gh, repo, o.pullNumber);
  const onDiff: Finding[] = [];
  for (const f of [...o.findings].sort(compareBySeverity)) {
    if (f.suppression) continue;
    if (posted.has(f.fingerprint)) outcome.alreadyCommented++;
    else if (touchesAddedLine(o.diff, f.location.path, f.location.startLine)) onDiff.push(f);
    else outcome.offDiff++;
  }
  const max = o.maxComments ?? DEFAULT_MAX_COMMENTS;
  const inline = onDiff.slice(0, max);
  const rest = onDiff.slice(max);
  outcome.overCap = rest.length;
  if (inline.length === 0 && rest.length === 0) return outcome;

  const comments = inline.map((f) => {
    const suggestion = suggestionFor(f, o.readFile?.(f.location.path), o.diff);
    const line = suggestion?.endLine ?? f.location.startLine;
    const start = suggestion?.startLine ?? line;
    return {
      path: f.location.path,
      line,
      side: 'RIGHT' as const,
      ...(start < line ? { start_line: start, start_side: 'RIGHT' as const } : {}),
      body: commentBody(f, suggestion, o.checkRunUrl),
    };
  });
  const body = (listed: readonly Finding[], intro: string) => {
    const lines = [intro];
    if (listed.length) {
      lines.push('', ...listed.slice(0, MAX_LISTED).map(listLine));
      if (listed.length > MAX_LISTED) lines.push(`- … ${listed.length - MAX_LISTED} more`);
    }
    if (o.checkRunUrl) lines.push('', `All findings: [check run](${o.checkRunUrl}).`);
    return `${boundText(lines.join('\n'), GITHUB_TEXT_LIMIT - 100)}\n${reviewMarker(o.headSha)}`;
  };
  const intro = rest.length
    ? `vigil found ${onDiff.length} new problem${onDiff.length === 1 ? '' : 's'} on lines this PR changes; ${inline.length} commented inline, ${rest.length} more:`
    : `vigil found ${onDiff.length} new problem${onDiff.length === 1 ? '' : 's'} on lines this PR changes.`;
  try {
    const { data } = await gh.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
      ...repo,
      pull_number: o.pullNumber,
      commit_id: o.headSha,
      event: 'COMMENT',
      body: body(rest, intro),
      comments,
    });
    return { ...outcome, reviewId: Number(data.id), commented: comments.length };
  } catch (error) {
    // 422: a line left the diff (a push raced this run). Keep the findings visible without anchors.
    if (httpStatus(error) !== 422) throw error;
    gh.log?.warn(
      `GitHub refused the inline review comments (${(error as Error).message}); posting them as a list instead`,
    );
    const { data } = await gh.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
      ...repo,
      pull_number: o.pullNumber,
      commit_id: o.headSha,
      event: 'COMMENT',
      body: body(
        onDiff,
        `vigil found ${onDiff.length} new problem${onDiff.length === 1 ? '' : 's'} on lines this PR changes:`,
      ),
    });
    return { ...outcome, reviewId: Number(data.id), commented: 0, overCap: 0, fellBackToBody: true };
  }
}
