import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { WalkedFile } from '../../core/scanner.ts';
import { walk } from '../../core/walker.ts';
import { collectInventory, INVENTORY_FILE_GLOBS, walkInventoryFiles } from '../../sca/inventory.ts';
import { MAX_LOCKFILE_BYTES } from '../../sca/lockfiles/text.ts';
import { ReachabilityJudge } from '../../sca/reachability/index.ts';
import type { Reachability } from '../../sca/reachability/types.ts';
import { buildSbom } from '../../sca/sbom.ts';
import type { LockfileInventory, Package } from '../../sca/types.ts';
import { buildSpdx } from '../../sca/spdx.ts';
import type { CliCommand } from '../command.ts';
import { EXIT_OK, UsageError } from '../exit.ts';

const EXAMPLES = `
Examples:
  $ vigil sbom                          CycloneDX 1.6 JSON of every lockfile under . on stdout
  $ vigil sbom services/api -o sbom.cdx.json
  $ vigil sbom --format spdx-json -o sbom.spdx.json   SPDX 2.3 JSON instead

Unreadable lockfiles are reported on stderr; the SBOM lists everything else.`;

/**
 * Each package's verdict from the tree's own imports, as the SCA scanner judges findings, with no
 * advisory in view: imported by production code, or not.
 */
function componentReachability(
  files: WalkedFile[],
  inventories: readonly LockfileInventory[],
): (pkg: Package) => Reachability {
  const judge = new ReachabilityJudge(
    { files, config: {} },
    inventories.flatMap((i) => i.packages),
  );
  return (pkg) => judge.component(pkg);
}

export const sbomCommand: CliCommand = {
  name: 'sbom',
  summary: 'write every dependency in every lockfile as a CycloneDX 1.6 or SPDX 2.3 SBOM (JSON)',
  configure(command: Command) {
    command
      .argument('[path]', 'directory to inventory', '.')
      .option('-o, --output <file>', 'write the SBOM to this file instead of stdout')
      .addOption(
        new Option('-f, --format <format>', 'SBOM format')
          .choices(['cyclonedx', 'spdx-json'])
          .default('cyclonedx'),
      )
      .option(
        '--no-reachability',
        "leave out each package's reachability (read from the project's own imports)",
      )
      .addHelpText('after', EXAMPLES);
  },
  async run({ args, options, io }) {
    const root = resolve(io.cwd, String(args[0] ?? '.'));
    const reachability = options.reachability !== false;
    let walked;
    try {
      // One walk: with reachability, every source file as the scan takes it, lockfiles at their own cap.
      walked = reachability
        ? await walk(root, {
            largeFiles: [{ include: INVENTORY_FILE_GLOBS, maxFileSize: MAX_LOCKFILE_BYTES }],
          })
        : await walkInventoryFiles(root);
    } catch (e) {
      throw new UsageError(`cannot read ${root}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const inventory = await collectInventory(root, walked.files);
    for (const d of inventory.diagnostics) {
      if (d.level === 'error') io.stderr.write(`vigil sbom: ${d.message}\n`);
    }
    const sbomOptions = {
      name: basename(root),
      ...(reachability ? { reachability: componentReachability(walked.files, inventory.inventories) } : {}),
    };
    const bom =
      options.format === 'spdx-json'
        ? buildSpdx(inventory.inventories, sbomOptions)
        : buildSbom(inventory.inventories, sbomOptions);
    const json = `${JSON.stringify(bom, null, 2)}\n`;
    if (typeof options.output === 'string') {
      await writeFile(resolve(io.cwd, options.output), json);
      const n = inventory.inventories.length;
      io.stderr.write(
        `vigil sbom: ${'packages' in bom ? bom.packages.length - 1 : bom.components.length} components from ${n} lockfile${n === 1 ? '' : 's'} written to ${options.output}\n`,
      );
    } else io.stdout.write(json);
    return EXIT_OK;
  },
};
