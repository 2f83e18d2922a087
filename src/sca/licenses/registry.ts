import type { Diagnostic } from '../../core/finding.ts';
import { PackumentCapError, RegistryUnreachableError, type RegistryClient } from '../plan/packument.ts';
import type { Package } from '../types.ts';
import { declaredLicense } from './declared.ts';

/** npm registry packages whose licence neither the lockfile nor node_modules gave. */
const unlicensed = (packages: readonly Package[]): Package[] =>
  packages.filter((p) => p.ecosystem === 'npm' && p.kind === 'registry' && p.license === undefined);

/**
 * Ask the registry for the licences still unknown, from each package's metadata (the plan's
 * client: each version's manifest, cached an hour, capped). Offline, or with the registry unreachable, they stay unknown
 * and one note says so; a package the registry lacks or garbles stays unknown on its own.
 */
export async function attachRegistryLicenses(
  packages: readonly Package[],
  client: RegistryClient | undefined,
): Promise<Diagnostic[]> {
  const wanted = unlicensed(packages);
  if (wanted.length === 0) return [];
  const note = (message: string): Diagnostic[] => [{ level: 'note', source: 'sca', message }];
  if (!client)
    return note(
      `offline: the licences of ${wanted.length} npm package(s) not recorded in the lockfile or node_modules are unknown (the registry is not asked)`,
    );
  let stopped: string | undefined;
  await Promise.all(
    wanted.map(async (pkg) => {
      if (stopped) return;
      try {
        const license = declaredLicense(await client.versionManifest(pkg.name, pkg.version));
        if (license === undefined) return;
        pkg.license = license;
        pkg.licenseSource = 'registry';
      } catch (error) {
        if (error instanceof RegistryUnreachableError || error instanceof PackumentCapError)
          stopped ??= error.message;
        // any other error (not in the registry, malformed metadata): this package stays unknown
      }
    }),
  );
  const missing = unlicensed(packages).length;
  return stopped ? note(`${stopped}: the licences of ${missing} npm package(s) are unknown`) : [];
}
