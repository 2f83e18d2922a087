import type { Command } from 'commander';
import { Option } from 'commander';
import { loadConfig } from '../../core/config/loader.ts';
import type { Diagnostic } from '../../core/finding.ts';
import { applyConfigIgnores, applyRuleSettings } from '../../core/filters.ts';
import { assignFingerprints } from '../../core/fingerprint.ts';
import { compareFindings } from '../../core/scan.ts';
import type { ScanResult } from '../../core/scanner.ts';
import { VERSION } from '../../core/version.ts';
import { scanImage } from '../../container/scanner.ts';
import { ImageError, openImage } from '../../container/sources/index.ts';
import { openAdvisorySource } from '../../sca/osv/source.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../exit.ts';
import { addReportOptions, emitReport, reportChoices } from '../options.ts';

const EXAMPLES = `
Image references:
  nginx:1.25                       the local Docker engine (DOCKER_HOST) if it has it, else the registry
  registry.example.com/app:tag     a registry (OCI distribution API); ~/.docker/config.json credentials
  oci:./layout:tag                 an OCI image layout directory or tar
  docker-archive:./image.tar       a \`docker save\` tarball
  docker-daemon:app:latest         only the local engine;  docker://host/app:tag  only the registry

Examples:
  $ vigil image debian:12
  $ vigil image --input image.tar --format sarif -o image.sarif
  $ vigil image ghcr.io/org/app:1.2 --platform linux/arm64 --ignore-unfixed
  $ vigil image localhost:5000/app:dev --insecure --offline

Registry credentials can also come from VIGIL_REGISTRY_USERNAME / VIGIL_REGISTRY_PASSWORD.
Exit codes: 0 no finding at or above the threshold, 1 at least one, 2 usage or image error.`;

export const imageCommand: CliCommand = {
  name: 'image',
  summary: 'scan a container image: OS and language packages (with the layer that added them) and secrets',
  configure(command: Command) {
    command.argument('[ref]', 'image reference (or the tag inside --input)');
    addReportOptions(command)
      .option(
        '-i, --input <path>',
        'read the image from a docker-archive tar or an OCI layout (directory or tar)',
      )
      .option(
        '--platform <os/arch[/variant]>',
        'platform to pick from a multi-platform image (default linux/amd64)',
      )
      .option('--insecure', 'talk to the registry over plain http')
      .addOption(
        new Option('--source <where>', 'where a bare reference is looked up').choices(['daemon', 'registry']),
      )
      .option('--ignore-unfixed', 'leave out vulnerabilities that have no fixed version yet')
      .option('--offline', 'no network for advisories: match against the local advisory database only')
      .option('-c, --config <file>', 'configuration file (default: .vigil.yml, else .github/vigil.yml)')
      .option('--cache-dir <dir>', 'where layer results and advisories are cached')
      .addHelpText('after', EXAMPLES);
  },
  async run({ args, options, io }) {
    const started = performance.now();
    const ref = typeof args[0] === 'string' ? args[0] : undefined;
    const input = typeof options.input === 'string' ? options.input : undefined;
    if (!ref && !input) throw new UsageError('image: give an image reference or --input <path>');
    const loaded = await loadConfig('.', options.config as string | undefined, io.cwd);
    const config = loaded.config;
    const choices = reportChoices(options, io, config.failOn);
    const notes: Diagnostic[] = [];
    let source;
    try {
      source = await openImage(ref, {
        ...(input ? { input: input.startsWith('/') ? input : `${io.cwd}/${input}` } : {}),
        platform: (options.platform as string | undefined) ?? config.container?.platform,
        insecure: options.insecure === true,
        ...(options.source ? { source: options.source as 'daemon' | 'registry' } : {}),
        ...(io.env.VIGIL_REGISTRY_USERNAME
          ? { username: io.env.VIGIL_REGISTRY_USERNAME, password: io.env.VIGIL_REGISTRY_PASSWORD ?? '' }
          : {}),
        env: io.env,
        onNote: (message) => notes.push({ level: 'note', message, source: 'container' }),
      });
    } catch (err) {
      if (err instanceof ImageError) throw new UsageError(err.message);
      throw err;
    }
    const cacheDir = typeof options.cacheDir === 'string' ? options.cacheDir : undefined;
    const opened = openAdvisorySource({
      offline: options.offline === true || config.sca?.offline === true,
      ...(config.sca?.database ? { database: config.sca.database } : {}),
      ...(config.sca?.apiUrl ? { apiUrl: config.sca.apiUrl } : {}),
      ...(cacheDir ? { cacheDir } : {}),
      env: io.env as NodeJS.ProcessEnv,
    });
    try {
      const report = await scanImage(source, {
        ...(opened.source ? { advisories: opened.source } : {}),
        ignoreUnfixed: options.ignoreUnfixed === true || config.container?.ignoreUnfixed === true,
        ...(cacheDir ? { cacheDir } : {}),
      });
      const now = new Date();
      let findings = assignFingerprints(report.findings);
      findings = applyRuleSettings(findings, config, {});
      findings = applyConfigIgnores(findings, config.ignore ?? [], loaded.configSource, now);
      findings.sort(compareFindings);
      const layerNotes: Diagnostic[] = report.layers
        .filter((l) => l.findings > 0)
        .map((l) => ({
          level: 'note',
          source: 'container',
          message: `layer ${l.index + 1}${l.base ? ' (base image)' : ''}: ${l.findings} finding(s), ${l.packages} package(s)${l.createdBy ? ` — ${l.createdBy.slice(0, 100)}` : ''}`,
        }));
      const result: ScanResult = {
        version: 1,
        tool: { name: 'vigil', version: VERSION },
        root: source.ref,
        findings,
        rules: report.rules,
        diagnostics: [
          ...notes,
          ...opened.diagnostics,
          ...report.diagnostics,
          ...(report.os
            ? [
                {
                  level: 'note' as const,
                  source: 'container',
                  message: `${source.ref}: ${report.os.pretty}, ${report.packages.length} packages in ${report.layers.length} layers`,
                },
              ]
            : []),
          ...layerNotes,
          ...report.advice.map((message) => ({ level: 'note' as const, source: 'container', message })),
        ],
        stats: {
          files: report.packages.length,
          durationMs: Math.round(performance.now() - started),
          scanners: ['container'],
        },
      };
      return await emitReport(result, choices, io);
    } finally {
      opened.source?.close();
      await source.close();
    }
  },
};
