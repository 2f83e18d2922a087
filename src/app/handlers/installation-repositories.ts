import type { EventInput } from './types.ts';

interface InstallationRepositoriesPayload {
  action: string;
  installation: { id: number };
  repositories_added?: Array<{ full_name: string }>;
  repositories_removed?: Array<{ full_name: string }>;
}

/** Repositories added to or removed from an installation: logged, nothing scanned until a PR. */
export function installationRepositoriesNote(
  input: Pick<EventInput<InstallationRepositoriesPayload>, 'payload'>,
): Record<string, unknown> {
  const { payload } = input;
  return {
    action: payload.action,
    installation: payload.installation.id,
    added: payload.repositories_added?.map((r) => r.full_name).slice(0, 20),
    removed: payload.repositories_removed?.map((r) => r.full_name).slice(0, 20),
  };
}
