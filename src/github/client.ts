import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import { NON_RETRYABLE_STATUSES } from '../core/http-status.ts';

/**
 * The slice of an Octokit that src/github uses: `request` and `graphql` only, so any Octokit
 * (this module's, or probot's per-installation one, which carries its own retry/throttling) fits.
 */
export interface GitHub {
  request: Octokit['request'];
  graphql: Octokit['graphql'];
  log?: { warn(message: string): void; info?(message: string): void };
}

export interface ClientOptions {
  token: string;
  /** GITHUB_API_URL on Actions; `https://HOST/api/v3` on GitHub Enterprise Server. */
  baseUrl?: string;
  userAgent?: string;
  /**
   * Milliseconds between writes (GitHub asks for at least one second); requests that notify
   * people (comments, reviews) are paced three times slower, as plugin-throttling does by default.
   */
  writeIntervalMs?: number;
  /** How many times a request that hit a rate limit is retried before giving up. */
  maxRateLimitRetries?: number;
  /** Multiplier for retry delays in ms (plugin-retry backs off retryCount² × this). */
  retryBaseMs?: number;
  warn?: (message: string) => void;
}

const ThrottledOctokit = Octokit.plugin(retry, throttling);

export function githubApiUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
}

/** An Octokit with retries on transient errors and GitHub's rate-limit rules honoured. */
export function createGitHubClient(options: ClientOptions): Octokit & GitHub {
  const warn = options.warn ?? ((m: string) => process.stderr.write(`${m}\n`));
  const maxRetries = options.maxRateLimitRetries ?? 3;
  return new ThrottledOctokit({
    auth: options.token,
    baseUrl: (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: options.userAgent ?? 'vigil',
    log: { debug: () => {}, info: () => {}, warn, error: warn },
    // plugin-retry's default list retries 405, 409, 501 and more that a retry cannot change.
    retry: { retryAfterBaseValue: options.retryBaseMs ?? 1000, doNotRetry: [...NON_RETRYABLE_STATUSES] },
    throttle: {
      // A private group per client: the plugin's default groups are process-wide singletons.
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeIntervalMs ?? 1000 }),
      notifications: new Bottleneck.Group({
        maxConcurrent: 1,
        minTime: 3 * (options.writeIntervalMs ?? 1000),
      }),
      onRateLimit: retryHandler('rate limit', warn, maxRetries, 15 * 60),
      onSecondaryRateLimit: retryHandler('secondary rate limit', warn, maxRetries, Infinity),
    },
  }) as Octokit & GitHub;
}

/** plugin-throttling's handler: log, then retry a bounded number of times if the wait is bearable. */
function retryHandler(what: string, warn: (m: string) => void, maxRetries: number, longestWait: number) {
  return (
    retryAfter: number,
    request: { method: string; url: string },
    _octokit: unknown,
    retryCount: number,
  ) => {
    warn(`GitHub ${what} on ${request.method} ${request.url}; retry ${retryCount + 1} in ${retryAfter}s`);
    return retryCount < maxRetries && retryAfter <= longestWait;
  };
}

/** List endpoints serve at most 100 items a page. */
export const PER_PAGE = 100;

/**
 * The pages of a list endpoint, 100 items each, until a short page or `maxPages` (lists vigil
 * reads are bounded: a hostile PR must not keep it paging forever).
 */
export async function* pages<T>(
  fetchPage: (page: number) => Promise<{ data: T[] }>,
  maxPages = 100,
): AsyncGenerator<T[]> {
  for (let page = 1; page <= maxPages; page++) {
    const { data } = await fetchPage(page);
    yield data;
    if (data.length < PER_PAGE) return;
  }
}

/** HTTP status of an Octokit RequestError (or undefined for anything else). */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** True for answers that mean "this token may not do that" rather than "this went wrong". */
export function isPermissionError(error: unknown): boolean {
  const status = httpStatus(error);
  if (status === 403) return !/rate limit/i.test(String((error as Error).message));
  // GitHub answers 404 instead of 403 where revealing existence would leak (private repos, fork tokens).
  return status === 404 || status === 401;
}
