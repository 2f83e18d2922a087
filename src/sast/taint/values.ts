import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ConstructorFunction } from './constructor-members.ts';
import type { FlowStep, Location } from '../../core/finding.ts';
import { isFunctionNode } from '../naming.ts';
import {
  flagBit,
  type Flag,
  type GuardKind,
  type SinkSpec,
  type SourceKind,
  type TaintSpec,
} from './spec.ts';
import type { ExportSummary, FunctionSummary, ModuleSummary } from './summary.ts';
import type { MatchParts } from './match-parts.ts';

// The taint engine's values: labels (strands of taint), values (labels plus what a node denotes),
// compiled rules, and the pure operations on them.

export type Node = TSESTree.Node;
export type Fn =
  TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
export type Cls = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** A rule as the engine sees it: an id, a taint spec, and derived lookup data. */
export interface TaintRuleInput {
  id: string;
  taint: TaintSpec;
}

export interface Step {
  node?: Node;
  location?: Location;
  message: string;
}

export interface Origin {
  id: number;
  kind: SourceKind;
  label: string;
  /** Where the data entered: a node in this file, or the steps recorded in another file. */
  node?: Node;
  remote?: FlowStep[];
}

/** One strand of taint: from a source (origin) or from a parameter of a function in this file. */
export interface Label {
  origin?: Origin;
  fn?: Fn;
  param?: number;
  /**
   * The parameter's property this strand was read from (`settings.loggingError`): a caller's
   * argument is read at that property, so `{ loggingError: 'text', body }` does not reach the sink.
   */
  field?: string;
  flags: number;
  steps: readonly Step[];
}

export interface Val {
  labels: readonly Label[];
  path?: string;
  fn?: Fn;
  summary?: FunctionSummary;
  module?: ModuleSummary;
  members?: Record<string, ExportSummary>;
  obj?: TSESTree.ObjectExpression;
  /**
   * An array literal holding object literals (`[{ key: 'a', value: x }, …]`): an element read from
   * it (elementOf) knows which of its fields hold which taint.
   */
  elements?: TSESTree.ArrayExpression;
  /** Any one element of that array literal: a field read is the union of that field over them. */
  elementOf?: TSESTree.ArrayExpression;
  cls?: Cls;
  /**
   * An object made by `new F(…)` of a plain function of the program (`function Dao(db) { this.get =
   * … }`): its members are what F's body writes to `this` and what `F.prototype.m = …` assigns.
   */
  ctor?: ConstructorFunction;
  /** The same for an imported constructor function, from its summary (ExportSummary.instance). */
  instance?: Record<string, ExportSummary>;
  /** The untrusted object itself (`req.body`), not a field read from it. */
  whole?: boolean;
  /** A field of such an object that may itself be an object the client built (`req.body.user`). */
  objectLike?: boolean;
  /** A parameter's own value, whose property reads name the field they took (Label.field). */
  param?: boolean;
  /**
   * A module of this scan whose summary is not at hand (an import cycle): its methods are this
   * program's code, not a library's that a sink pattern for any receiver names.
   */
  ownModule?: boolean;
  /** A regex's match (`s.match(re)`): what the regex guarantees of each of its parts. */
  match?: MatchParts;
  /**
   * A call's result that is an object of known properties (Calls.returnFields): the strands each
   * property holds, so `parse(p).locale` does not take what `parse(p).path` holds. Read only while
   * every strand of the value is one of theirs (fieldsCover).
   */
  fields?: Readonly<Record<string, readonly Label[]>>;
  /**
   * A copy of `base` with some properties written (Calls.copyOf: `{ ...raw }`, `cloneDeep(orig)`
   * and writes, returned by a function given `base`): a property read is what was written there,
   * any other name what `base` holds under it.
   */
  overlay?: { base: Val; fields: Readonly<Record<string, readonly Label[]>> };
  /**
   * A call's result where every return of the function is an object or array literal
   * (Calls.returnsRecord): Express sends it as JSON, whatever its fields hold.
   */
  record?: boolean;
  /**
   * What a validator lets through, with the flags that say so: the fields a class-validator class
   * allows only in a form no injection uses (checked-fields.ts), given when a `@Body()` typed with
   * it is read; a zod schema's, and what it parsed (zod-schemas.ts).
   */
  checks?: Readonly<Record<string, readonly Flag[]>>;
}

