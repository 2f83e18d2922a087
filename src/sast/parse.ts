import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';

export const SAST_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'] as const;

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
 * typescript-estree's options as vigil parses: locations and ranges for findings; no JSDoc (no
 * rule reads it; typescript-estree parses all of it by default) and no comment list (collecting
 * comments walks every token of the file: over a third of the parse time). `Program.comments` is
 * filled on first read instead — only the secret rule asks, and only when a match needs it.
 */
function estreeOptions(path: string, comment: boolean) {
  return {
    loc: true,
    range: true,
    comment,
    jsDocParsingMode: 'none',
    // JSX is enabled for .jsx/.tsx and for plain .js (React code often lives there); .ts files
    // cannot contain JSX because `<T>x` casts would be ambiguous.
    jsx: /\.(jsx|tsx|js|mjs|cjs)$/.test(path),
    filePath: path,
    errorOnUnknownASTType: false,
  } as const;
}

/** Parse one file with typescript-estree (see estreeOptions). */
export function parseSource(path: string, text: string): TSESTree.Program {
  let ast: TSESTree.Program;
  try {
    ast = parse(text, estreeOptions(path, false));
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
    get: () => (comments ??= parse(text, estreeOptions(path, true)).comments ?? []),
  });
  return ast;
}
