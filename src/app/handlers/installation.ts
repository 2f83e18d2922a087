import type { EventInput } from './types.ts';

interface InstallationPayload {
  action: string;
  installation: { id: number; account?: { login?: string } | null };
  repositories?: Array<{ full_name: string }>;
}

/**
 * Installed, removed, suspended: nothing to scan (the first PR brings the first scan). The log
 * line is the record; tokens are never cached, so a removed installation leaves nothing behind.
 */
export function installationNote(
  input: Pick<EventInput<InstallationPayload>, 'payload'>,
): Record<string, unknown> {
  const { payload } = input;
  return {
    action: payload.action,
    installation: payload.installation.id,
    account: payload.installation.account?.login,
    repositories: payload.repositories?.length,
  };
}
