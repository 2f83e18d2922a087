import { createRequire } from 'node:module';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type * as OxcModule from 'oxc-parser';
import { loadEstree } from './estree-loader.ts';
import { loadFlowRemoveTypes } from './flow-loader.ts';

export const SAST_EXTENSIONS = [
  '.js',
  '.jsx',
  '.mjs',
  '.cjs',
  '.ts',
  '.tsx',
  '.mts',
  '.cts',
  // Single-file components: their script blocks and template sinks (components.ts).
  '.vue',
  '.svelte',
] as const;

/** Declaration files (`.d.ts`, `.d.mts`, `.d.cts`) hold types only: nothing to run, nothing to flag. */
export function isSastFile(path: string): boolean {
  return SAST_EXTENSIONS.some((ext) => path.endsWith(ext)) && !/\.d\.[mc]?ts$/.test(path);
}

export class ParseError extends Error {
  readonly path: string;
  readonly line?: number;
  constructor(path: string, message: string, line?: number) {
    super(line ? `${path}:${line}: ${message}` : `${path}: ${message}`);
    this.path = path;
    this.line = line;
  }
}

/**
 * Parse one file into a TSESTree-shaped Program with `range` on every node (no `loc`: findings
 * compute lines from ranges when they are reported).
 *
 * Oxc parses first: a native parser whose TypeScript-shaped output matches typescript-estree's node
 * for node, about seven times faster. Whatever Oxc rejects goes to typescript-estree, which accepts
 * more (a `// @flow` header, `return` at the top of a CommonJS script) and words the error the way
 * TypeScript users know it. typescript-estree alone serves where Oxc's native binding is missing,
 * and for a text too long for this thread's stack (see `OXC_STACK_BYTES_PER_CHAR`).
 */
export function parseSource(path: string, text: string, lang: Lang = langOf(path)): TSESTree.Program {
  const oxcFits = fitsOxc(text);
  const parsed = oxcFits ? parseWithOxc(path, text, lang) : undefined;
  if (parsed) return parsed;
  // A component's JavaScript block may hold JSX after all (Vue 2 render functions, Babel's Vue JSX).
  if (lang === 'js') return parseSource(path, text, 'jsx');
  // Flow before typescript-estree: loading TypeScript takes longer (0.46 s) than parsing hundreds of
  // files, and a Flow file is the commonest text Oxc rejects.
  const stripped = oxcFits ? withoutFlowTypes(path, text) : undefined;
  const flow = stripped !== undefined && stripped !== text ? parseWithOxc(path, stripped, lang) : undefined;
  if (flow) return flow;
  try {
    return parseWithEstree(path, text, lang);
  } catch (error) {
    const retry = error instanceof ParseError ? (stripped ?? withoutFlowTypes(path, text)) : undefined;
    // Nothing stripped: the same text would fail the same way.
    if (retry === undefined || retry === text) throw error;
    try {
      return parseWithEstree(path, retry, lang);
    } catch {
      throw error;
    }
  }
}

/** Does a short text parse as a program in `lang` (Oxc's verdict, typescript-estree's without it)? */
export function isCode(text: string, lang: Lang): boolean {
  const parser = fitsOxc(text) ? loadOxc() : null;
  if (parser)
    return parser.parseSync(`code.${lang}`, text, { lang, sourceType: 'module' }).errors.length === 0;
  try {
    parseWithEstree(`code.${lang}`, text, lang);
    return true;
  } catch {
    return false;
  }
}

/**
 * A JavaScript file with Flow annotations (`x: number`, `import type`, `{| |}`), which neither
 * parser reads, as plain JavaScript: flow-remove-types blanks the annotations with spaces, so every
 * position, line and comment stays where it was. Undefined when it is not Flow either.
 */