/** A copy of a parameter's value (or of a property of it) with named properties written (Calls.copyOf). */
export interface Copy {
  param: number;
  field?: string;
  fields: Map<string, Val>;
}

export interface CompiledRule {
  id: string;
  spec: TaintSpec;
  kinds: ReadonlySet<SourceKind>;
  mask: number;
  /** The bits of TaintSpec.weakenedBy. */
  weakenedBy: number;
  guards: ReadonlySet<GuardKind>;
}

export interface SinkRef {
  rule: CompiledRule;
  sink: SinkSpec;
}

export const EMPTY: Val = { labels: [] };
/** A relative import whose summary is not at hand (Val.ownModule). */
export const OWN_MODULE: Val = { labels: [], ownModule: true };
export const MAX_LABELS = 12;
export const MAX_STEPS = 12;
export const MAX_ROUNDS = 8;
export const MAX_DEPTH = 400;
export const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);
/** Module members that are the same object as a global: one name for models to match. */
export const GLOBAL_ALIASES = new Map([
  ['buffer.Buffer', 'Buffer'],
  ['url.URL', 'URL'],
  ['url.URLSearchParams', 'URLSearchParams'],
  ['timers.setTimeout', 'setTimeout'],
  ['timers.setInterval', 'setInterval'],
  ['timers.setImmediate', 'setImmediate'],
]);
/** Methods whose result carries none of the receiver's content (booleans, numbers, indices). */
export const CLEAN_METHODS = new Set([
  'includes',
  'indexOf',
  'lastIndexOf',
  'startsWith',
  'endsWith',
  'has',
  'test',
  'some',
  'every',
  'findIndex',
  'localeCompare',
  'charCodeAt',
  'codePointAt',
  'getTime',
  'valueOf',
  'hasOwnProperty',
  'isArray',
  'size',
  'count',
]);
export const CLEAN_PROPERTIES = new Set(['length', 'byteLength']);
/**
 * Fields of an uploaded file's record that the server sets, not the client: where multer,
 * formidable or express-fileupload stored it (`path`, `destination`, `filepath`, `tempFilePath`),
 * the random name it gave it (`newFilename`), its size and digest. `originalname`, `name` and
 * `mimetype` are the client's; so is multer's `filename` when storage names files after them.
 */
export const SERVER_UPLOAD_FIELDS = new Set([
  'path',
  'destination',
  'filepath',
  'tempFilePath',
  'newFilename',
  'size',
  'md5',
]);
/** Methods that put their arguments into the receiver. */
export const MUTATORS = new Set(['push', 'unshift', 'splice', 'set', 'append', 'add', 'concat']);

export const isFn = isFunctionNode;

export function propName(
  node:
    TSESTree.MemberExpression | TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition,
): string | undefined {
  const key = node.type === 'MemberExpression' ? node.property : node.key;
  if (!node.computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number'))
    return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0)
    return key.quasis[0]!.value.cooked ?? undefined;
  return undefined;
}

/** One taint: the same strand (sameStrand) with the same flags. */
function sameLabel(l: Label, m: Label): boolean {
  return l.flags === m.flags && sameStrand(l, m);
}

/** The same source, or parameter of the same function at the same field, whatever its flags. */
export function sameStrand(l: Label, m: Label): boolean {
  if (l.origin || m.origin)
    return l.origin !== undefined && m.origin !== undefined && l.origin.id === m.origin.id;
  return l.param === m.param && l.fn?.range[0] === m.fn?.range[0] && (l.field ?? '') === (m.field ?? '');
}

