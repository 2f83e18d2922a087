import { frameworkModels } from '../models/index.ts';
import type {
  DecoratorModel,
  FrameworkModel,
  HandlerModel,
  ReplaceSanitiser,
  SanitiserModel,
  SourceModel,
  SqlTextModel,
} from './spec.ts';
import { flagBits } from './spec.ts';
import type { MapHandler } from './held.ts';

/** A path pattern: exact, `*.suffix` (any receiver) or `prefix.*` (any member). */
export function matchesPattern(pattern: string, path: string): boolean {
  if (pattern.startsWith('*.')) return path === pattern.slice(2) || path.endsWith(pattern.slice(1));
  if (pattern.endsWith('.*')) return path.startsWith(pattern.slice(0, -1));
  return path === pattern;
}

function lastSegment(path: string): string {
  const i = path.lastIndexOf('.');
  return i < 0 ? path : path.slice(i + 1);
}

/** Patterns bucketed by their last segment, so a lookup tests a handful, not hundreds. */
export class PatternIndex<T> {
  private readonly buckets = new Map<string, Array<{ pattern: string; item: T }>>();
  private readonly anyMember: Array<{ pattern: string; item: T }> = [];

  add(pattern: string, item: T): void {
    if (pattern.endsWith('.*')) {
      this.anyMember.push({ pattern, item });
      return;
    }
    const key = lastSegment(pattern);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push({ pattern, item });
    else this.buckets.set(key, [{ pattern, item }]);
  }

  match(path: string): T[] {
    const out: T[] = [];
    for (const e of this.buckets.get(lastSegment(path)) ?? [])
      if (matchesPattern(e.pattern, path)) out.push(e.item);
    for (const e of this.anyMember) if (matchesPattern(e.pattern, path)) out.push(e.item);
    return out;
  }
}

/** The framework models compiled for lookup. Built once per process. */
export class CompiledModels {
  readonly sources = new PatternIndex<SourceModel>();
  readonly callSources = new PatternIndex<SourceModel>();
  /** `role.*` sources: a role's members no other source names (see SourceModel.except). */
  readonly otherMembers = new Map<string, { model: SourceModel; except: ReadonlySet<string> }>();
  readonly sanitisers = new PatternIndex<{ model: SanitiserModel; bits: number }>();
  readonly routeHandlers = new PatternIndex<HandlerModel>();
  /** Handlers held in an object given to a call as an option (HandlerModel.option). */
  readonly optionHandlers = new PatternIndex<HandlerModel>();
  /** Resolver maps told by their root type keys (HandlerModel.resolverMap without a call). */
  readonly mapHandlers: MapHandler[] = [];
  readonly nameHandlers: HandlerModel[] = [];
  readonly typeHandlers: HandlerModel[] = [];
  readonly exportHandlers: HandlerModel[] = [];
  readonly decorators = new Map<string, DecoratorModel>();
  readonly callbacks = new Map<string, number>();
  /** Library calls whose result carries nothing of their arguments. */
  readonly opaque = new PatternIndex<true>();
  readonly callbackResults = new PatternIndex<true>();
  /** Dependency injection calls returning an instance of their argument (`inject(ActivatedRoute)`). */
  readonly injectors = new PatternIndex<true>();
  /** Calls returning the record they stored (FrameworkModel.recordResults). */
  readonly recordResults = new PatternIndex<true>();
  /** Calls returning the record they updated (FrameworkModel.updateResults). */
  readonly updateResults = new PatternIndex<true>();
  /** Calls returning their argument under one property (FrameworkModel.taggedResults), by that property. */
  readonly taggedResults = new PatternIndex<string>();
  /** `@Response.status` → `@Response`: calls that return their receiver. */
  readonly returnsSelf = new Map<string, string>();
  readonly replaces: Array<{ regex: RegExp; bits: number; model: ReplaceSanitiser }> = [];
  private readonly storeReads: Array<{
    modules: ReadonlySet<string>;
    methods: ReadonlySet<string>;
    chainStarts: RegExp;
    anyReceiver: ReadonlySet<string>;
    sqlModules: ReadonlySet<string>;
    sqlText: SqlText;
  }> = [];

