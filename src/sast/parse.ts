import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';

export const SAST_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'] as const;

export function isSastFile(path: string): boolean {
  return SAST_EXTENSIONS.some((ext) => path.endsWith(ext)) && !path.endsWith('.d.ts');
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
 * Parse one file with typescript-estree. JSX is enabled for .jsx/.tsx and for plain .js (React
 * code often lives there); .ts files cannot contain JSX because `<T>x` casts would be ambiguous.
 */
export function parseSource(path: string, text: string): TSESTree.Program {
  const jsx = /\.(jsx|tsx|js|mjs|cjs)$/.test(path);
  try {
    return parse(text, {
      loc: true,
      range: true,
      comment: true,
      jsx,
      filePath: path,
      errorOnUnknownASTType: false,
    });
  } catch (error) {
    if (error instanceof RangeError) throw new ParseError(path, 'too deeply nested to parse');
    const e = error as { message?: string; lineNumber?: number };
    throw new ParseError(path, e.message ?? String(error), e.lineNumber);
  }
}
