import type { Diagnostic } from '../../core/finding.ts';
import { iacDiagnostic } from '../diagnostic.ts';

/**
 * A Dockerfile parser of our own, following the Dockerfile reference: parser directives
 * (`# escape=`), comments, line continuations (with comment and empty lines inside them dropped,
 * as BuildKit does), heredocs (`RUN <<EOF`, `<<-EOF`, quoted delimiters), `--flag` options, JSON
 * (exec) versus shell form, multi-stage `FROM … AS name`, and `ARG` before the first `FROM`.
 * It never throws: anything it cannot make sense of becomes a diagnostic naming the line.
 */

/** Where a slice of an instruction's argument text came from: args offset → source line/column. */
export interface Segment {
  offset: number;
  line: number;
  /** 1-based column of the segment's first character in the source line. */
  column: number;
}

export interface Heredoc {
  delimiter: string;
  /** Line of the first body line (the body may be empty). */
  line: number;
  body: string;
}

export interface Instruction {
  /** Upper-cased keyword: FROM, RUN, COPY… */
  keyword: string;
  /** 1-based first and last source line (heredoc bodies included). */
  line: number;
  endLine: number;
  /** 1-based column of the keyword. */
  column: number;
  /** Argument text after the keyword, continuations joined, flags included. */
  args: string;
  segments: Segment[];
  /** Leading `--name=value` / `--name` options (value `''` when bare). */
  flags: Map<string, string[]>;
  /** Offset in `args` where the text after the flags starts. */
  bodyOffset: number;
  /** Arguments after the flags. */
  body: string;
  /** The exec (JSON array) form, when the body is one. */
  json?: string[];
  heredocs: Heredoc[];
  /** Index of the stage the instruction belongs to (-1 before the first FROM). */
  stage: number;
}

export interface Stage {
  index: number;
  from: Instruction;
  /** Image reference as written (after the flags), e.g. `node:${NODE}`. */
  image: string;
  /** Image with ARG defaults substituted; undefined when a variable has no known value. */
  resolvedImage?: string;
  /** The variables `resolvedImage` needed, in order (for messages). */
  imageVariables: string[];
  alias?: string;
  /** Index of the earlier stage this one builds on (`FROM builder`), if any. */
  parent?: number;
  instructions: Instruction[];
}

export interface Dockerfile {
  path: string;
  text: string;
  lines: string[];
  escape: '\\' | '`';
  instructions: Instruction[];
  stages: Stage[];
  /** `ARG` defaults declared before the first FROM (global scope). */
  globalArgs: Map<string, string | undefined>;
  diagnostics: Diagnostic[];
}

/** Bigger files are refused: real Dockerfiles are a few kilobytes. */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024;

const KEYWORDS = new Set(
  'ADD ARG CMD COPY ENTRYPOINT ENV EXPOSE FROM HEALTHCHECK LABEL MAINTAINER ONBUILD RUN SHELL STOPSIGNAL USER VOLUME WORKDIR'.split(
    ' ',
  ),
);
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
const DIRECTIVE_HEAD = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * A parser directive line (`# escape=\``): its name and its value, trimmed. What
 * `/^#\s*(name)\s*=\s*(.+?)\s*$/` matched, without its lazy value before `\s*$`, which is
 * quadratic in a run of blanks.
 */
function directive(line: string): [name: string, value: string] | undefined {
  const head = DIRECTIVE_HEAD.exec(line);
  if (!head) return undefined;
  const rest = line.slice(head[0].length);
  const value = rest.trim();
  if (value) return LINE_BREAK.test(value) ? undefined : [head[1]!, value];
  // Only blanks after `=`: the value is the last one that is not a line break.
  for (let k = rest.length - 1; k >= 0; k--) if (!LINE_BREAK.test(rest[k]!)) return [head[1]!, rest[k]!];
  return undefined;
}
const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