function withoutFlowTypes(path: string, text: string): string | undefined {
  if (!/\.(?:[cm]?js|jsx)$/.test(path)) return undefined;
  try {
    const out = loadFlowRemoveTypes()(text, { all: true }).toString();
    return out.length === text.length ? out : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Oxc's parser recurses on the native stack with no depth guard, and a native stack overflow is a
 * segmentation fault that kills the process (oxc-project/oxc#24375): try/catch cannot help. Nesting
 * depth is bounded by the text's length, so a text goes to Oxc only when the thread's stack holds
 * the deepest nesting that many characters could spell. The worst shape measured (`let x: [[[…]]]`)
 * took 470 bytes of stack per character (bench/sast/oxc-stack.ts); this allows twice that.
 */
export const OXC_STACK_BYTES_PER_CHAR = 1024;

/** Does this thread parse the text with Oxc (its binding loads, its stack holds the text's nesting)? */
export function parsesNatively(text: string): boolean {
  return fitsOxc(text) && loadOxc() !== null;
}

/** Can Oxc parse a text this long on this thread's stack, however deep its nesting? */
function fitsOxc(text: string): boolean {
  return text.length * OXC_STACK_BYTES_PER_CHAR + STACK_RESERVE_BYTES <= threadStackBytes;
}

/** Stack left for the frames above the parser and for typescript-estree's fallback. */
export const STACK_RESERVE_BYTES = 2 * 1024 * 1024;

/**
 * The native stack of the thread parsing. Unknown in general (a main thread's is `ulimit -s`, a
 * default worker's 4 MB): 4 MB is assumed until the thread declares its own. The SAST workers are
 * started with a stack sized for their longest text (`stackBytesFor`) and declare it.
 */
let threadStackBytes = 4 * 1024 * 1024;

export function declareThreadStack(bytes: number): void {
  threadStackBytes = bytes;
}

/** The stack a thread needs for Oxc to parse texts up to `longest` characters long. */
export function stackBytesFor(longest: number): number {
  return longest * OXC_STACK_BYTES_PER_CHAR + STACK_RESERVE_BYTES;
}

type Oxc = typeof OxcModule;

let oxc: Oxc | null | undefined;
let rawTransfer = false;

function loadOxc(): Oxc | null {
  if (oxc === undefined) {
    try {
      oxc = createRequire(import.meta.url)('oxc-parser') as Oxc;
      // Raw transfer hands the AST over as one buffer instead of JSON: a third of the time.
      rawTransfer = oxc.rawTransferSupported();
    } catch {
      oxc = null;
    }
  }
  return oxc;
}

/** The syntax a text is parsed as: `js` (no JSX) is a Vue or Svelte script block's. */
export type Lang = 'js' | 'jsx' | 'ts' | 'tsx';

function langOf(path: string): Lang {
  // JSX is on for plain .js too (React code often lives there); .ts cannot hold JSX because
  // `<T>x` casts would be ambiguous.
  if (/\.[mc]?ts$/.test(path)) return 'ts';
  return path.endsWith('.tsx') ? 'tsx' : 'jsx';
}

function parseWithOxc(path: string, text: string, lang: Lang): TSESTree.Program | undefined {
  const parser = loadOxc();
  if (!parser) return undefined;
  // `experimentalRawTransfer` is not in the published option types yet.
  const options: Parameters<Oxc['parseSync']>[2] & { experimentalRawTransfer: boolean } = {
    lang,
    sourceType: 'unambiguous',
    astType: 'ts',
    range: true,
    preserveParens: false,
    experimentalRawTransfer: rawTransfer,
  };
  let result;
  try {
    result = parser.parseSync(path, text, options);
  } catch {
    return undefined;
  }
  if (result.errors.length > 0) return undefined;
  const ast = result.program as unknown as TSESTree.Program;
  // typescript-estree's word for CommonJS; scope analysis knows only 'script' and 'module'.
  if ((ast.sourceType as string) === 'commonjs') ast.sourceType = 'script';
  const comments = result.comments as unknown as Array<TSESTree.Comment & { start: number; end: number }>;
  for (const c of comments) c.range ??= [c.start, c.end];
  ast.comments = comments;
  return ast;
}

/**
 * typescript-estree's options as vigil parses: locations and ranges (turning either off costs more:
 * typescript-estree computes both, then deletes them from every node); no JSDoc (no rule reads it;
 * typescript-estree parses all of it by default) and no comment list (collecting comments walks
 * every token of the file: over a third of the parse time). `Program.comments` is filled on first
 * read instead — only the secret rule asks, and only when a match needs it.
 */
function estreeOptions(path: string, comment: boolean, lang: Lang) {
  return {
    loc: true,
    range: true,
    comment,
    jsDocParsingMode: 'none',
    jsx: lang === 'jsx' || lang === 'tsx',
    filePath: path,
    errorOnUnknownASTType: false,
  } as const;
}

/** typescript-estree alone, with vigil's options (also bench/sast's baseline). */
export function parseWithEstree(path: string, text: string, lang: Lang = langOf(path)): TSESTree.Program {
  const { parse } = loadEstree();
  let ast: TSESTree.Program;
  try {
    ast = parse(text, estreeOptions(path, false, lang));
  } catch (error) {
    if (error instanceof RangeError) throw new ParseError(path, 'too deeply nested to parse');
    const e = error as { message?: string; lineNumber?: number };
    throw new ParseError(path, e.message ?? String(error), e.lineNumber);
  }
  let comments: TSESTree.Comment[] | undefined;
  Object.defineProperty(ast, 'comments', {
    configurable: true,
    enumerable: true,
    // The text parsed once already, so this second parse cannot fail.
    get: () => (comments ??= parse(text, estreeOptions(path, true, lang)).comments ?? []),
  });
  return ast;
}