/** The union of two label lists, capped at MAX_LABELS (short lists: compared pairwise, no keys built). */
export function mergeLabels(a: readonly Label[], b: readonly Label[]): readonly Label[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b.length > MAX_LABELS ? b.slice(0, MAX_LABELS) : b;
  let out: Label[] | undefined;
  next: for (const l of b) {
    for (const m of a) if (sameLabel(l, m)) continue next;
    if (out) for (const m of out) if (sameLabel(l, m)) continue next;
    if (a.length + (out?.length ?? 0) >= MAX_LABELS) break;
    (out ??= []).push(l);
  }
  return out ? [...a, ...out] : a;
}

export function mergeVal(prev: Val, v: Val): Val {
  const labels = mergeLabels(prev.labels, v.labels);
  const next: Val = { ...prev, labels };
  if (next.path === undefined && v.path !== undefined) next.path = v.path;
  next.fn ??= v.fn;
  next.summary ??= v.summary;
  next.module ??= v.module;
  next.members ??= v.members;
  next.cls ??= v.cls;
  next.ctor ??= v.ctor;
  next.instance ??= v.instance;
  if (v.whole) next.whole = true;
  if (v.objectLike) next.objectLike = true;
  if (v.ownModule) next.ownModule = true;
  // A match's guarantees, and which of an array literal's fields hold what, hold only while every
  // strand of taint came through that same match or literal; so do an object literal's fields
  // (`let o = { next: '/' }; if (c) o = req.query`: `o.next` is either).
  keepOneSource(next, prev, v, 'obj');
  keepOneSource(next, prev, v, 'match');
  keepOneSource(next, prev, v, 'elements');
  keepOneSource(next, prev, v, 'elementOf');
  const overlay = mergeOverlay(prev, v);
  if (overlay) next.overlay = overlay;
  else delete next.overlay;
  // What a validator lets through holds only while every strand went through it.
  keepOneSource(next, prev, v, 'checks');
  const fields = mergeFields(prev, v);
  if (fields) next.fields = fields;
  else delete next.fields;
  return next;
}

/**
 * The properties of either of two values: each the union of both's (the same names on both sides),
 * or one side's alone when the other carries no strand. Undefined when a side with strands has no
 * known properties or other names.
 */
function mergeFields(prev: Val, v: Val): Val['fields'] {
  if (!v.labels.length || prev.fields === v.fields) return prev.fields;
  if (!prev.labels.length) return v.fields;
  return prev.fields && v.fields ? unionByName(prev.fields, v.fields) : undefined;
}

/** Two maps of the same property names, each property the union of both's; undefined otherwise. */
function unionByName(
  a: Readonly<Record<string, readonly Label[]>>,
  b: Readonly<Record<string, readonly Label[]>>,
): Record<string, readonly Label[]> | undefined {
  const names = Object.keys(a);
  if (names.length !== Object.keys(b).length || !names.every((k) => Object.hasOwn(b, k))) return undefined;
  return Object.fromEntries(names.map((k) => [k, mergeLabels(a[k]!, b[k]!)]));
}

/**
 * The copy either of two values is (Val.overlay): one side's alone when the other carries no strand;
 * for both, the same properties written (each the union of both's) over either base, as a variable
 * written again in a later round of the same code gets. Undefined when a side with strands has
 * none, or they write different names.
 */
function mergeOverlay(prev: Val, v: Val): Val['overlay'] {
  if (!v.labels.length || prev.overlay === v.overlay) return prev.overlay;
  if (!prev.labels.length) return v.overlay;
  const a = prev.overlay;
  const b = v.overlay;
  if (!a || !b) return undefined;
  const fields = unionByName(a.fields, b.fields);
  return fields && { base: mergeVal(a.base, b.base), fields };
}

/**
 * The strands property `name` of `v` holds (Val.fields), as `v` carries them (with the steps taken
 * since the call); undefined where its properties are not known or do not cover it (fieldsCover).
 */
export function heldField(v: Val, name: string | undefined): readonly Label[] | undefined {
  if (name === undefined || !v.fields || !fieldsCover(v)) return undefined;
  // A name none of the known properties has holds nothing of the value.
  const held = Object.hasOwn(v.fields, name) ? v.fields[name]! : [];
  return held.map((l) => v.labels.find((m) => sameLabel(m, l)) ?? l);
}

