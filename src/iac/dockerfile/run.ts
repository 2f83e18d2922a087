import type { Span } from '../rule.ts';
import { positionOf, type Dockerfile, type Instruction, type Stage } from './parse.ts';
import { basename, commandName, parseShell, SHELLS, type ShellCommand, type ShellWord } from './shell.ts';

/** One shell script of a RUN instruction (its shell form, or a heredoc the shell reads). */
export interface RunScript {
  text: string;
  position(offset: number): { line: number; column: number };
}

/** A simple command of a RUN, with the program it runs. */
export interface RunCommand {
  instruction: Instruction;
  script: RunScript;
  command: ShellCommand;
  /** Program basename (`apt-get`), past wrappers such as `sudo`. */
  name: string;
  /** Index in `command.words` of the program. */
  index: number;
}

/** The shell scripts a RUN instruction hands to the shell. */
export function runScripts(instruction: Instruction): RunScript[] {
  if (instruction.keyword !== 'RUN') return [];
  if (instruction.json) {
    // Exec form runs no shell unless it names one (`["sh", "-c", "…"]`); read it as words either way.
    const text = instruction.json.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
    return [{ text, position: () => ({ line: instruction.line, column: instruction.column }) }];
  }
  const scripts: RunScript[] = [
    {
      text: instruction.body,
      position: (offset) => positionOf(instruction, instruction.bodyOffset + offset),
    },
  ];
  const head = instruction.body.replace(/<<-?(["']?)\w+\1/g, '').trim();
  const first = head.split(/\s+/)[0] ?? '';
  if (head === '' || SHELLS.has(basename(first))) {
    for (const heredoc of instruction.heredocs) {
      scripts.push({
        text: heredoc.body,
        position: (offset) => {
          const before = heredoc.body.slice(0, offset);
          const nl = before.lastIndexOf('\n');
          return { line: heredoc.line + (before.match(/\n/g)?.length ?? 0), column: offset - nl };
        },
      });
    }
  }
  return scripts;
}

/** Commands of one instruction, parsed once however many rules ask. */
const parsed = new WeakMap<Instruction, RunCommand[]>();

export function instructionCommands(instruction: Instruction): RunCommand[] {
  let out = parsed.get(instruction);
  if (out) return out;
  out = [];
  for (const script of runScripts(instruction)) {
    for (const command of parseShell(script.text)) {
      const name = commandName(command.words);
      if (name) out.push({ instruction, script, command, name: name.name, index: name.index });
    }
  }
  parsed.set(instruction, out);
  return out;
}

/** Every simple command of every RUN in `stages` (all stages by default). */
export function runCommands(file: Dockerfile, stages: readonly Stage[] = file.stages): RunCommand[] {
  return stages.flatMap((stage) => stage.instructions.flatMap(instructionCommands));
}

/** Where a word of a RUN command is in the Dockerfile. */
export function wordSpan(run: RunCommand, word: ShellWord): Span {
  const start = run.script.position(word.offset);
  const end = run.script.position(word.offset + word.raw.length);
  return end.line === start.line
    ? { line: start.line, column: start.column, endColumn: end.column }
    : { line: start.line, column: start.column };
}

/** Span of a whole command (first word to last), for reports. */
export function commandSpan(run: RunCommand): Span {
  const words = run.command.words;
  const first = wordSpan(run, words[0]!);
  const last = wordSpan(run, words.at(-1)!);
  return last.line === first.line
    ? { line: first.line, column: first.column, ...(last.endColumn ? { endColumn: last.endColumn } : {}) }
    : { line: first.line, column: first.column };
}

/** Span of an instruction's keyword line. */
export function instructionSpan(instruction: Instruction): Span {
  return { line: instruction.line, column: instruction.column };
}

/** Whether a RUN instruction mounts a build cache at `target` (then nothing of it stays in the image). */
export function mountsCache(instruction: Instruction, target: RegExp): boolean {
  return (instruction.flags.get('mount') ?? []).some((m) => /type=cache/.test(m) && target.test(m));
}