/** Parse one Dockerfile's text. */
export function parseDockerfile(path: string, text: string): Dockerfile {
  const file: Dockerfile = {
    path,
    text,
    lines: [],
    escape: '\\',
    instructions: [],
    stages: [],
    globalArgs: new Map(),
    diagnostics: [],
  };
  if (Buffer.byteLength(text, 'utf8') > MAX_DOCKERFILE_BYTES) {
    file.diagnostics.push(
      iacDiagnostic(
        path,
        undefined,
        `skipped: Dockerfile larger than ${MAX_DOCKERFILE_BYTES} bytes`,
        'warning',
      ),
    );
    return file;
  }
  const nul = text.indexOf('\u0000');
  const replacement = (text.match(/\uFFFD/g) ?? []).length;
  if (nul !== -1 || replacement > 8) {
    const at = nul !== -1 ? nul : text.indexOf('\uFFFD');
    const line = text.slice(0, at).split('\n').length;
    file.diagnostics.push(iacDiagnostic(path, line, 'not a Dockerfile: binary content', 'error'));
    return file;
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  file.lines = lines;

  let i = 0;
  // Parser directives: only at the very top, before any comment, blank line or instruction.
  for (; i < lines.length; i++) {
    const m = directive(lines[i]!);
    if (!m) break;
    if (m[0].toLowerCase() === 'escape') {
      if (m[1] === '\\' || m[1] === '`') file.escape = m[1];
      else
        file.diagnostics.push(
          iacDiagnostic(
            path,
            i + 1,
            `invalid escape directive "${m[1]}": only \\ and \` are allowed`,
            'warning',
          ),
        );
    }
  }

  const continuation = new RegExp(`${file.escape === '\\' ? '\\\\' : '`'}[ \\t]*$`);
  let stage = -1;
  let misplaced: Instruction | undefined;
  while (i < lines.length) {
    const first = lines[i]!;
    const trimmed = first.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    const startLine = i + 1;
    const column = first.length - trimmed.length + 1;
    const km = /^(\S+)/.exec(trimmed)!;
    const keyword = km[1]!.toUpperCase();
    // Argument text: the rest of this line plus continuation lines, comment/blank lines dropped.
    let args = '';
    const segments: Segment[] = [];
    const afterKeyword = trimmed.slice(km[1]!.length);
    let lineText = afterKeyword.replace(/^[ \t]+/, '');
    let lineColumn = column + km[1]!.length + (afterKeyword.length - lineText.length);
    let lineNo = i;
    for (;;) {
      const cont = continuation.exec(lineText);
      const part = cont ? lineText.slice(0, cont.index) : lineText;
      segments.push({ offset: args.length, line: lineNo + 1, column: lineColumn });
      args += part;
      if (!cont) break;
      lineNo++;
      while (lineNo < lines.length && /^\s*(#.*)?$/.test(lines[lineNo]!)) lineNo++;
      if (lineNo >= lines.length) break;
      lineText = lines[lineNo]!;
      lineColumn = 1;
    }
    i = lineNo + 1;

    const instruction = buildInstruction(keyword, startLine, column, args, segments, stage);
    if (HEREDOC_KEYWORDS.has(keyword)) {
      for (const m of instruction.body.matchAll(HEREDOC)) {
        const strip = m[1] === '-';
        const delimiter = m[3]!;
        const bodyStart = i;
        const body: string[] = [];
        let closed = false;
        for (; i < lines.length; i++) {
          const l = strip ? lines[i]!.replace(/^\t+/, '') : lines[i]!;
          if (l === delimiter) {
            closed = true;
            i++;
            break;
          }
          body.push(l);
        }
        if (!closed)
          file.diagnostics.push(
            iacDiagnostic(path, startLine, `heredoc <<${delimiter} is never closed`, 'warning'),
          );
        instruction.heredocs.push({ delimiter, line: bodyStart + 1, body: body.join('\n') });
      }
    }
    instruction.endLine = Math.max(lineNo + 1, i);
    if (instruction.heredocs.length) instruction.endLine = i;

    if (!KEYWORDS.has(keyword)) {
      file.diagnostics.push(
        iacDiagnostic(path, startLine, `unknown instruction "${km[1]!.slice(0, 40)}"`, 'warning'),
      );
      continue;
    }
    if (keyword === 'FROM') {
      stage = file.stages.length;
      instruction.stage = stage;
      file.stages.push(makeStage(file, instruction, stage));
    } else if (stage === -1 && keyword === 'ARG') {
      for (const [name, value] of argDeclarations(instruction.body)) file.globalArgs.set(name, value);
    } else if (stage === -1) {
      misplaced ??= instruction;
    }
    file.instructions.push(instruction);
    if (stage >= 0) file.stages[stage]!.instructions.push(instruction);
  }
  // A file without FROM is usually a fragment a tool assembles into a Dockerfile: one note, not one per line.
  if (file.stages.length === 0 && file.instructions.length > 0)
    file.diagnostics.push(
      iacDiagnostic(path, undefined, 'no FROM instruction (a fragment?): not checked', 'note'),
    );
  else if (misplaced)
    file.diagnostics.push(
      iacDiagnostic(path, misplaced.line, `${misplaced.keyword} before the first FROM`, 'warning'),
    );
  return file;
}

function buildInstruction(
  keyword: string,
  line: number,
  column: number,
  args: string,
  segments: Segment[],
  stage: number,
): Instruction {
  const flags = new Map<string, string[]>();
  let at = 0;
  for (;;) {
    const m = /^--([A-Za-z][\w-]*)(?:=(\S*))?[ \t]*/.exec(args.slice(at));
    if (!m) break;
    const name = m[1]!.toLowerCase();
    flags.set(name, [...(flags.get(name) ?? []), m[2] ?? '']);
    at += m[0].length;
  }
  const body = args.slice(at);
  const instruction: Instruction = {
    keyword,
    line,
    endLine: line,
    column,
    args,
    segments,
    flags,
    bodyOffset: at,
    body,
    heredocs: [],
    stage,
  };
  if (body.trimStart().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) instruction.json = parsed;
    } catch {
      // Not JSON: Docker runs it in shell form, and so do we.
    }
  }
  return instruction;
}

function makeStage(file: Dockerfile, from: Instruction, index: number): Stage {
  const words = from.body.trim().split(/\s+/);
  const image = words[0] ?? '';
  const alias = words.length >= 3 && words[1]!.toLowerCase() === 'as' ? words[2]!.toLowerCase() : undefined;
  const expanded = expandVariables(image, file.globalArgs);
  const parent = file.stages.findIndex(
    (s) => s.alias !== undefined && s.alias === (expanded.text ?? image).toLowerCase(),
  );
  return {
    index,
    from,
    image,
    ...(expanded.text !== undefined ? { resolvedImage: expanded.text } : {}),
    imageVariables: expanded.variables,
    ...(alias ? { alias } : {}),
    ...(parent !== -1 ? { parent } : {}),
    instructions: [],
  };
}

/** `ARG A=1 B` → [[A, '1'], [B, undefined]] (quotes removed). */
export function argDeclarations(body: string): [string, string | undefined][] {
  return shellWords(body).map((word) => {
    const eq = word.indexOf('=');
    return eq === -1 ? [word, undefined] : [word.slice(0, eq), word.slice(eq + 1)];
  });
}

/** `ENV A=1 B="two words"` or the legacy `ENV A one value` → name/value pairs with the value's offset in the body. */
export function envDeclarations(body: string): { name: string; value: string; offset: number }[] {
  const legacy = /^\s*([A-Za-z_][\w.-]*)\s+(?![^\s=]*=)(.*)$/s.exec(body);
  if (legacy && !/^\s*[^\s=]+=/.test(body)) {
    return [{ name: legacy[1]!, value: legacy[2]!.trim(), offset: body.indexOf(legacy[2]!) }];
  }
  const out: { name: string; value: string; offset: number }[] = [];
  for (const word of shellWordsWithOffsets(body)) {
    const eq = word.raw.indexOf('=');
    if (eq === -1) continue;
    out.push({
      name: word.raw.slice(0, eq),
      value: unquote(word.raw.slice(eq + 1)),
      offset: word.offset + eq + 1,
    });
  }
  return out;
}

function unquote(raw: string): string {
  return shellWords(raw)[0] ?? '';
}

/**
 * Whitespace-separated words honouring quotes and backslashes, quotes removed: how ENV, ARG and
 * ADD split their arguments (unlike a shell, they know no `;`, `|` or `&&`).
 */
export function shellWords(text: string): string[] {
  return shellWordsWithOffsets(text).map((w) => w.value);
}

function shellWordsWithOffsets(text: string): { raw: string; value: string; offset: number }[] {
  const out: { raw: string; value: string; offset: number }[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const start = i;
    let value = '';
    while (i < text.length && !/\s/.test(text[i]!)) {
      const c = text[i]!;
      if (c === "'" || c === '"') {
        const close = text.indexOf(c, i + 1);
        const end = close === -1 ? text.length : close;
        value += text.slice(i + 1, end);
        i = end + 1;
      } else if (c === '\\' && i + 1 < text.length) {
        value += text[i + 1];
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
    out.push({ raw: text.slice(start, Math.min(i, text.length)), value, offset: start });
  }
  return out;
}

/**
 * Substitute `$NAME`, `${NAME}`, `${NAME:-default}` and `${NAME:+alt}` from `vars`. `text` is
 * undefined when a variable has no known value (and no default in the expression).
 */
export function expandVariables(
  input: string,
  vars: ReadonlyMap<string, string | undefined>,
): { text?: string; variables: string[] } {
  const variables: string[] = [];
  let unknown = false;
  // A `${NAME:-…` with no `}` after it cannot match, and scanning for one from every `$` is
  // quadratic: after the last `}`, only bare `$NAME` can match.
  const end = input.lastIndexOf('}') + 1;
  const substitute = (
    _: string,
    braced: string | undefined,
    op: string | undefined,
    word: string | undefined,
    bare: string | undefined,
  ) => {
    const name = (braced ?? bare)!;
    variables.push(name);
    const value = vars.get(name);
    if (op === '-') return value ? value : (word ?? '');
    if (op === '+') return value ? (word ?? '') : '';
    if (value === undefined) unknown = true;
    return value ?? '';
  };
  const text =
    input.slice(0, end).replace(/\$(?:\{([A-Za-z_]\w*)(?::?([-+])([^}]*))?\}|([A-Za-z_]\w*))/g, substitute) +
    input
      .slice(end)
      .replace(/\$([A-Za-z_]\w*)/g, (whole, bare: string) =>
        substitute(whole, undefined, undefined, undefined, bare),
      );
  return unknown ? { variables } : { text, variables };
}

/** Source position (1-based line and column) of an offset into an instruction's `args`. */
export function positionOf(instruction: Instruction, offset: number): { line: number; column: number } {
  let seg = instruction.segments[0]!;
  for (const s of instruction.segments) {
    if (s.offset <= offset) seg = s;
    else break;
  }
  return { line: seg.line, column: seg.column + (offset - seg.offset) };
}

/** The stages whose instructions end up in the final image: the last stage and the stages it builds on. */
export function finalStageChain(file: Dockerfile): Stage[] {
  const chain: Stage[] = [];
  let stage = file.stages.at(-1);
  const seen = new Set<number>();
  while (stage && !seen.has(stage.index)) {
    seen.add(stage.index);
    chain.unshift(stage);
    stage = stage.parent === undefined ? undefined : file.stages[stage.parent];
  }
  return chain;
}
