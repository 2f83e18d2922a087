/**
 * Just enough of POSIX shell to read a RUN line: simple commands with their words (quotes
 * removed) and offsets, grouped into pipelines. Command substitutions and process substitutions
 * stay inside their word verbatim; `sh -c '…'` strings are read as scripts of their own. This
 * is a reader for rules, not an interpreter: anything it does not understand stays a plain word.
 */

export interface ShellWord {
  value: string;
  /** Offset of the word's first character in the script. */
  offset: number;
  /** The source text of the word, quotes included. */
  raw: string;
}

export interface ShellCommand {
  words: ShellWord[];
  /** Commands of one pipeline (`a | b | c`) share this id. */
  pipeline: number;
  /** Position in its pipeline, 0 for the first. */
  stage: number;
}

/** `sh -c` strings nested deeper than this are left as words. */
const MAX_NESTING = 3;
/** Prefixes that run the command that follows them. */
const WRAPPERS = new Set(['sudo', 'env', 'exec', 'nohup', 'time', 'command', 'nice', 'xargs']);
export const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'busybox']);

/** Parse a shell script into commands. */
export function parseShell(script: string): ShellCommand[] {
  const out: ShellCommand[] = [];
  readScript(script, 0, 0, out, { next: 0 });
  return out;
}

function readScript(
  script: string,
  base: number,
  depth: number,
  out: ShellCommand[],
  ids: { next: number },
): void {
  let words: ShellWord[] = [];
  let pipeline = ids.next++;
  let stage = 0;
  let i = 0;
  const endCommand = (pipe: boolean) => {
    if (words.length) {
      out.push({ words, pipeline, stage });
      if (depth < MAX_NESTING) readNested(words, depth, out, ids);
    }
    words = [];
    if (pipe) stage++;
    else {
      pipeline = ids.next++;
      stage = 0;
    }
  };
  while (i < script.length) {
    const c = script[i]!;
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '\n' || c === ';' || c === '(' || c === ')') {
      endCommand(false);
      i++;
    } else if (c === '&') {
      endCommand(false);
      i += script[i + 1] === '&' ? 2 : 1;
    } else if (c === '|') {
      if (script[i + 1] === '|') {
        endCommand(false);
        i += 2;
      } else {
        endCommand(true);
        i += script[i + 1] === '&' ? 2 : 1;
      }
    } else if (c === '#') {
      while (i < script.length && script[i] !== '\n') i++;
    } else if (c === '\\' && script[i + 1] === '\n') {
      i += 2;
    } else if ((c === '>' || c === '<') && script[i + 1] !== '(') {
      // A redirection: neither its operator nor its target (a file, fd or heredoc word) is a word of the command.
      i++;
      while (script[i] === '>' || script[i] === '&' || script[i] === '<' || script[i] === '-') i++;
      while (script[i] === ' ' || script[i] === '\t') i++;
      if (i < script.length && !/[\n;&|()]/.test(script[i]!)) i = readWord(script, i).end;
    } else {
      const word = readWord(script, i);
      words.push({ value: word.value, offset: base + i, raw: script.slice(i, word.end) });
      i = word.end;
    }
  }
  endCommand(false);
}

/** `sh -c 'script'` / `bash -ec "…"`: the string is a script too. */
function readNested(words: ShellWord[], depth: number, out: ShellCommand[], ids: { next: number }): void {
  const name = commandName(words);
  if (!name || !SHELLS.has(name.name)) return;
  for (let k = name.index + 1; k < words.length - 1; k++) {
    const w = words[k]!;
    if (/^-[a-z]*c[a-z]*$/.test(w.value)) {
      const arg = words[k + 1]!;
      const quoted = arg.raw.startsWith('"') || arg.raw.startsWith("'");
      readScript(arg.value, arg.offset + (quoted ? 1 : 0), depth + 1, out, ids);
      return;
    }
  }
}

function readWord(script: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start;
  while (i < script.length) {
    const c = script[i]!;
    if (/[\s;&|()<>]/.test(c)) {
      // `<(`…`)` / `>(`…`)` at a word start is a process substitution: keep it whole.
      if ((c === '<' || c === '>') && script[i + 1] === '(' && i === start) {
        const end = balanced(script, i + 1);
        value += script.slice(i, end);
        i = end;
        continue;
      }
      break;
    }
    if (c === "'") {
      const close = script.indexOf("'", i + 1);
      const end = close === -1 ? script.length : close;
      value += script.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      while (i < script.length && script[i] !== '"') {
        if (script[i] === '\\' && i + 1 < script.length) {
          value += script[i + 1];
          i += 2;
        } else if (script[i] === '$' && script[i + 1] === '(') {
          const end = balanced(script, i + 1);
          value += script.slice(i, end);
          i = end;
        } else value += script[i++];
      }
      i++;
    } else if (c === '\\' && i + 1 < script.length) {
      if (script[i + 1] !== '\n') value += script[i + 1];
      i += 2;
    } else if (c === '$' && script[i + 1] === '(') {
      const end = balanced(script, i + 1);
      value += script.slice(i, end);
      i = end;
    } else if (c === '`') {
      const close = script.indexOf('`', i + 1);
      const end = close === -1 ? script.length : close + 1;
      value += script.slice(i, end);
      i = end;
    } else {
      value += c;
      i++;
    }
  }
  return { value, end: Math.min(i, script.length) };
}

/** End offset (exclusive) of the parenthesised group opening at `open`. */
function balanced(script: string, open: number): number {
  let depth = 0;
  for (let i = open; i < script.length; i++) {
    const c = script[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
    else if (c === "'") {
      const close = script.indexOf("'", i + 1);
      if (close === -1) return script.length;
      i = close;
    }
  }
  return script.length;
}

/**
 * The program a command runs, past variable assignments and wrappers (`sudo -u x`, `env A=b`),
 * as a basename (`/usr/bin/curl` → `curl`), with the index of its word.
 */
export function commandName(words: readonly ShellWord[]): { name: string; index: number } | undefined {
  let k = 0;
  while (k < words.length) {
    const v = words[k]!.value;
    if (/^[A-Za-z_]\w*=/.test(v)) k++;
    else if (WRAPPERS.has(basename(v))) {
      k++;
      // Options of the wrapper, and `sudo -u user`'s argument.
      while (
        k < words.length &&
        (words[k]!.value.startsWith('-') || /^[A-Za-z_]\w*=/.test(words[k]!.value))
      ) {
        if (/^-[ugCDhpRrTt]$/.test(words[k]!.value)) k++;
        k++;
      }
    } else return { name: basename(v), index: k };
  }
  return undefined;
}

export function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** Words after the program that are not options, e.g. packages of `apt-get install -y a b`. */
export function operands(
  words: readonly ShellWord[],
  from: number,
  optionsWithValue: ReadonlySet<string>,
): ShellWord[] {
  const out: ShellWord[] = [];
  for (let k = from; k < words.length; k++) {
    const v = words[k]!.value;
    if (v.startsWith('-')) {
      if (optionsWithValue.has(v)) k++;
      continue;
    }
    out.push(words[k]!);
  }
  return out;
}
