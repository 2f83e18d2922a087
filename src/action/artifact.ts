import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Where the Action's HTML report went: always a file, and an artifact when the runner has the service. */
export interface ReportArtifact {
  path: string;
  /** The artifact's page on GitHub (what actions/upload-artifact calls `artifact-url`). */
  url?: string;
  /** Why there is no artifact, for the job summary. */
  note?: string;
}

/**
 * The report's file name, which is also the artifact's name (an artifact uploaded unzipped takes
 * its file's): unique per job, so matrix jobs and several steps of one run do not collide when
 * the workflow names them apart through the `report-name` input.
 */
export function reportFileName(env: NodeJS.ProcessEnv, name?: string): string {
  const base = name ?? (env.GITHUB_JOB ? `vigil-report-${env.GITHUB_JOB}` : 'vigil-report');
  return `${base}.html`;
}

/**
 * Write the report to RUNNER_TEMP and upload it unzipped (so GitHub can show it) through the
 * runner's artifact service, the one actions/upload-artifact uses (ACTIONS_RUNTIME_TOKEN and
 * ACTIONS_RESULTS_URL, which @actions/artifact reads from the process environment). An upload
 * that fails is a note, never a failed job: the file stays for a later step.
 */
export async function publishReport(
  html: string,
  env: NodeJS.ProcessEnv,
  o: { dir: string; name?: string; retentionDays?: number },
): Promise<ReportArtifact> {
  const path = join(o.dir, reportFileName(env, o.name));
  writeFileSync(path, html);
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL)
    return {
      path,
      note: `HTML report written to ${path}; no artifact service here (ACTIONS_RUNTIME_TOKEN unset), so it was not uploaded.`,
    };
  try {
    // Loaded on use: the Azure blob client behind it is most of the bundle's weight.
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const { id } = await new DefaultArtifactClient().uploadArtifact(basename(path), [path], dirname(path), {
      skipArchive: true,
      ...(o.retentionDays ? { retentionDays: o.retentionDays } : {}),
    });
    if (id === undefined) throw new Error('the artifact service returned no id');
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    return {
      path,
      url: `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}/artifacts/${id}`,
    };
  } catch (error) {
    return {
      path,
      note: `The HTML report could not be uploaded as an artifact (${(error as Error).message}); it is at ${path}.`,
    };
  }
}
