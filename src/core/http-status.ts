/**
 * HTTP statuses worth retrying: 429 (come back later) and server errors, except 501 (the server
 * does not implement this; asking again cannot change that). Every other 4xx says the request
 * itself is wrong (bad input, no permission, gone), so a retry only delays the failure.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

/** The error statuses a retry cannot change (the form @octokit/plugin-retry's `doNotRetry` takes). */
export const NON_RETRYABLE_STATUSES: readonly number[] = Array.from(
  { length: 200 },
  (_, i) => 400 + i,
).filter((s) => !isRetryableStatus(s));
