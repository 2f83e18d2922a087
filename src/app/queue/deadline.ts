/**
 * The queue (Redis) cannot be reached in time. It carries HTTP status 503, which the webhook
 * middleware answers with: GitHub then shows the delivery as failed and it can be redelivered.
 */
export class QueueUnavailable extends Error {
  readonly status = 503;
  constructor(what: string, cause?: unknown) {
    const why = cause instanceof Error ? `: ${cause.message}` : '';
    super(`queue unavailable: ${what}${why}`, cause === undefined ? undefined : { cause });
    this.name = 'QueueUnavailable';
  }
}

/**
 * `work`, or QueueUnavailable after `ms`. The work itself is not stopped (a Redis command cannot be
 * taken back); its later failure is swallowed so it is never an unhandled rejection.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailable(`${what}: no answer within ${ms} ms`)), ms);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, late]);
  } catch (error) {
    throw error instanceof QueueUnavailable ? error : new QueueUnavailable(what, error);
  } finally {
    clearTimeout(timer);
  }
}