/** Does every strand of `v` (with its flags) sit in one of its properties (Val.fields)? */
export function fieldsCover(v: Val): boolean {
  const fields = v.fields ? Object.values(v.fields) : [];
  return v.labels.every((l) => fields.some((f) => f.some((m) => sameLabel(l, m))));
}

function sameFields(a: Val['fields'], b: Val['fields']): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const names = Object.keys(a);
  return (
    names.length === Object.keys(b).length &&
    names.every((k) => Object.hasOwn(b, k) && a[k]!.length === b[k]!.length)
  );
}

/** `next[key]` for a key that describes where all of a value's taint came from (see mergeVal). */
function keepOneSource<K extends 'obj' | 'match' | 'elements' | 'elementOf' | 'checks'>(
  next: Val,
  prev: Val,
  v: Val,
  key: K,
): void {
  const kept = prev[key] === v[key] || !v.labels.length ? prev[key] : prev.labels.length ? undefined : v[key];
  if (kept) next[key] = kept;
  else delete next[key];
}

export function isEmptyVal(v: Val): boolean {
  return (
    v.labels.length === 0 &&
    v.path === undefined &&
    !v.fn &&
    !v.summary &&
    !v.module &&
    !v.members &&
    !v.obj &&
    !v.cls &&
    !v.ctor &&
    !v.ownModule
  );
}

export function changedVal(prev: Val, next: Val): boolean {
  return (
    prev.labels.length !== next.labels.length ||
    prev.path !== next.path ||
    prev.fn !== next.fn ||
    prev.summary !== next.summary ||
    prev.module !== next.module ||
    prev.obj !== next.obj ||
    prev.cls !== next.cls ||
    prev.ctor !== next.ctor ||
    prev.whole !== next.whole ||
    prev.objectLike !== next.objectLike ||
    prev.ownModule !== next.ownModule ||
    prev.match !== next.match ||
    prev.elements !== next.elements ||
    prev.elementOf !== next.elementOf ||
    !sameFields(prev.fields, next.fields) ||
    !sameFields(prev.overlay?.fields, next.overlay?.fields)
  );
}

export function capSteps(steps: readonly Step[]): readonly Step[] {
  return steps.length > MAX_STEPS ? [...steps.slice(0, 2), ...steps.slice(-(MAX_STEPS - 2))] : steps;
}

export function remoteStep(s: FlowStep): Step {
  return { location: s.location, message: s.message };
}

export function fromExport(e: ExportSummary | undefined): Val | undefined {
  if (!e) return undefined;
  const v: Val = { labels: [] };
  if (e.path !== undefined) v.path = e.path;
  if (e.fn) v.summary = e.fn;
  if (e.members) v.members = e.members;
  if (e.instance) v.instance = e.instance;
  if (e.checks) v.checks = e.checks;
  if (e.sources?.length) {
    v.labels = e.sources.map((s, i) => ({
      origin: {
        id: -1 - i - (hashSteps(s.steps) % 100000) * 100,
        kind: s.kind,
        label: s.label,
        remote: s.steps,
      },
      flags: s.flags,
      steps: [],
    }));
  }
  return v;
}

export function hashSteps(steps: FlowStep[]): number {
  const l = steps[0]?.location;
  return l ? l.startLine * 1000 + l.startColumn + l.path.length * 7 : 0;
}

/** `v`'s labels without the flags in `bits` (the value itself when none has them). */
/** `v` with `bits` set on every label (EMPTY when it has none). */
export function addFlags(v: Val, bits: number): Val {
  if (v.labels.length === 0) return EMPTY;
  return { labels: v.labels.map((l) => ({ ...l, flags: l.flags | bits })) };
}

export function dropFlag(v: Val, bits: number): Val {
  return v.labels.some((l) => l.flags & bits)
    ? { labels: v.labels.map((l) => ({ ...l, flags: l.flags & ~bits })) }
    : v;
}

/** Labels of text whose first character may have changed: no longer known to start with `#`. */
export function withoutFragment(labels: readonly Label[]): readonly Label[] {
  return dropFlag({ labels }, flagBit('fragment')).labels;
}