  constructor(models: readonly FrameworkModel[]) {
    for (const m of models) {
      for (const s of m.sources ?? []) {
        if (s.except) this.otherMembers.set(s.path.slice(0, -2), { model: s, except: new Set(s.except) });
        else (s.call ? this.callSources : this.sources).add(s.path, s);
      }
      for (const s of m.sanitisers ?? []) this.sanitisers.add(s.call, { model: s, bits: flagBits(s.flags) });
      for (const h of m.handlers ?? []) {
        if (h.call && (h.option !== undefined || h.optionArg !== undefined))
          this.optionHandlers.add(h.call, h);
        else if (h.call) this.routeHandlers.add(h.call, h);
        else if (h.resolverMap) this.mapHandlers.push({ model: h, rootKeys: new RegExp(h.resolverMap) });
        else if (h.exportNames) this.exportHandlers.push(h);
        else if (h.paramType) this.typeHandlers.push(h);
        else if (h.paramNames) this.nameHandlers.push(h);
      }
      for (const d of m.decorators ?? []) this.decorators.set(d.decorator, d);
      for (const c of m.callbacks ?? []) this.callbacks.set(c.method, c.param);
      for (const c of m.opaqueResults ?? []) this.opaque.add(c, true);
      for (const c of m.callbackResults ?? []) this.callbackResults.add(c, true);
      for (const c of m.injectors ?? []) this.injectors.add(c, true);
      for (const c of m.recordResults ?? []) this.recordResults.add(c, true);
      for (const c of m.updateResults ?? []) this.updateResults.add(c, true);
      for (const t of m.taggedResults ?? []) this.taggedResults.add(t.call, t.field);
      for (const r of m.returnsSelf ?? [])
        for (const x of r.methods) this.returnsSelf.set(`${r.role}.${x}`, r.role);
      if (m.storeReads)
        this.storeReads.push({
          modules: new Set(m.storeReads.modules),
          methods: new Set(m.storeReads.methods),
          chainStarts: new RegExp(m.storeReads.chainStarts),
          anyReceiver: new Set(m.storeReads.anyReceiver),
          sqlModules: new Set(m.storeReads.sqlText.modules),
          sqlText: {
            ...m.storeReads.sqlText,
            methods: new Set(m.storeReads.sqlText.methods),
            fragments: new Set(m.storeReads.sqlText.fragments),
            chainStarts: new RegExp(m.storeReads.chainStarts),
          },
        });
      for (const r of m.replaceSanitisers ?? [])
        this.replaces.push({ regex: new RegExp(r.regex), bits: flagBits(r.flags), model: r });
    }
  }

  /**
   * Is the call of `method` (at `path`, after the calls `chain` names) a database read
   * (FrameworkModel.storeReads)? Undefined if not; with `sqlText` where it runs SQL text.
   */
  storeRead(
    path: string | undefined,
    method: string,
    chain: () => readonly string[],
  ): { sqlText?: SqlText } | undefined {
    const root = path === undefined ? undefined : rootModule(path);
    for (const r of this.storeReads) {
      if (!r.methods.has(method)) continue;
      if ((root !== undefined && r.sqlModules.has(root)) || chain().some((name) => r.chainStarts.test(name)))
        return { sqlText: r.sqlText };
      if ((root !== undefined && r.modules.has(root)) || r.anyReceiver.has(method)) return {};
    }
    return undefined;
  }
}

/** SqlTextModel compiled: its names as sets, with the chain starts (no SQL text: `Model.query()`). */
export interface SqlText extends Omit<SqlTextModel, 'methods' | 'fragments'> {
  methods: ReadonlySet<string>;
  fragments: ReadonlySet<string>;
  chainStarts: RegExp;
}

/** The module a path starts from: `knex` of `knex()().where`, `@prisma/client` of `@prisma/client.PrismaClient()`. */
function rootModule(path: string): string {
  const dot = path.indexOf('.');
  const call = path.indexOf('(');
  const end = Math.min(dot < 0 ? path.length : dot, call < 0 ? path.length : call);
  return path.slice(0, end);
}

