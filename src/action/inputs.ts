import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { ConfigError, formatIssue } from '../core/config/loader.ts';
import { readOperatorSettings, type OperatorSettings } from '../core/config/operator.ts';
import { SCANNER_IDS, type ScannerId } from '../core/config/types.ts';
import { PRECISIONS, type Precision } from '../core/finding.ts';
import { SEVERITIES, type FailThreshold } from '../core/severity.ts';

/** Raised for a bad input or environment: the job fails with this message, exit code 2. */
export class ActionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionInputError';
  }
}

/** GitHub passes `with:` values as INPUT_<NAME> (upper-cased, spaces as underscores, hyphens kept). */
export function input(env: NodeJS.ProcessEnv, name: string, fallback = ''): string {
  const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
}

export type CommentMode = 'review' | 'summary' | 'off';

export interface ActionInputs {
  scanners?: ScannerId[];
  path: string;
  image?: string;
  failOn?: FailThreshold;
  /** `min-precision`: least certain findings that fail the job and get comments (config, else high). */
  minPrecision?: Precision;
  config?: string;
  commentMode?: CommentMode;
  sarifUpload: boolean;
  token: string;
  maxComments?: number;
  /** `html-report`: write the HTML report and upload it as an artifact (default true). */
  htmlReport: boolean;
  /** `report-name`: the report's file and artifact name, without `.html`. */
  reportName?: string;
  /** `report-retention-days`: the artifact's retention, 1–90 (the repository's default when unset). */
  reportRetentionDays?: number;
  /**
   * `osv-api-url`, `osv-database`, `max-file-size`, `sca-unavailable`, `upgrade-plan`, `registry`:
   * the workflow's alone, never the repository's file (nor its `.npmrc`).
   */
  operator: OperatorSettings;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new ActionInputError(`input \`${name}\`: "${value}" is not one of ${allowed.join(', ')}`);
  return value as T;
}

function bool(name: string, value: string): boolean {
  if (/^(true|yes|on|1)$/i.test(value)) return true;
  if (/^(false|no|off|0)$/i.test(value)) return false;
  throw new ActionInputError(`input \`${name}\`: "${value}" is not true or false`);
}

/** Inputs left empty fall back to the repository's config file, then to vigil's defaults. */
export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const scanners = input(env, 'scanners');
  const failOn = input(env, 'fail-on');
  const commentMode = input(env, 'comment-mode');
  const maxComments = input(env, 'max-comments');
  const image = input(env, 'image');
  const config = input(env, 'config');
  const out: ActionInputs = {
    path: input(env, 'path', '.'),
    sarifUpload: bool('sarif-upload', input(env, 'sarif-upload', 'false')),
    htmlReport: bool('html-report', input(env, 'html-report', 'true')),
    token: input(env, 'token'),
    operator: operatorInputs(env),
  };
  if (scanners) {
    out.scanners = scanners.split(',').map((s) => oneOf('scanners', s.trim(), SCANNER_IDS));
  }
  if (failOn) out.failOn = oneOf('fail-on', failOn, [...SEVERITIES, 'none'] as const);
  const minPrecision = input(env, 'min-precision');
  if (minPrecision) out.minPrecision = oneOf('min-precision', minPrecision, PRECISIONS);
  if (commentMode)
    out.commentMode = oneOf('comment-mode', commentMode, ['review', 'summary', 'off'] as const);
  if (maxComments) {
    const n = Number(maxComments);
    if (!Number.isInteger(n) || n < 0 || n > 1000)
      throw new ActionInputError(
        `input \`max-comments\`: "${maxComments}" is not a whole number from 0 to 1000`,
      );
    out.maxComments = n;
  }
  if (image) out.image = image;
  if (config) out.config = config;
  const reportName = input(env, 'report-name');
  if (reportName) {
    // An artifact name GitHub accepts, and a plain file name in RUNNER_TEMP.
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(reportName))
      throw new ActionInputError(
        `input \`report-name\`: "${reportName}" must be 1–100 letters, digits, ".", "_" or "-", starting with a letter or digit`,
      );
    out.reportName = reportName;
  }
  const retention = input(env, 'report-retention-days');
  if (retention) {
    const n = Number(retention);
    if (!Number.isInteger(n) || n < 1 || n > 90)
      throw new ActionInputError(
        `input \`report-retention-days\`: "${retention}" is not a whole number from 1 to 90`,
      );
    out.reportRetentionDays = n;
  }
  return out;
}

function operatorInputs(env: NodeJS.ProcessEnv): OperatorSettings {
  const from = (name: string) => ({ name: `input \`${name}\``, value: input(env, name) });
  try {
    return readOperatorSettings(
      {
        'sca.apiUrl': from('osv-api-url'),
        'sca.database': from('osv-database'),
        maxFileSize: from('max-file-size'),
        unavailable: from('sca-unavailable'),
        upgradePlan: { name: 'input `upgrade-plan`', value: input(env, 'upgrade-plan', 'true') },
        registry: from('registry'),
      },
      env.GITHUB_WORKSPACE || process.cwd(),
    );
  } catch (error) {
    if (error instanceof ConfigError) throw new ActionInputError(error.issues.map(formatIssue).join('; '));
    throw error;
  }
}

/** Largest event payload read; GitHub's are well under 1 MB even for big PRs. */
const MAX_EVENT_BYTES = 25 * 1024 * 1024;

export function readEvent(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return {};
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new ActionInputError(`GITHUB_EVENT_PATH ${path}: cannot read the event payload`);
  }
  if (size > MAX_EVENT_BYTES)
    throw new ActionInputError(
      `GITHUB_EVENT_PATH ${path}: event payload is ${size} bytes (limit ${MAX_EVENT_BYTES})`,
    );
  try {
    const event = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new Error('not an object');
    return event as Record<string, unknown>;
  } catch (error) {
    throw new ActionInputError(
      `GITHUB_EVENT_PATH ${path}: not a JSON event payload (${(error as Error).message})`,
    );
  }
}

/** Step outputs go to the GITHUB_OUTPUT file; heredoc syntax keeps any value safe. */
export function setOutputs(env: NodeJS.ProcessEnv, outputs: Record<string, string | number>): void {
  const file = env.GITHUB_OUTPUT;
  if (!file) return;
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    const delimiter = `vigil_${randomBytes(8).toString('hex')}`;
    text += `${name}<<${delimiter}\n${String(value)}\n${delimiter}\n`;
  }
  appendFileSync(file, text);
}
