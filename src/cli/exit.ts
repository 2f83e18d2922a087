/** Exit codes, documented in docs/cli.md. */
export const EXIT_OK = 0;
/** An unsuppressed finding at or above the `--fail-on` threshold was reported. */
export const EXIT_FINDINGS = 1;
/** Bad usage, bad configuration, or the scan could not run. */
export const EXIT_ERROR = 2;
/** No finding failed the run, but a scanner could not do its job (no network, no database, a crash). */
export const EXIT_INCOMPLETE = 3;

/** Bad command-line input; printed without a stack trace, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
