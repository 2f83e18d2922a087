import type { Command } from 'commander';
import { Option } from 'commander';
import { loadConfig } from '../../core/config/loader.ts';
import { applyConfigIgnores, applyRuleSettings } from '../../core/filters.ts';
import { assignFingerprints } from '../../core/fingerprint.ts';
import { compareFindings } from '../../core/scan.ts';
import type { ScanResult } from '../../core/scanner.ts';
import { VERSION } from '../../core/version.ts';
import { runImageScan } from '../../container/run.ts';
import { ImageError } from '../../container/sources/index.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../exit.ts';
import {
  addAdvisoryOptions,
  addReportOptions,
  advisoryChoices,
  emitReport,
  reportChoices,
} from '../options.ts';

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
    addAdvisoryOptions(addReportOptions(command), 'packages', 'layer results, advisories')
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
      .option('-c, --config <file>', 'configuration file (default: .vigil.yml, else .github/vigil.yml)')
      .addHelpText('after', EXAMPLES);
  },
  async run({ args, options, io }) {
    const started = performance.now();
    const ref = typeof args[0] === 'string' ? args[0] : undefined;
    const input = typeof options.input === 'string' ? options.input : undefined;
    if (!ref && !input) throw new UsageError('image: give an image reference or --input <path>');
    const loaded = await loadConfig('.', options.config as string | undefined, io.cwd);
    const { config, offline, cacheDir } = advisoryChoices(options, io, loaded.config);
    const choices = reportChoices(options, io, config);
    let scanned: Awaited<ReturnType<typeof runImageScan>>;
    try {
      scanned = await runImageScan({
        ...(ref ? { ref } : {}),
        ...(input ? { input } : {}),
        cwd: io.cwd,
        ...(typeof options.platform === 'string' ? { platform: options.platform } : {}),
        insecure: options.insecure === true,
        ...(options.source ? { source: options.source as 'daemon' | 'registry' } : {}),
        offline,
        ignoreUnfixed: options.ignoreUnfixed === true,
        cacheDir,
        config,
        env: io.env,
      });
    } catch (err) {
      if (err instanceof ImageError) throw new UsageError(err.message);
      throw err;
    }
    const { report, diagnostics } = scanned;
    let findings = assignFingerprints(report.findings);
    findings = applyRuleSettings(findings, config, {});
    findings = applyConfigIgnores(findings, config.ignore ?? [], loaded.configSource, new Date());
    findings.sort(compareFindings);
    const result: ScanResult = {
      version: 1,
      tool: { name: 'vigil', version: VERSION },
      root: report.ref,
      findings,
      rules: report.rules,
      diagnostics,
      stats: {
        files: 0,
        packages: report.packages.length,
        durationMs: Math.round(performance.now() - started),
        scanners: ['container'],
      },
    };
    return emitReport(result, choices, io);
  },
};
