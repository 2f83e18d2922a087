import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Argument, type Command } from 'commander';
import { AdvisoryDatabase, type ImportResult } from '../../sca/osv/db.ts';
import { DEFAULT_EXPORT_ECOSYSTEMS, OSV_EXPORTS_URL, updateEcosystem } from '../../sca/osv/exports.ts';
import { defaultCacheDir } from '../../core/cache-dir.ts';
import { databasePath } from '../../sca/osv/source.ts';
import type { CliCommand } from '../command.ts';
import { EXIT_ERROR, EXIT_OK, UsageError } from '../exit.ts';
import type { CliIO } from '../io.ts';
import { collect } from '../options.ts';

const EXAMPLES = `
Examples:
  $ vigil db update                              download OSV's npm, PyPI, Go, crates.io, RubyGems and Packagist exports
  $ vigil db update --ecosystem npm --ecosystem "Debian:12"
  $ vigil db import ~/Downloads/npm-all.zip      an OSV export archive
  $ vigil db import ./advisories/                a folder of OSV JSON records
  $ vigil db status

The database lives at $VIGIL_CACHE_DIR/osv.db (default ~/.cache/vigil/osv.db); \`vigil scan --offline\`
matches against it and never touches the network.`;

function summarise(io: CliIO, what: string, r: ImportResult): void {
  io.stderr.write(
    `vigil db: ${what}: ${r.imported} records imported${r.skipped ? `, ${r.skipped} skipped` : ''}\n`,
  );
  for (const d of r.diagnostics) io.stderr.write(`  skipped ${d.path}: ${d.message}\n`);
  if (r.skipped > r.diagnostics.length) io.stderr.write(`  … and ${r.skipped - r.diagnostics.length} more\n`);
}

export const dbCommand: CliCommand = {
  name: 'db',
  summary: 'manage the offline OSV advisory database (import, update, status)',
  configure(command: Command) {
    command
      .addArgument(new Argument('<action>', 'what to do').choices(['import', 'update', 'status']))
      .argument('[source]', 'for import: an OSV all.zip or a directory of OSV JSON records')
      .option(
        '--database <path>',
        'database file, or a directory to hold osv.db (default: <cache dir>/osv.db)',
      )
      .option('--cache-dir <dir>', 'cache directory (default: $VIGIL_CACHE_DIR, else ~/.cache/vigil)')
      .option('--ecosystem <name>', 'for update: an OSV ecosystem to download (repeatable)', collect)
      .option('--source-url <url>', `for update: where the exports are (default ${OSV_EXPORTS_URL})`)
      .option('-q, --quiet', 'no progress output')
      .addHelpText('after', EXAMPLES);
  },
  async run({ args, options, io }) {
    const action = String(args[0]);
    const cacheDir =
      typeof options.cacheDir === 'string' ? resolve(io.cwd, options.cacheDir) : defaultCacheDir(io.env);
    const path = databasePath({
      cacheDir,
      ...(typeof options.database === 'string' ? { database: resolve(io.cwd, options.database) } : {}),
    });
    const quiet = options.quiet === true;

    if (action === 'status') {
      if (!existsSync(path)) {
        io.stderr.write(
          `vigil db: no database at ${path}; run \`vigil db update\` or \`vigil db import <all.zip|dir>\`\n`,
        );
        return EXIT_ERROR;
      }
      const db = AdvisoryDatabase.open(path, { readOnly: true });
      try {
        const s = db.status();
        io.stdout.write(`${s.path}\n${s.records} records (${s.withdrawn} withdrawn)\n`);
        for (const [eco, n] of Object.entries(s.ecosystems)) io.stdout.write(`  ${eco}: ${n}\n`);
        for (const [source, at] of Object.entries(s.imports)) io.stdout.write(`imported ${at}  ${source}\n`);
      } finally {
        db.close();
      }
      return EXIT_OK;
    }

    if (action === 'import') {
      if (args[1] === undefined)
        throw new UsageError('db import: name an OSV all.zip or a directory of OSV records');
      const source = resolve(io.cwd, String(args[1]));
      if (!existsSync(source)) throw new UsageError(`db import: ${source} does not exist`);
      const db = AdvisoryDatabase.open(path, { create: true });
      try {
        const progress = quiet
          ? undefined
          : (n: number) => n % 10000 === 0 && io.stderr.write(`  ${n} records…\n`);
        const result = statSync(source).isDirectory()
          ? await db.importDirectory(source, progress)
          : await db.importZip(source, progress);
        summarise(io, source, result);
      } catch (error) {
        io.stderr.write(`vigil db: ${(error as Error).message}\n`);
        return EXIT_ERROR;
      } finally {
        db.close();
      }
      return EXIT_OK;
    }

    // update
    const ecosystems = (options.ecosystem as string[] | undefined) ?? DEFAULT_EXPORT_ECOSYSTEMS;
    const baseUrl = typeof options.sourceUrl === 'string' ? options.sourceUrl : OSV_EXPORTS_URL;
    const db = AdvisoryDatabase.open(path, { create: true });
    let failed = 0;
    try {
      for (const eco of ecosystems) {
        if (!quiet) io.stderr.write(`vigil db: downloading ${eco}…\n`);
        try {
          const r = await updateEcosystem(db, eco, { baseUrl });
          summarise(io, `${eco} (${(r.bytes / 1024 / 1024).toFixed(1)} MiB)`, r);
        } catch (error) {
          failed++;
          io.stderr.write(`vigil db: ${eco}: ${(error as Error).message}\n`);
        }
      }
    } finally {
      db.close();
    }
    return failed === 0 ? EXIT_OK : EXIT_ERROR;
  },
};
