import { Command, CommanderError } from 'commander';
import { ConfigError } from '../core/config/loader.ts';
import { ScanInputError } from '../core/scan.ts';
import { VERSION } from '../core/version.ts';
import type { CliCommand } from './command.ts';
import { commands as defaultCommands } from './commands/index.ts';
import { EXIT_ERROR, UsageError } from './exit.ts';
import { processIO, type CliIO } from './io.ts';

/**
 * The CLI entry point (bin/vigil.js calls it). Resolves to the exit code and never throws:
 * usage, configuration and scan-input errors print one clear message on stderr and give 2.
 */
export async function main(
  argv: string[],
  io: CliIO = processIO(),
  commands: readonly CliCommand[] = defaultCommands,
): Promise<number> {
  let exitCode = 0;
  const program = new Command('vigil')
    .description('vigil finds security problems in code, dependencies and containers before they merge')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(text.replace(/^error: /, 'vigil: ')),
    });
  program.addHelpText('after', "\nRun `vigil <command> --help` for a command's options. Docs: docs/cli.md");

  for (const cli of commands) {
    const command = program.command(cli.name).description(cli.summary);
    cli.configure(command);
    command.action(async (...actionArgs: unknown[]) => {
      const self = actionArgs.at(-1) as Command;
      exitCode = await cli.run({ args: self.processedArgs, options: self.opts(), io });
    });
  }

  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT_ERROR;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    // --help and --version "exit" with 0; everything else commander rejects is a usage error.
    return error.exitCode === 0 ? 0 : EXIT_ERROR;
  }
  if (error instanceof ConfigError) {
    io.stderr.write(`vigil: configuration error\n${error.message.replace(/^/gm, '  ')}\n`);
    return EXIT_ERROR;
  }
  if (error instanceof UsageError || error instanceof ScanInputError) {
    io.stderr.write(`vigil: ${error.message}\n`);
    return EXIT_ERROR;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`vigil: the scan failed: ${message}\n`);
  if (io.env.VIGIL_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  else io.stderr.write('(set VIGIL_DEBUG=1 to see where)\n');
  return EXIT_ERROR;
}
