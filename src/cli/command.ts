import type { Command } from 'commander';
import type { CliIO } from './io.ts';

/** What a command's `run` receives. */
export interface CommandContext {
  /** Positional arguments as commander processed them (defaults applied). */
  args: unknown[];
  /** Parsed options, camel-cased (`--fail-on` → `failOn`). */
  options: Record<string, unknown>;
  io: CliIO;
}

/**
 * One CLI command. Adding a command is one file in src/cli/commands/ exporting a CliCommand and
 * one line in src/cli/commands/index.ts; main.ts needs no change.
 */
export interface CliCommand {
  /** The word after `vigil`. */
  name: string;
  /** One line for `vigil --help`. */
  summary: string;
  /** Declare arguments, options and extra help text on the command main.ts created. */
  configure(command: Command): void;
  /** Do the work; resolve to the exit code. Throw UsageError (or ConfigError) for bad input: exit 2. */
  run(context: CommandContext): Promise<number>;
}