let compiled: CompiledModels | undefined;

export function defaultModels(): CompiledModels {
  compiled ??= new CompiledModels(frameworkModels);
  return compiled;
}

/** Any model's hint: a file matching none cannot introduce untrusted data. */
const SOURCE_HINTS = hintsOf(frameworkModels);
/** The hints of models whose sources are untrusted for sure (not `likelyOnly`). */
const SURE_SOURCE_HINTS = hintsOf(frameworkModels.filter((m) => !m.likelyOnly));

interface SourceHints {
  any: RegExp;
  /** Hints that count only in files whose path matches `file` (FrameworkModel.fileHints). */
  inFiles: ReadonlyArray<{ file: RegExp; hint: RegExp }>;
}

function hintsOf(models: readonly FrameworkModel[]): SourceHints {
  return {
    any: new RegExp(models.flatMap((m) => m.hints ?? []).join('|')),
    inFiles: models.flatMap((m) =>
      (m.fileHints ?? []).map((h) => ({ file: new RegExp(h.file), hint: new RegExp(h.hints.join('|')) })),
    ),
  };
}

/**
 * Could this file's code hold a source (a framework model's hint outside leading comments)? `path`
 * is the file's path, which some hints ask for (FrameworkModel.fileHints).
 */
export function mayHoldSources(text: string, path: string, sureOnly = false): boolean {
  // Every taint rule asks about the file it is created for: the answer for the last text is kept.
  const last = sureOnly ? lastSure : lastAny;
  if (last.text === text && last.path === path) return last.holds;
  const hints = sureOnly ? SURE_SOURCE_HINTS : SOURCE_HINTS;
  const own = hints.inFiles.filter((h) => h.file.test(path)).map((h) => h.hint);
  const holds = (t: string) => hints.any.test(t) || own.some((h) => h.test(t));
  last.text = text;
  last.path = path;
  last.holds = holds(text) && holds(withoutLeadingComments(text));
  return last.holds;
}

const lastAny = { text: undefined as string | undefined, path: '', holds: false };
const lastSure = { text: undefined as string | undefined, path: '', holds: false };

/**
 * The text without comments that start a line (licence headers, JSDoc, `// req is …` notes), where
 * library code mostly says "request" or "process". Comments after code stay: telling them from a
 * `//` inside a string would need a tokenizer, and a hint too many only costs an analysis.
 */
export function withoutLeadingComments(text: string): string {
  // A "comment" holding `${` may be a line of a template literal with code in it: kept.
  return withoutLeadingBlockComments(text).replace(/^[ \t]*\/\/(?!.*\$\{).*$/gm, '');
}

/**
 * `/* … *\/` comments that start a line (after spaces or tabs), removed with that indentation, unless
 * `${` comes before the comment's end. One pass: the next `*\/` and `${` are looked up only once
 * their last position is behind (a regex trying every line start against an unclosed comment is
 * quadratic).
 */
function withoutLeadingBlockComments(text: string): string {
  const parts: string[] = [];
  let kept = 0;
  let close = -2;
  let dollar = -2;
  for (let line = 0; line < text.length;) {
    let start = line;
    while (text[start] === ' ' || text[start] === '\t') start++;
    let next = text.indexOf('\n', line) + 1 || text.length;
    if (text.startsWith('/*', start)) {
      if (close !== -1 && close < start + 2) close = text.indexOf('*/', start + 2);
      if (dollar !== -1 && dollar < start + 2) dollar = text.indexOf('${', start + 2);
      if (close !== -1 && (dollar === -1 || dollar > close)) {
        parts.push(text.slice(kept, line));
        kept = close + 2;
        // The rest of the comment's last line is text, not a line start.
        next = text.indexOf('\n', kept) + 1 || text.length;
      }
    }
    line = next;
  }
  parts.push(text.slice(kept));
  return parts.join('');
}
