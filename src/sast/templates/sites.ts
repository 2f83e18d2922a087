import { offsetLocator } from '../source-text.ts';

/**
 * What a template reader finds in one template file: where it writes a value without HTML
 * escaping, which other templates it pulls in by a constant name, and what it could not read.
 */
export interface RawSite {
  /**
   * The data paths the output is built from, as the view's locals name them (`user.bio`), after
   * loop and `with` aliases are undone (`{% for c in comments %}{{ c.text | safe }}` → `comments.text`).
   */
  names: string[];
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The tag as written (`<%- user.bio %>`), for the report. */
  text: string;
}

export interface TemplateInclude {
  /** The name as written (`partials/header`, `./footer.ejs`). */
  name: string;
  line: number;
  column: number;
  text: string;
}

export interface TemplateScan {
  sites: RawSite[];
  includes: TemplateInclude[];
  /** Malformed parts (an unterminated tag): the reader stops there and says so. */
  warnings: string[];
}

/** Longest tag text kept for a report; a longer one is cut. */
const MAX_TAG_TEXT = 160;

/** Collects a reader's results with 1-based lines and columns worked out from offsets. */
export class ScanBuilder {
  readonly scan: TemplateScan = { sites: [], includes: [], warnings: [] };
  private readonly locate: (offset: number) => { line: number; column: number };
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
    this.locate = offsetLocator(text);
  }

  site(names: readonly string[], start: number, end: number): void {
    if (names.length === 0) return;
    const a = this.locate(start);
    const b = this.locate(end);
    this.scan.sites.push({
      names: [...new Set(names)],
      line: a.line,
      column: a.column,
      endLine: b.line,
      endColumn: b.column,
      text: this.tagText(start, end),
    });
  }

  include(name: string, start: number, end: number): void {
    const a = this.locate(start);
    this.scan.includes.push({ name, line: a.line, column: a.column, text: this.tagText(start, end) });
  }

  warn(message: string, offset: number): void {
    this.scan.warnings.push(`line ${this.locate(offset).line}: ${message}`);
  }

  private tagText(start: number, end: number): string {
    const t = this.text.slice(start, Math.min(end, start + MAX_TAG_TEXT + 1));
    return t.length > MAX_TAG_TEXT ? `${t.slice(0, MAX_TAG_TEXT - 3)}...` : t;
  }
}

const MAX_FRAMES = 32;

/**
 * Names a template binds itself (loop variables, `set`, scriptlet declarations), each mapped to
 * the local it stands for (`comment` → `comments` in a loop over them) or to nothing (a value the
 * template computes: not a view local).
 */
export class TemplateScope {
  private readonly frames: Array<Map<string, string | undefined>> = [new Map()];
  /** Open blocks; past MAX_FRAMES they share the innermost frame, so a lookup stays cheap on hostile nesting. */
  private depth = 0;

  push(): void {
    this.depth++;
    if (this.frames.length < MAX_FRAMES) this.frames.push(new Map());
  }

  pop(): void {
    if (this.depth === 0) return;
    this.depth--;
    while (this.frames.length - 1 > Math.min(this.depth, MAX_FRAMES - 1)) this.frames.pop();
  }

  bind(name: string, standsFor?: string): void {
    this.frames[this.frames.length - 1]!.set(
      name,
      standsFor === undefined ? undefined : this.resolve(standsFor),
    );
  }

  /**
   * The local a path denotes: its root undone through the aliases, or undefined when the root is
   * the template's own value.
   */
  resolve(path: string): string | undefined {
    const dot = path.indexOf('.');
    const root = dot < 0 ? path : path.slice(0, dot);
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i]!;
      if (!frame.has(root)) continue;
      const target = frame.get(root);
      return target === undefined ? undefined : dot < 0 ? target : `${target}${path.slice(dot)}`;
    }
    return path;
  }

  resolveAll(paths: readonly string[]): string[] {
    return paths.flatMap((p) => {
      const r = this.resolve(p);
      return r === undefined ? [] : [r];
    });
  }
}

/** The first quoted string of `text` (a constant template name), if the text starts with one. */
export function leadingString(text: string): string | undefined {
  const t = text.trimStart();
  const q = t[0];
  if (q !== '"' && q !== "'" && q !== '`') return undefined;
  const end = t.indexOf(q, 1);
  if (end < 0) return undefined;
  const s = t.slice(1, end);
  // A template literal with a placeholder is not a constant name.
  return q === '`' && s.includes('${') ? undefined : s;
}
