import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Argument, Option, type Command } from 'commander';
import { describeFsError, loadConfig } from '../../core/config/loader.ts';
import { CannotPlanError, makePlan } from '../../sca/plan/make-plan.ts';
import { DEFAULT_MAX_PACKUMENTS, RegistryUnreachableError } from '../../sca/plan/packument.ts';
import { chooseRegistry, RegistryUrlError } from '../../sca/plan/registry-url.ts';
import { PLAN_FORMATS, renderPlan, type PlanFormat } from '../../sca/plan/render.ts';
import type { CliCommand } from '../command.ts';
import { EXIT_INCOMPLETE, EXIT_OK, UsageError } from '../exit.ts';
import { advisoryChoices } from '../options.ts';

const EXAMPLES = `
Examples:
  $ vigil sca plan                          the upgrade plan for every npm lockfile under .
  $ vigil sca plan services/api --format json -o plan.json
  $ vigil sca plan --registry http://127.0.0.1:4873 --database advisories.db

The plan needs the registry's package metadata: offline, or with the registry unreachable, it says
so and exits 3. It never runs the project's package manager or scripts.
Exit codes: 0 a plan was made (even one that removes nothing), 2 usage, 3 no plan or only part of one.`;

function parseCap(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1)
    throw new UsageError(`--max-packuments: expected a whole number above 0, got "${value}"`);
  return n;
}

/** The project's own .npmrc, when it has one. */
async function projectNpmrc(root: string): Promise<string | undefined> {
  try {
    return await readFile(join(root, '.npmrc'), 'utf8');
  } catch {
    return undefined;
  }
}

export const scaCommand: CliCommand = {
  name: 'sca',
  summary:
    'dependency tools: `sca plan` finds the fewest direct-dependency upgrades that remove the most advisories',
  configure(command: Command) {
    command
      .addArgument(new Argument('<action>', 'what to do').choices(['plan']))
      .argument('[path]', 'project directory', '.')
      .addOption(new Option('-f, --format <format>', 'output format').choices(PLAN_FORMATS).default('text'))
      .option('-o, --output <file>', 'write the plan to a file instead of stdout')
      .option(
        '--registry <url>',
        'npm registry for package metadata (default: $npm_config_registry, else the project .npmrc registry=, else https://registry.npmjs.org)',
      )
      .option('--offline', 'no network: says that no plan can be made and exits 3')
      .option(
        '--database <path>',
        'match dependencies against this advisory database (a file, or a directory holding osv.db)',
      )
      .option(
        '--cache-dir <dir>',
        'cache directory: advisories and registry metadata (default: $VIGIL_CACHE_DIR, else ~/.cache/vigil)',
      )
      .option(
        '-c, --config <file>',
        'configuration file (default: .vigil.yml, else .github/vigil.yml in PATH)',
      )
      .option('--prod-only', 'leave out packages reached only through dev dependencies')
      .option(
        '--max-packuments <n>',
        `most packuments one plan may fetch (default ${DEFAULT_MAX_PACKUMENTS})`,
        parseCap,
      )
      .addHelpText('after', EXAMPLES);
  },
  async run({ args, options, io }) {
    const root = resolve(io.cwd, String(args[1] ?? '.'));
    if (options.offline === true) {
      io.stderr.write(
        "vigil sca plan: cannot plan offline: an upgrade plan needs the registry's package metadata to see what newer releases would install.\n",
      );
      return EXIT_INCOMPLETE;
    }
    let registry;
    try {
      registry = chooseRegistry(
        typeof options.registry === 'string' ? options.registry : undefined,
        io.env,
        await projectNpmrc(root),
      );
    } catch (e) {
      if (e instanceof RegistryUrlError) throw new UsageError(e.message);
      throw e;
    }
    const loaded = await loadConfig(root, options.config as string | undefined, io.cwd);
    const { config, cacheDir } = advisoryChoices(options, io, loaded.config);
    let result;
    try {
      result = await makePlan({
        root,
        config,
        ...(loaded.configSource ? { configSource: loaded.configSource } : {}),
        cacheDir,
        registry,
        ...(typeof options.maxPackuments === 'number' ? { maxPackuments: options.maxPackuments } : {}),
        ...(options.prodOnly === true ? { prodOnly: true } : {}),
      });
    } catch (e) {
      if (e instanceof CannotPlanError || e instanceof RegistryUnreachableError) {
        io.stderr.write(`vigil sca plan: cannot plan: ${e.message}\n`);
        return EXIT_INCOMPLETE;
      }
      throw e;
    }
    const text = renderPlan(options.format as PlanFormat, result);
    if (typeof options.output === 'string') {
      try {
        await writeFile(resolve(io.cwd, options.output), text);
      } catch (error) {
        throw new UsageError(`cannot write ${options.output}: ${describeFsError(error)}`);
      }
    } else io.stdout.write(text);
    if (result.incomplete) {
      io.stderr.write(
        "vigil sca plan: INCOMPLETE: part of the plan could not be made (see the plan's notes)\n",
      );
      return EXIT_INCOMPLETE;
    }
    return EXIT_OK;
  },
};
