import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { VigilConfig } from '../core/config/types.ts';
import type { Diagnostic } from '../core/finding.ts';
import type { Scanner } from '../core/scanner.ts';
import { defaultCacheDir } from '../core/cache-dir.ts';
import { openAdvisorySource } from '../sca/osv/source.ts';
import type { ImageScanReport } from './scanner.ts';
import { LANG_VULN_RULE, OS_VULN_RULE, scanImage } from './scanner.ts';
import { ImageError, openImage } from './sources/index.ts';

/** One image scan as the CLI and the Action ask for it. */
export interface ImageRequest {
  /** Image reference, or the tag inside `input`. */
  ref?: string;
  /** A docker-archive tar or OCI layout (directory or tar), absolute or relative to `cwd`. */
  input?: string;
  cwd: string;
  platform?: string;
  insecure?: boolean;
  source?: 'daemon' | 'registry';
  offline?: boolean;
  ignoreUnfixed?: boolean;
  cacheDir?: string;
  config: VigilConfig;
  env: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal;
}

/**
 * Open the image and the advisory source, scan, close both. Image errors (bad reference,
 * unreachable registry, not an image) are thrown as ImageError for the caller to present;
 * everything else wrong with the image ends up in the diagnostics.
 */
export async function runImageScan(
  request: ImageRequest,
): Promise<{ report: ImageScanReport; diagnostics: Diagnostic[] }> {
  const { config, env } = request;
  const diagnostics: Diagnostic[] = [];
  const source = await openImage(request.ref, {
    ...(request.input
      ? { input: isAbsolute(request.input) ? request.input : resolve(request.cwd, request.input) }
      : {}),
    platform: request.platform ?? config.container?.platform,
    insecure: request.insecure === true,
    ...(request.source ? { source: request.source } : {}),
    ...(env.VIGIL_REGISTRY_USERNAME
      ? { username: env.VIGIL_REGISTRY_USERNAME, password: env.VIGIL_REGISTRY_PASSWORD ?? '' }
      : {}),
    env,
    onNote: (message) => diagnostics.push({ level: 'note', message, source: 'container' }),
  });
  const opened = openAdvisorySource({
    offline: request.offline === true || config.sca?.offline === true,
    ...(config.sca?.database ? { database: config.sca.database } : {}),
    ...(config.sca?.apiUrl ? { apiUrl: config.sca.apiUrl } : {}),
    ...(request.cacheDir ? { cacheDir: request.cacheDir } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    env: env as NodeJS.ProcessEnv,
  });
  diagnostics.push(...opened.diagnostics);
  try {
    const report = await scanImage(source, {
      ...(opened.source ? { advisories: opened.source } : {}),
      ignoreUnfixed: request.ignoreUnfixed === true || config.container?.ignoreUnfixed === true,
      cacheDir: request.cacheDir ?? defaultCacheDir(env as NodeJS.ProcessEnv),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    diagnostics.push(...report.diagnostics);
    if (report.os)
      diagnostics.push({
        level: 'note',
        source: 'container',
        message: `${source.ref}: ${report.os.pretty}, ${report.packages.length} packages in ${report.layers.length} layers`,
      });
    for (const l of report.layers) {
      if (l.findings === 0) continue;
      const what = `${l.findings} finding(s), ${l.packages} package(s)${l.createdBy ? ` — ${l.createdBy.slice(0, 100)}` : ''}`;
      diagnostics.push({
        level: 'note',
        source: 'container',
        message: `layer ${l.index + 1}${l.base ? ' (base image)' : ''}: ${what}`,
      });
    }
    for (const message of report.advice) diagnostics.push({ level: 'note', source: 'container', message });
    return { report, diagnostics };
  } finally {
    opened.source?.close();
    await source.close();
  }
}

/**
 * The `container` scanner of `vigil scan` and the Action: scans the image named by the `image`
 * option (a reference, or a path under the scan root to a docker-archive or OCI layout). With no
 * image it has nothing to do.
 */
export const containerScanner: Scanner = {
  id: 'container',
  description: 'container image: OS and language packages by layer, and secrets in its config and layers',
  async run(context) {
    const image = typeof context.options.image === 'string' ? context.options.image : undefined;
    if (!image) return { findings: [], diagnostics: [], rules: [] };
    const local = await stat(resolve(context.root, image)).then(
      () => true,
      () => false,
    );
    try {
      const { report, diagnostics } = await runImageScan({
        ...(local ? { input: image } : { ref: image }),
        cwd: context.root,
        offline: context.options.offline === true,
        ...(typeof context.options.cacheDir === 'string' ? { cacheDir: context.options.cacheDir } : {}),
        config: context.config,
        env: process.env,
        ...(context.signal ? { signal: context.signal } : {}),
      });
      return { findings: report.findings, diagnostics, rules: report.rules };
    } catch (err) {
      if (!(err instanceof ImageError)) throw err;
      return {
        findings: [],
        diagnostics: [{ level: 'error', source: 'container', message: `image scan skipped: ${err.message}` }],
        rules: [OS_VULN_RULE, LANG_VULN_RULE],
      };
    }
  },
};
