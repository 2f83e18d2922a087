import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FlowStep, Location } from '../../core/finding.ts';
import { Bindings, type Variable } from '../scope/bindings.ts';
import { isRelative, normaliseModule } from '../scope/modules.ts';
import type { ReportDescriptor } from '../rule.ts';
import { traverse } from '../traverse.ts';
import { isGuarded } from './guards.ts';
import { isFunctionNode } from '../naming.ts';
import { ReachingDefs } from './reaching.ts';
import { type CompiledModels, defaultModels, matchesPattern, PatternIndex } from './models.ts';
import {
  DEFAULT_SOURCE_KINDS,
  flagBit,
  flagBits,
  type GuardKind,
  type SinkSpec,
  type SourceKind,
  type TaintSpec,
} from './spec.ts';
import type {
  ExportSummary,
  FunctionSummary,
  ModuleSummary,
  ParamSink,
  SourceSummary,
  TaintEnv,
} from './summary.ts';

type Node = TSESTree.Node;
type Fn = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
type Cls = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** A rule as the engine sees it: an id, a taint spec, and derived lookup data. */
export interface TaintRuleInput {
  id: string;
  taint: TaintSpec;
}

interface Step {
  node?: Node;
  location?: Location;
  message: string;
}

interface Origin {
  id: number;
  kind: SourceKind;
  label: string;
  /** Where the data entered: a node in this file, or the steps recorded in another file. */
  node?: Node;
  remote?: FlowStep[];
}

/** One strand of taint: from a source (origin) or from a parameter of a function in this file. */
interface Label {
  origin?: Origin;
  fn?: Fn;
  param?: number;
  flags: number;
  steps: readonly Step[];
}

interface Val {
  labels: readonly Label[];
  path?: string;
  fn?: Fn;
  summary?: FunctionSummary;
  module?: ModuleSummary;
  members?: Record<string, ExportSummary>;
  obj?: TSESTree.ObjectExpression;
  cls?: Cls;
  /** The untrusted object itself (`req.body`), not a field read from it. */
  whole?: boolean;
}

interface CompiledRule {
  id: string;
  spec: TaintSpec;
  kinds: ReadonlySet<SourceKind>;
  mask: number;
  guards: ReadonlySet<GuardKind>;
}

interface SinkRef {
  rule: CompiledRule;
  sink: SinkSpec;
}

const EMPTY: Val = { labels: [] };
const MAX_LABELS = 12;
const MAX_STEPS = 12;
const MAX_ROUNDS = 8;
const MAX_DEPTH = 400;
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);
/** Module members that are the same object as a global: one name for models to match. */
const GLOBAL_ALIASES = new Map([
  ['buffer.Buffer', 'Buffer'],
  ['url.URL', 'URL'],
  ['url.URLSearchParams', 'URLSearchParams'],
  ['timers.setTimeout', 'setTimeout'],
  ['timers.setInterval', 'setInterval'],
  ['timers.setImmediate', 'setImmediate'],
]);
/** Methods whose result carries none of the receiver's content (booleans, numbers, indices). */
const CLEAN_METHODS = new Set([
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
const CLEAN_PROPERTIES = new Set(['length', 'byteLength']);
/** Methods that put their arguments into the receiver. */
const MUTATORS = new Set(['push', 'unshift', 'splice', 'set', 'append', 'add', 'concat']);

const isFn = isFunctionNode;

function propName(
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

function compileRules(rules: readonly TaintRuleInput[]): {
  rules: CompiledRule[];
  calls: PatternIndex<SinkRef>;
  assigns: PatternIndex<SinkRef>;
  jsx: Map<string, SinkRef[]>;
} {
  const calls = new PatternIndex<SinkRef>();
  const assigns = new PatternIndex<SinkRef>();
  const jsx = new Map<string, SinkRef[]>();
  const compiled = rules.map((r) => {
    const rule: CompiledRule = {
      id: r.id,
      spec: r.taint,
      kinds: new Set(r.taint.sources ?? DEFAULT_SOURCE_KINDS),
      mask: flagBits(r.taint.sanitisedBy),
      guards: new Set(r.taint.guards),
    };
    for (const sink of r.taint.sinks) {
      for (const p of sink.call ?? []) calls.add(p, { rule, sink });
      for (const p of sink.assign ?? []) assigns.add(p, { rule, sink });
      for (const a of sink.jsxAttribute ?? []) jsx.set(a, [...(jsx.get(a) ?? []), { rule, sink }]);
    }
    return rule;
  });
  return { rules: compiled, calls, assigns, jsx };
}

/** Rule sets are few and long-lived (one per scan or ESLint config): compile each once. */
const compiledRuleSets = new Map<string, ReturnType<typeof compileRules>>();

function compiledRulesFor(rules: readonly TaintRuleInput[]): ReturnType<typeof compileRules> {
  const key = rules.map((r) => r.id).join('\0');
  let c = compiledRuleSets.get(key);
  if (!c || c.rules.some((r, i) => r.spec !== rules[i]!.taint)) {
    c = compileRules(rules);
    compiledRuleSets.set(key, c);
  }
  return c;
}

export interface AnalysisResult {
  findings: Map<string, ReportDescriptor[]>;
  summary: ModuleSummary;
}

/**
 * Taint analysis of one file. Flow-insensitive per binding (a variable holds the union of what is
 * ever assigned to it) except where a read's reaching assignment is certain (reaching.ts),
 * iterated to a fixpoint; guards are checked at each sink; functions are
 * summarised by which parameters reach their return value or a sink, and calls substitute the
 * caller's arguments into those summaries — within the file, and across files through the
 * summaries of imported modules.
 */
export class FileAnalysis {
  private readonly bindings: Bindings;
  private readonly reaching = new ReachingDefs();
  private readonly models: CompiledModels;
  private readonly rules: CompiledRule[];
  private readonly sinkCalls: PatternIndex<SinkRef>;
  private readonly sinkAssigns: PatternIndex<SinkRef>;
  private readonly sinkJsx: Map<string, SinkRef[]>;
  private readonly rulesById = new Map<string, CompiledRule>();

  private readonly state = new Map<Variable, Val>();
  private readonly fields = new Map<Cls, Map<string, Val>>();
  private readonly returns = new Map<Fn, Node[]>();
  private readonly writes: Array<() => void> = [];
  private readonly calls: Array<TSESTree.CallExpression | TSESTree.NewExpression> = [];
  private readonly memberWrites: TSESTree.AssignmentExpression[] = [];
  private readonly jsxAttrs: TSESTree.JSXAttribute[] = [];
  private readonly exportNodes: Node[] = [];
  private readonly roles = new Map<Fn, string[] | null>();
  private readonly origins = new Map<Node, Origin>();
  private readonly paramSinks = new Map<
    Fn,
    Array<ParamSink & { key: string; sinkNode?: Node; rule: CompiledRule; localSteps: readonly Step[] }>
  >();
  private readonly findings = new Map<string, Map<string, ReportDescriptor>>();
  private readonly dependents = new Map<Variable, Set<Variable>>();
  private readonly inits = new Map<Variable, Set<Variable>>();
  private readonly assignments: Array<[Node, Node]> = [];
  private dependenciesBuilt = false;

  private memo = new Map<Node, Val>();
  private retMemo = new Map<Fn, Val>();
  private readonly inProgress = new Set<Node>();
  private stale = false;
  private readonly varsRead = new Set<Variable>();
  private readonly fieldsRead = new Set<Cls>();
  private depth = 0;
  private nextOrigin = 1;

  private readonly ast: TSESTree.Program;
  private readonly filename: string;
  private readonly sourceText: string;
  private readonly env: TaintEnv;
  private readonly locate: (node: Node) => Location;

  constructor(
    ast: TSESTree.Program,
    filename: string,
    sourceText: string,
    rules: readonly TaintRuleInput[],
    env: TaintEnv,
    locate: (node: Node) => Location,
    models?: CompiledModels,
  ) {
    this.ast = ast;
    this.filename = filename;
    this.sourceText = sourceText;
    this.env = env;
    this.locate = locate;
    this.bindings = new Bindings(ast);
    this.models = models ?? defaultModels();
    const c = compiledRulesFor(rules);
    this.rules = c.rules;
    this.sinkCalls = c.calls;
    this.sinkAssigns = c.assigns;
    this.sinkJsx = c.jsx;
    for (const r of this.rules) this.rulesById.set(r.id, r);
  }

  run(): AnalysisResult {
    this.collect();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      this.startRound();
      for (const w of this.writes) w();
      if (!this.stale) break;
    }
    this.checkSinks();
    const out = new Map<string, ReportDescriptor[]>();
    for (const [id, byLoc] of this.findings) out.set(id, [...byLoc.values()]);
    return { findings: out, summary: this.buildSummary() };
  }

  // ---- collection: one walk records every write, call, return, sink candidate and export ----

  private collect(): void {
    const fnStack: Fn[] = [];
    const mutatedCalls: TSESTree.CallExpression[] = [];
    traverse(
      this.ast,
      (node) => {
        switch (node.type) {
          case 'FunctionDeclaration':
          case 'FunctionExpression':
          case 'ArrowFunctionExpression': {
            const fn = node;
            fnStack.push(fn);
            this.returns.set(fn, fn.body.type === 'BlockStatement' ? [] : [fn.body]);
            fn.params.forEach((p, i) => this.writes.push(() => this.bindPattern(p, this.paramVal(fn, i), p)));
            break;
          }
          case 'ReturnStatement': {
            const fn = fnStack[fnStack.length - 1];
            if (fn && node.argument) this.returns.get(fn)!.push(node.argument);
            break;
          }
          case 'VariableDeclarator': {
            const decl = node;
            if (decl.init) {
              this.noteDependencies(decl.id, decl.init);
              this.writes.push(() => this.bindPattern(decl.id, this.ev(decl.init!), decl));
            }
            break;
          }
          case 'AssignmentExpression': {
            const a = node;
            if (a.left.type === 'MemberExpression') this.memberWrites.push(a);
            else {
              this.noteDependencies(a.left, a.right);
              this.writes.push(() =>
                this.bindPattern(
                  a.left,
                  a.operator === '=' ? this.ev(a.right) : this.union(this.ev(a.left), this.ev(a.right)),
                  a,
                ),
              );
            }
            break;
          }
          case 'ForOfStatement':
          case 'ForInStatement': {
            const loop = node;
            const target =
              loop.left.type === 'VariableDeclaration' ? loop.left.declarations[0]?.id : loop.left;
            if (target) {
              this.noteDependencies(target, loop.right);
              this.writes.push(() => {
                // An element keeps the collection's path, so `for (const e of zip.getEntries())` still
                // knows where `e.entryName` came from.
                const v = this.ev(loop.right);
                this.bindPattern(
                  target,
                  {
                    labels: v.labels,
                    ...(v.path !== undefined && loop.type === 'ForOfStatement' ? { path: v.path } : {}),
                  },
                  loop,
                );
              });
            }
            break;
          }
          case 'PropertyDefinition': {
            const prop = node;
            const cls = prop.parent.parent;
            const name = propName(prop);
            if (prop.value && name && (cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression')) {
              this.writes.push(() => this.setField(cls, name, this.ev(prop.value!)));
            }
            break;
          }
          case 'TSParameterProperty': {
            const pp = node;
            const ctor = pp.parent;
            const cls = ctor.parent?.parent?.parent;
            const id = pp.parameter.type === 'Identifier' ? pp.parameter : undefined;
            if (id && cls && (cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression')) {
              this.writes.push(() => this.setField(cls, id.name, this.union(this.typedVal(id), this.ev(id))));
            }
            break;
          }
          case 'CallExpression':
          case 'NewExpression': {
            const call = node;
            this.calls.push(call);
            // `arr.push(v)`, `map.set(k, v)`: writes into the receiver, in the same fixpoint.
            if (call.type === 'CallExpression' && call.callee.type === 'MemberExpression') {
              const method = propName(call.callee);
              if (method !== undefined && method !== 'concat' && MUTATORS.has(method)) {
                this.writes.push(() => this.mutate(call));
                mutatedCalls.push(call);
              }
            }
            // A call passing a callback binds the callback's parameters even when its result is unused.
            if (
              call.arguments.some((a) => isFn(a) || a.type === 'Identifier') &&
              call.callee.type === 'MemberExpression'
            ) {
              const name = propName(call.callee);
              if (name !== undefined && this.models.callbacks.has(name))
                this.writes.push(() => void this.ev(call));
            }
            break;
          }
          case 'JSXAttribute':
            this.jsxAttrs.push(node);
            break;
          case 'ExportNamedDeclaration':
          case 'ExportDefaultDeclaration':
          case 'ExportAllDeclaration':
            this.exportNodes.push(node);
            break;
          default:
            break;
        }
      },
      (node) => {
        if (isFn(node)) fnStack.pop();
      },
    );
    // Member writes feed objects and class fields; they run with the other writes.
    for (const a of this.memberWrites) this.writes.push(() => this.memberWrite(a));
    // Objects and arrays changed in place keep the union of everything put in them.
    const mutated = (object: Node) => {
      const root = rootIdentifier(object);
      const variable = root ? this.bindings.variableOf(root) : undefined;
      if (variable) this.reaching.markMutated(variable);
    };
    for (const a of this.memberWrites) mutated((a.left as TSESTree.MemberExpression).object);
    for (const call of mutatedCalls) mutated((call.callee as TSESTree.MemberExpression).object);
  }

  /** Recorded during the walk; turned into variable dependencies only if a guard needs them. */
  private noteDependencies(target: Node, value: Node): void {
    this.assignments.push([target, value]);
  }

  private dependencyMaps(): void {
    if (this.dependenciesBuilt) return;
    this.dependenciesBuilt = true;
    for (const [target, value] of this.assignments) this.addDependencies(target, value);
  }

  private addDependencies(target: Node, value: Node): void {
    const targets = this.identifiersIn(target);
    if (targets.length === 0) return;
    const sources = this.identifiersIn(value);
    for (const t of targets) {
      const set = this.inits.get(t) ?? new Set();
      for (const s of sources) {
        set.add(s);
        const deps = this.dependents.get(s) ?? new Set();
        deps.add(t);
        this.dependents.set(s, deps);
      }
      this.inits.set(t, set);
    }
  }

  private identifiersIn(node: Node): Variable[] {
    const out: Variable[] = [];
    traverseShallow(node, (n) => {
      if (n.type === 'Identifier') {
        const v = this.bindings.variableOf(n);
        if (v) out.push(v);
      }
    });
    return out;
  }

  // ---- values ----

  private union(a: Val, b: Val): Val {
    if (isEmptyVal(b)) return a;
    if (isEmptyVal(a)) return b;
    return mergeVal(a, b);
  }

  private unionAll(vals: Val[]): Val {
    let labels: readonly Label[] = [];
    for (const v of vals) if (v.labels.length) labels = mergeLabels(labels, v.labels);
    return labels.length ? { labels } : EMPTY;
  }

  private withFlags(v: Val, bits: number): Val {
    if (v.labels.length === 0) return EMPTY;
    return { labels: v.labels.map((l) => ({ ...l, flags: l.flags | bits })) };
  }

  private withStep(v: Val, node: Node, message: string): Val {
    if (v.labels.length === 0) return v;
    return {
      ...v,
      labels: v.labels.map((l) =>
        l.steps.length >= MAX_STEPS ? l : { ...l, steps: [...l.steps, { node, message }] },
      ),
    };
  }

  private origin(node: Node, kind: SourceKind, label: string): Origin {
    let o = this.origins.get(node);
    if (!o) {
      o = { id: this.nextOrigin++, kind, label, node };
      this.origins.set(node, o);
    }
    return o;
  }

  private sourceVal(node: Node, path: string, call: boolean): Label[] {
    const models = (call ? this.models.callSources : this.models.sources).match(path);
    return models.map((m) => ({ origin: this.origin(node, m.kind, m.label), flags: 0, steps: [] }));
  }

  ev(node: Node): Val {
    const cached = this.memo.get(node);
    if (cached) return cached;
    // Cycles evaluate to nothing; so does anything nested deeper than MAX_DEPTH (bounded stack).
    if (this.inProgress.has(node) || this.depth >= MAX_DEPTH) return EMPTY;
    this.inProgress.add(node);
    this.depth++;
    let v: Val;
    try {
      v = this.evUncached(node);
    } finally {
      this.inProgress.delete(node);
      this.depth--;
    }
    this.memo.set(node, v);
    return v;
  }

  private evUncached(node: Node): Val {
    switch (node.type) {
      case 'Identifier':
        return this.evIdentifier(node);
      case 'MemberExpression':
        return this.member(this.ev(node.object), propName(node), node);
      case 'ChainExpression':
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'TSTypeAssertion':
      case 'TSSatisfiesExpression':
      case 'TSInstantiationExpression':
      case 'AwaitExpression':
        return node.type === 'AwaitExpression'
          ? node.argument
            ? this.ev(node.argument)
            : EMPTY
          : this.ev(node.expression);
      case 'SpreadElement':
        return { labels: this.ev(node.argument).labels };
      case 'TemplateLiteral': {
        const parts = this.unionAll(node.expressions.map((e) => this.ev(e)));
        return this.withFlags(parts, flagBit('string') | this.prefixBits(node.quasis[0]?.value.cooked ?? ''));
      }
      case 'TaggedTemplateExpression': {
        // sql`…`, Prisma.sql`…`: tagged templates pass their values as parameters.
        const tag = this.ev(node.tag);
        if (tag.path !== undefined) return EMPTY;
        return this.unionAll(node.quasi.expressions.map((e) => this.ev(e)));
      }
      case 'BinaryExpression': {
        if (node.operator !== '+') return EMPTY;
        const both = this.unionAll([this.ev(node.left), this.ev(node.right)]);
        const prefix =
          node.left.type === 'Literal' && typeof node.left.value === 'string'
            ? this.prefixBits(node.left.value)
            : 0;
        return this.withFlags(both, flagBit('string') | prefix);
      }
      case 'LogicalExpression':
        return this.union(this.ev(node.left), this.ev(node.right));
      case 'ConditionalExpression':
        return this.union(this.ev(node.consequent), this.ev(node.alternate));
      case 'SequenceExpression':
        return this.ev(node.expressions[node.expressions.length - 1]!);
      case 'AssignmentExpression':
        return this.ev(node.right);
      case 'UnaryExpression':
        return node.operator === '+' || node.operator === '-'
          ? this.withFlags(this.ev(node.argument), flagBit('numeric'))
          : EMPTY;
      case 'ArrayExpression':
        return this.unionAll(node.elements.map((e) => (e ? this.ev(e) : EMPTY)));
      case 'ObjectExpression': {
        const parts = node.properties.map((p) =>
          p.type === 'SpreadElement' ? this.ev(p.argument) : this.ev(p.value),
        );
        // `{ ...req.body }` is a copy of the whole untrusted object.
        const whole =
          parts.length > 0 && node.properties.every((p, i) => p.type === 'SpreadElement' && parts[i]!.whole);
        return { ...this.unionAll(parts), obj: node, ...(whole ? { whole } : {}) };
      }
      case 'CallExpression':
      case 'NewExpression':
        return this.evCall(node);
      case 'ImportExpression':
        return node.source.type === 'Literal' && typeof node.source.value === 'string'
          ? this.moduleVal(node.source.value)
          : EMPTY;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return { labels: [], fn: node };
      case 'ClassExpression':
        return { labels: [], cls: node };
      case 'ThisExpression': {
        const cls = enclosingClass(node);
        return cls ? { labels: [], cls } : EMPTY;
      }
      default:
        return EMPTY;
    }
  }

  /** `'https://api.example.com/' + x` pins the host; `'/users/' + x` pins a local path. */
  private prefixBits(prefix: string): number {
    return /^(https?:)?\/\/[^/]+\/|^\/[^/\\]/i.test(prefix) ? flagBit('prefixed') : 0;
  }

  private evIdentifier(id: TSESTree.Identifier): Val {
    const v = this.bindings.variableOf(id);
    if (!v) {
      if (id.name === 'undefined') return EMPTY;
      if (GLOBAL_OBJECTS.has(id.name)) return { labels: [], path: '' };
      return { labels: this.sourceVal(id, id.name, false), path: id.name };
    }
    const def = v.defs[0];
    if (def?.type === 'ImportBinding') {
      // `import x = require('m')` (TypeScript) is a require; `import x = A.B` names nothing we model.
      if (def.node.type === 'TSImportEqualsDeclaration') {
        const ref = def.node.moduleReference;
        return ref.type === 'TSExternalModuleReference' && typeof ref.expression.value === 'string'
          ? this.moduleVal(ref.expression.value)
          : EMPTY;
      }
      return this.importVal(
        def.node as TSESTree.ImportClause | TSESTree.ImportSpecifier,
        def.parent as TSESTree.ImportDeclaration,
      );
    }
    // Deep in a chain of evaluations the union is the safe answer (it needs no further recursion).
    const reaching = this.depth < MAX_DEPTH / 2 ? this.reaching.uniqueDef(id, v) : undefined;
    if (reaching) return this.withStep(this.ev(reaching.value), reaching.at, `assigned to ${id.name}`);
    this.varsRead.add(v);
    const own = this.state.get(v);
    if (def?.type === 'FunctionName' && isFn(def.node))
      return own ? { ...own, fn: def.node } : { labels: [], fn: def.node };
    if (def?.type === 'ClassName') return { labels: [], cls: def.node as Cls };
    return own ?? EMPTY;
  }

  private moduleVal(specifier: string): Val {
    if (isRelative(specifier)) {
      const summary = this.env.resolveImport(specifier);
      return summary ? { labels: [], module: summary, members: summary.exports } : EMPTY;
    }
    return { labels: [], path: normaliseModule(specifier) };
  }

  private importVal(
    spec: TSESTree.ImportClause | TSESTree.ImportSpecifier,
    decl: TSESTree.ImportDeclaration,
  ): Val {
    const mod = this.moduleVal(decl.source.value);
    if (spec.type === 'ImportNamespaceSpecifier') return mod;
    if (spec.type === 'ImportDefaultSpecifier') {
      if (mod.module) return fromExport(mod.module.exports.default) ?? mod;
      return mod;
    }
    const imported = spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
    return this.member(mod, imported, spec);
  }

  private member(obj: Val, name: string | undefined, node: Node): Val {
    if (name !== undefined && CLEAN_PROPERTIES.has(name)) return EMPTY;
    if (name !== undefined && obj.members) {
      const e = fromExport(obj.members[name]) ?? fromExport(obj.members.default?.members?.[name]);
      if (e) return e;
    }
    if (name !== undefined && obj.obj) {
      for (const p of obj.obj.properties) {
        if (p.type === 'Property' && propName(p) === name) return this.ev(p.value);
      }
    }
    if (name !== undefined && obj.cls) return this.classMember(obj.cls, name);
    const joined =
      obj.path !== undefined && name !== undefined
        ? obj.path === ''
          ? name
          : `${obj.path}.${name}`
        : undefined;
    const path = joined !== undefined ? (GLOBAL_ALIASES.get(joined) ?? joined) : undefined;
    const fromSource = path !== undefined ? this.sourceVal(node, path, false) : [];
    const labels = fromSource.length ? mergeLabels(obj.labels, fromSource) : obj.labels;
    return { labels, ...(path !== undefined ? { path } : {}), ...(fromSource.length ? { whole: true } : {}) };
  }

  private classMember(cls: Cls, name: string): Val {
    for (const m of cls.body.body) {
      if (m.type === 'MethodDefinition' && propName(m) === name)
        return { labels: [], fn: m.value as TSESTree.FunctionExpression };
    }
    this.fieldsRead.add(cls);
    return this.fields.get(cls)?.get(name) ?? EMPTY;
  }

  private setField(cls: Cls, name: string, v: Val): void {
    let map = this.fields.get(cls);
    if (!map) this.fields.set(cls, (map = new Map()));
    const prev = map.get(name);
    const next = prev ? mergeVal(prev, v) : v;
    if (!prev || changedVal(prev, next)) {
      map.set(name, next);
      if (this.fieldsRead.has(cls)) this.stale = true;
    }
  }

  /**
   * A round is final unless something read during it changed afterwards (a use before its
   * assignment in source order, a function's result before its locals were known): then the
   * reads were stale and another round runs. Most files settle in one round.
   */
  private startRound(): void {
    this.stale = false;
    this.varsRead.clear();
    this.fieldsRead.clear();
    this.memo = new Map();
    this.retMemo = new Map();
  }

  /** `new C(args)`: the constructor's parameters receive the arguments (all instances share them). */
  private construct(cls: Cls, call: TSESTree.CallExpression | TSESTree.NewExpression): void {
    const ctor = cls.body.body.find(
      (m): m is TSESTree.MethodDefinition => m.type === 'MethodDefinition' && m.kind === 'constructor',
    );
    if (!ctor) return;
    ctor.value.params.forEach((param, i) => {
      const arg = this.argVal(ctor.value as Fn, i, call);
      if (arg.labels.length) this.bindPattern(param, { labels: arg.labels }, call);
    });
  }

  /** A constructor parameter property typed as a class: the injected service (NestJS). */
  private typedVal(id: TSESTree.Identifier): Val {
    const ann = id.typeAnnotation?.typeAnnotation;
    if (ann?.type === 'TSTypeReference' && ann.typeName.type === 'Identifier') return this.ev(ann.typeName);
    return EMPTY;
  }

  // ---- calls ----

  private calleeKey(callee: Node, v: Val): string | undefined {
    if (v.path !== undefined) return v.path;
    if (callee.type === 'MemberExpression') {
      const name = propName(callee);
      return name === undefined ? undefined : `?.${name}`;
    }
    return undefined;
  }

  private evCall(node: TSESTree.CallExpression | TSESTree.NewExpression): Val {
    const callee = node.callee;
    const args = node.arguments;
    if (callee.type === 'Identifier' && callee.name === 'require' && !this.bindings.variableOf(callee)) {
      const a = args[0];
      return a?.type === 'Literal' && typeof a.value === 'string' ? this.moduleVal(a.value) : EMPTY;
    }
    const calleeVal = callee.type === 'Super' ? EMPTY : this.ev(callee);
    const path = calleeVal.path;
    let result: Val = EMPTY;

    if (path !== undefined) {
      const sanitiser = this.models.sanitisers.match(path)[0];
      if (sanitiser) return this.withFlags(this.unionAll(args.map((a) => this.ev(a))), sanitiser.bits);
      const sources = this.sourceVal(node, path, true);
      if (sources.length) result = { labels: sources, whole: true };
    }

    const fn = calleeVal.fn;
    const summary =
      calleeVal.summary ??
      (calleeVal.module ? fromExport(calleeVal.module.exports.default)?.summary : undefined);
    if (fn) result = this.union(result, this.substitute(this.returnVal(fn), fn, node));
    else if (summary) result = this.union(result, this.applySummary(summary, node));
    else if (calleeVal.cls) {
      result = { labels: [], cls: calleeVal.cls };
      this.construct(calleeVal.cls, node);
    } else if (calleeVal.members && node.type === 'NewExpression')
      result = { labels: [], members: calleeVal.members };

    if (callee.type === 'MemberExpression') {
      const method = propName(callee);
      const receiver = this.ev(callee.object);
      if (method !== undefined && !fn && !summary) {
        if (!CLEAN_METHODS.has(method)) {
          let carried: Val = { labels: receiver.labels };
          if ((method === 'replace' || method === 'replaceAll') && args[0])
            carried = this.withFlags(carried, this.replaceBits(args[0]));
          if (method === 'concat' || method === 'join' || method === 'get' || method === 'getAll')
            carried = this.union(
              carried,
              this.unionAll(method === 'concat' ? args.map((a) => this.ev(a)) : []),
            );
          result = this.union(result, carried);
        }
        const cbParam = this.models.callbacks.get(method);
        if (cbParam !== undefined) {
          for (const a of args) {
            const cb = isFn(a) ? a : a.type === 'Identifier' ? this.ev(a).fn : undefined;
            const param = cb?.params[cbParam];
            if (cb && param) {
              if (receiver.labels.length || receiver.path !== undefined)
                this.bindPattern(
                  param,
                  {
                    labels: receiver.labels,
                    ...(receiver.path !== undefined ? { path: receiver.path } : {}),
                  },
                  a,
                );
              if (method === 'then' || method === 'map' || method === 'flatMap')
                result = this.union(result, this.returnVal(cb));
            }
          }
        }
      }
    }

    // Library calls (path.join, Buffer.from, JSON.parse, new URL) carry their arguments' taint;
    // unknown functions of this program without a summary do not.
    if (path !== undefined && !path.startsWith('@') && !fn && !summary) {
      const argsVal = this.unionAll(args.map((a) => this.ev(a)));
      if (argsVal.labels.length) result = this.union(result, { labels: argsVal.labels });
    }
    if (path !== undefined && result.path === undefined && !fn && !summary)
      result = { ...result, path: `${path}()` };
    return result;
  }

  private replaceBits(pattern: Node): number {
    if (pattern.type !== 'Literal' || !('regex' in pattern) || !pattern.regex) return 0;
    let bits = 0;
    for (const r of this.models.replaces) if (r.regex.test(pattern.regex.pattern)) bits |= r.bits;
    return bits;
  }

  private returnVal(fn: Fn): Val {
    const cached = this.retMemo.get(fn);
    if (cached) return cached;
    if (this.inProgress.has(fn)) return EMPTY;
    this.inProgress.add(fn);
    let v: Val = EMPTY;
    try {
      const rets = this.returns.get(fn) ?? [];
      for (const r of rets) {
        const rv = this.ev(r);
        v = v === EMPTY ? rv : this.union(v, rv);
      }
    } finally {
      this.inProgress.delete(fn);
    }
    this.retMemo.set(fn, v);
    return v;
  }

  /** Replace a function's parameter labels with the taint of the call's arguments. */
  private substitute(v: Val, fn: Fn, call: TSESTree.CallExpression | TSESTree.NewExpression): Val {
    if (v.labels.length === 0) return v.path !== undefined ? { labels: [], path: v.path } : EMPTY;
    let labels: readonly Label[] = [];
    for (const l of v.labels) {
      if (l.fn === fn && l.param !== undefined) {
        const arg = this.argVal(fn, l.param, call);
        const through = arg.labels.map((a) => ({
          ...a,
          flags: a.flags | l.flags,
          steps: capSteps([...a.steps, { node: call, message: 'into a call' }, ...l.steps]),
        }));
        labels = mergeLabels(labels, through);
      } else {
        labels = mergeLabels(labels, [
          { ...l, steps: capSteps([...l.steps, { node: call, message: 'returned from a call' }]) },
        ]);
      }
    }
    return labels.length ? { labels, ...(v.path !== undefined ? { path: v.path } : {}) } : EMPTY;
  }

  private argVal(
    fn: Fn | undefined,
    index: number,
    call: TSESTree.CallExpression | TSESTree.NewExpression,
  ): Val {
    const param = fn?.params[index];
    if (param?.type === 'RestElement')
      return this.unionAll(call.arguments.slice(index).map((a) => this.ev(a)));
    const arg = call.arguments[index];
    return arg ? this.ev(arg) : EMPTY;
  }

  private applySummary(s: FunctionSummary, call: TSESTree.CallExpression | TSESTree.NewExpression): Val {
    let labels: readonly Label[] = [];
    for (const r of s.returns) {
      const arg = this.argVal(undefined, r.param, call);
      labels = mergeLabels(
        labels,
        arg.labels.map((a) => ({
          ...a,
          flags: a.flags | r.flags,
          steps: capSteps([
            ...a.steps,
            ...r.steps.map(remoteStep),
            { node: call, message: 'returned from an imported function' },
          ]),
        })),
      );
    }
    for (const src of s.returnSources) labels = mergeLabels(labels, [this.remoteLabel(src, call)]);
    return labels.length || s.returnPath
      ? { labels, ...(s.returnPath ? { path: s.returnPath } : {}) }
      : EMPTY;
  }

  private remoteLabel(src: SourceSummary, at: Node): Label {
    let o = this.origins.get(at);
    if (!o || o.label !== src.label) {
      o = { id: this.nextOrigin++, kind: src.kind, label: src.label, remote: src.steps };
      this.origins.set(at, o);
    }
    return { origin: o, flags: src.flags, steps: [{ node: at, message: 'imported' }] };
  }

  // ---- parameters: framework roles, decorators, or symbolic labels for summaries ----

  private paramVal(fn: Fn, index: number): Val {
    const param = fn.params[index]!;
    const decorated = param.type === 'TSParameterProperty' ? param : param;
    for (const d of (decorated as { decorators?: TSESTree.Decorator[] }).decorators ?? []) {
      const expr = d.expression;
      const name =
        expr.type === 'CallExpression' && expr.callee.type === 'Identifier'
          ? expr.callee.name
          : expr.type === 'Identifier'
            ? expr.name
            : undefined;
      const model = name ? this.models.decorators.get(name) : undefined;
      if (model?.source)
        return {
          labels: [
            { origin: this.origin(param, model.source.kind, model.source.label), flags: 0, steps: [] },
          ],
          whole: true,
        };
      if (model?.role) return this.roleVal(param, model.role);
    }
    const roles = this.rolesOf(fn);
    if (roles) {
      const role = roles[index];
      return role ? this.roleVal(param, role) : EMPTY;
    }
    if (isCallbackArg(fn, this.models.callbacks)) return EMPTY;
    return { labels: [{ fn, param: index, flags: 0, steps: [] }] };
  }

  private roleVal(node: Node, role: string): Val {
    const labels = this.sourceVal(node, role, false);
    return { labels, path: role, ...(labels.length ? { whole: true } : {}) };
  }

  private rolesOf(fn: Fn): string[] | null {
    const known = this.roles.get(fn);
    if (known !== undefined) return known;
    this.roles.set(fn, null);
    const roles = this.findRoles(fn);
    this.roles.set(fn, roles);
    return roles;
  }

  private findRoles(fn: Fn): string[] | null {
    const names = fn.params.map((p) =>
      p.type === 'Identifier'
        ? p.name
        : p.type === 'AssignmentPattern' && p.left.type === 'Identifier'
          ? p.left.name
          : '',
    );
    const byName = this.models.nameHandlers.find((h) =>
      h.paramNames!.every((re, i) => new RegExp(re).test(names[i] ?? '\0')),
    );
    const parent = fn.parent;
    if (
      parent?.type === 'CallExpression' &&
      parent.arguments.includes(fn as TSESTree.CallExpressionArgument)
    ) {
      const key = this.calleeKey(
        parent.callee,
        parent.callee.type === 'Super' ? EMPTY : this.ev(parent.callee),
      );
      if (key !== undefined) {
        for (const h of this.models.routeHandlers.match(key)) {
          const first = parent.arguments[0];
          if (h.route && (!first || first === fn || !isRouteLike(first))) continue;
          if (h.firstArg !== undefined && !(first?.type === 'Literal' && first.value === h.firstArg))
            continue;
          return byName?.params ?? h.params;
        }
      }
    }
    const exported = exportedName(fn);
    if (exported !== undefined) {
      const h = this.models.exportHandlers.find(
        (m) => m.exportNames!.includes(exported) && (!m.file || new RegExp(m.file).test(this.filename)),
      );
      if (h) return h.params;
    }
    const first = fn.params[0];
    const ann = first && 'typeAnnotation' in first ? first.typeAnnotation?.typeAnnotation : undefined;
    if (ann?.type === 'TSTypeReference') {
      const typeName =
        ann.typeName.type === 'Identifier'
          ? ann.typeName.name
          : ann.typeName.type === 'TSQualifiedName'
            ? ann.typeName.right.name
            : '';
      const h = this.models.typeHandlers.find((m) => m.paramType!.includes(typeName));
      if (h) return byName?.params ?? h.params;
    }
    return byName?.params ?? null;
  }

  // ---- writes ----

  private bindPattern(target: Node, v: Val, at: Node): void {
    switch (target.type) {
      case 'Identifier': {
        const variable = this.bindings.variableOf(target);
        if (variable) this.assign(variable, this.withStep(v, at, `assigned to ${target.name}`));
        break;
      }
      case 'ObjectPattern':
        for (const p of target.properties) {
          if (p.type === 'RestElement') this.bindPattern(p.argument, { labels: v.labels }, at);
          else this.bindPattern(p.value, this.member(v, propName(p), p), at);
        }
        break;
      case 'ArrayPattern':
        for (const e of target.elements) if (e) this.bindPattern(e, { labels: v.labels }, at);
        break;
      case 'AssignmentPattern':
        this.bindPattern(target.left, this.union(v, this.ev(target.right)), at);
        break;
      case 'RestElement':
        this.bindPattern(target.argument, { labels: v.labels }, at);
        break;
      case 'TSParameterProperty':
        this.bindPattern(target.parameter, v, at);
        break;
      default:
        break;
    }
  }

  private assign(variable: Variable, v: Val): void {
    const prev = this.state.get(variable);
    if (!prev) {
      if (
        v.labels.length ||
        v.path !== undefined ||
        v.fn ||
        v.summary ||
        v.module ||
        v.obj ||
        v.cls ||
        v.members
      ) {
        this.state.set(variable, v);
        if (this.varsRead.has(variable)) this.stale = true;
      }
      return;
    }
    const next = mergeVal(prev, v);
    if (changedVal(prev, next)) {
      this.state.set(variable, next);
      if (this.varsRead.has(variable)) this.stale = true;
    }
  }

  /** `o.p = v` taints `o`; `this.p = v` sets a class field; `arr.push(v)` is handled as a call. */
  private memberWrite(a: TSESTree.AssignmentExpression): void {
    const left = a.left as TSESTree.MemberExpression;
    const value = this.ev(a.right);
    if (left.object.type === 'ThisExpression') {
      const cls = enclosingClass(left);
      const name = propName(left);
      if (cls && name) this.setField(cls, name, value);
      return;
    }
    if (value.labels.length === 0) return;
    const root = rootIdentifier(left.object);
    const variable = root ? this.bindings.variableOf(root) : undefined;
    if (variable) this.assign(variable, { labels: value.labels });
  }

  /** A mutating call (collect picked it): its arguments flow into the receiver's variable. */
  private mutate(call: TSESTree.CallExpression): void {
    const root = rootIdentifier((call.callee as TSESTree.MemberExpression).object);
    const variable = root ? this.bindings.variableOf(root) : undefined;
    if (!variable) return;
    const v = this.unionAll(call.arguments.map((x) => this.ev(x)));
    if (v.labels.length) this.assign(variable, { labels: v.labels });
  }

  // ---- sinks ----

  private checkSinks(): void {
    for (const call of this.calls) this.checkCall(call);
    for (const a of this.memberWrites) this.checkAssign(a);
    for (const attr of this.jsxAttrs) this.checkJsx(attr);
    // Calls to local functions whose parameters reach sinks: repeat until no new summary entry.
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const before = this.paramSinkCount();
      for (const call of this.calls) this.checkLocalCall(call);
      if (this.paramSinkCount() === before) break;
    }
  }

  private paramSinkCount(): number {
    let n = 0;
    for (const list of this.paramSinks.values()) n += list.length;
    return n;
  }

  private checkCall(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
    const callee = call.callee;
    if (callee.type === 'Super') return;
    const calleeVal = this.ev(callee);
    const key = this.calleeKey(callee, calleeVal);
    if (key !== undefined) {
      for (const ref of this.sinkCalls.match(key)) {
        if (!ref.sink.exclude?.some((p) => matchesPattern(p, key))) this.checkCallSink(call, ref);
      }
    }
    // Imported helpers whose parameters reach sinks in their own file.
    const summary =
      calleeVal.summary ??
      (calleeVal.module ? fromExport(calleeVal.module.exports.default)?.summary : undefined);
    if (summary && !calleeVal.fn) {
      for (const s of summary.sinks) {
        const rule = this.rulesById.get(s.ruleId);
        if (!rule) continue;
        const arg = this.argVal(undefined, s.param, call);
        const labels = arg.labels.map((l) => ({
          ...l,
          flags: l.flags | s.flags,
          steps: capSteps([
            ...l.steps,
            { node: call, message: 'passed to an imported function' },
            ...s.steps.map(remoteStep),
          ]),
        }));
        this.hit(rule, call, labels, call.arguments[s.param] ?? call, s.sink);
      }
    }
    // Tainted method names: handlers[req.query.action]().
    if (callee.type === 'MemberExpression' && callee.computed && callee.property.type !== 'Literal') {
      for (const rule of this.rules) {
        if (!rule.spec.taintedMethodCall) continue;
        const k = this.ev(callee.property);
        this.hit(rule, call, k.labels, callee.property, {
          location: this.locate(call),
          message: 'method chosen by untrusted name',
        });
      }
    }
  }

  private checkCallSink(call: TSESTree.CallExpression | TSESTree.NewExpression, ref: SinkRef): void {
    const { sink, rule } = ref;
    const args = call.arguments;
    if (sink.receiver) {
      const name = call.callee.type === 'MemberExpression' ? receiverName(call.callee.object) : undefined;
      const calleePath = this.ev(call.callee).path;
      const byModule = calleePath !== undefined && (sink.modules ?? []).some((m) => calleePath.startsWith(m));
      if (!byModule && (!name || !new RegExp(sink.receiver, 'i').test(name))) return;
    }
    if (sink.firstLiteral !== undefined) {
      const first = args[0];
      if (!(
        first?.type === 'Literal' &&
        typeof first.value === 'string' &&
        new RegExp(sink.firstLiteral, 'i').test(first.value)
      ))
        return;
    }
    for (const cond of sink.when ?? []) if (!optionHolds(args[cond.arg], cond, (n) => this.text(n))) return;
    const indices =
      sink.args === 'all'
        ? args.map((_, i) => i)
        : sink.args === 'last'
          ? [args.length - 1]
          : (sink.args ?? [0]);
    for (const i of indices) {
      const arg = args[i];
      if (!arg) continue;
      if (sink.skipLiteralObjects && (arg.type === 'ObjectExpression' || arg.type === 'ArrayExpression'))
        continue;
      if (sink.objectValues && arg.type === 'ObjectExpression') {
        this.checkObjectValues(call, arg, ref, 0);
        continue;
      }
      const v = this.ev(arg);
      if (sink.wholeObject && !v.whole) continue;
      this.hit(rule, call, v.labels, arg, { location: this.locate(call), message: sink.label });
    }
  }

  private checkObjectValues(call: Node, obj: TSESTree.ObjectExpression, ref: SinkRef, depth: number): void {
    for (const p of obj.properties) {
      if (p.type === 'SpreadElement') {
        this.hit(ref.rule, call, this.ev(p.argument).labels, p, {
          location: this.locate(call),
          message: ref.sink.label,
        });
        continue;
      }
      const key = propName(p);
      if (key !== undefined && ref.sink.dangerousKeys?.includes(key)) {
        const v = this.ev(p.value);
        // `$where` runs JavaScript: a string is as bad as an object there.
        const labels = v.labels.map((l) => ({
          ...l,
          flags: l.flags & ~(flagBit('string') | flagBit('nosql')),
        }));
        this.hit(ref.rule, call, labels, p.value, {
          location: this.locate(call),
          message: `${ref.sink.label} (${key})`,
        });
        continue;
      }
      if (p.value.type === 'ObjectExpression' && depth < 3) {
        this.checkObjectValues(call, p.value, ref, depth + 1);
        continue;
      }
      this.hit(ref.rule, call, this.ev(p.value).labels, p.value, {
        location: this.locate(call),
        message: ref.sink.label,
      });
    }
  }

  private checkAssign(a: TSESTree.AssignmentExpression): void {
    const left = a.left as TSESTree.MemberExpression;
    const objVal = this.ev(left.object);
    const name = propName(left);
    if (name !== undefined) {
      const key =
        objVal.path !== undefined ? (objVal.path === '' ? name : `${objVal.path}.${name}`) : `?.${name}`;
      for (const ref of this.sinkAssigns.match(key)) {
        if (ref.sink.exclude?.some((p) => matchesPattern(p, key))) continue;
        if (
          ref.sink.skipLiteralObjects &&
          (a.right.type === 'ObjectExpression' || a.right.type === 'ArrayExpression')
        )
          continue;
        this.hit(ref.rule, a, this.ev(a.right).labels, a.right, {
          location: this.locate(a),
          message: ref.sink.label,
        });
      }
    }
    // obj[a][b] = v with an untrusted key: prototype pollution.
    if (left.computed && left.object.type === 'MemberExpression' && left.object.computed) {
      const keys = this.union(this.ev(left.property), this.ev(left.object.property));
      for (const rule of this.rules) {
        if (!rule.spec.taintedKeyWrite) continue;
        this.hit(
          rule,
          a,
          keys.labels,
          left.property,
          { location: this.locate(a), message: 'property written with an untrusted key' },
          [left.object.property],
        );
      }
    }
  }

  private checkJsx(attr: TSESTree.JSXAttribute): void {
    if (attr.name.type !== 'JSXIdentifier') return;
    const refs = this.sinkJsx.get(attr.name.name);
    if (
      !refs ||
      attr.value?.type !== 'JSXExpressionContainer' ||
      attr.value.expression.type === 'JSXEmptyExpression'
    )
      return;
    const v = this.ev(attr.value.expression);
    for (const ref of refs)
      this.hit(ref.rule, attr, v.labels, attr.value.expression, {
        location: this.locate(attr),
        message: ref.sink.label,
      });
  }

  private checkLocalCall(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
    if (call.callee.type === 'Super') return;
    const fn = this.ev(call.callee).fn;
    const entries = fn ? this.paramSinks.get(fn) : undefined;
    if (!fn || !entries) return;
    for (const e of [...entries]) {
      const arg = this.argVal(fn, e.param, call);
      const labels = arg.labels.map((l) => ({
        ...l,
        flags: l.flags | e.flags,
        steps: capSteps([...l.steps, { node: call, message: 'passed to a function' }, ...e.localSteps]),
      }));
      this.hit(
        e.rule,
        e.sinkNode ?? call,
        labels,
        call.arguments[e.param] ?? call,
        e.sink,
        [],
        e.sinkNode ? undefined : call,
      );
    }
  }

  /**
   * Taint arrived at a sink. Labels from sources become findings; labels from a parameter of the
   * enclosing function become that function's summary entries, checked again at its call sites.
   * `reportAt` is the node the finding is reported on when the sink is in another file.
   */
  private hit(
    rule: CompiledRule,
    sinkNode: Node,
    labels: readonly Label[],
    valueNode: Node,
    sink: FlowStep,
    extraGuardNodes: Node[] = [],
    reportAt?: Node,
  ): void {
    if (labels.length === 0) return;
    let related: Set<Variable> | undefined;
    const guarded = (): boolean => {
      related ??= this.relatedVariables([valueNode, ...extraGuardNodes]);
      return (
        isGuarded(reportAt ?? sinkNode, related, (n) => this.bindings.variableOf(n), rule.guards) ||
        (reportAt !== undefined &&
          isGuarded(sinkNode, related, (n) => this.bindings.variableOf(n), rule.guards))
      );
    };
    for (const l of labels) {
      if ((l.flags & rule.mask) !== 0) continue;
      if (l.origin && !rule.kinds.has(l.origin.kind)) continue;
      if (guarded()) return;
      if (l.origin) this.report(rule, reportAt ?? sinkNode, l, sink);
      else if (l.fn && l.param !== undefined) {
        const list = this.paramSinks.get(l.fn) ?? [];
        const key = `${l.param}:${rule.id}:${sink.location.startLine}:${sink.location.startColumn}:${sink.location.path}:${l.flags}`;
        if (list.some((e) => e.key === key)) continue;
        list.push({
          key,
          param: l.param,
          ruleId: rule.id,
          rule,
          flags: l.flags,
          steps: l.steps.map((s) => this.flowStep(s)),
          localSteps: l.steps,
          sink,
          ...(reportAt ? {} : { sinkNode }),
        });
        this.paramSinks.set(l.fn, list);
      }
    }
  }

  private relatedVariables(nodes: Node[]): Set<Variable> {
    const out = new Set<Variable>();
    const queue: Variable[] = [];
    for (const n of nodes) for (const v of this.identifiersIn(n)) queue.push(v);
    // The value's own variables, what they were computed from (a few levels) and what was
    // computed from them (`const u = new URL(x)` guards `x` through `u.hostname`).
    for (let depth = 0; depth < 3 && queue.length; depth++) {
      const next: Variable[] = [];
      for (const v of queue) {
        if (out.has(v)) continue;
        out.add(v);
        this.dependencyMaps();
        for (const s of this.inits.get(v) ?? []) next.push(s);
        for (const d of this.dependents.get(v) ?? []) if (depth === 0) next.push(d);
      }
      queue.splice(0, queue.length, ...next);
    }
    return out;
  }

  private report(rule: CompiledRule, at: Node, l: Label, sink: FlowStep): void {
    const o = l.origin!;
    const sourceSteps: FlowStep[] =
      o.remote ?? (o.node ? [{ location: this.locate(o.node), message: `source: ${o.label}` }] : []);
    const flow: FlowStep[] = [
      ...sourceSteps,
      ...l.steps.map((s) => this.flowStep(s)),
      { location: sink.location, message: `sink: ${sink.message}` },
    ];
    const sourceAt = sourceSteps[0]?.location;
    const where = sourceAt
      ? sourceAt.path === this.filename
        ? `line ${sourceAt.startLine}`
        : `${sourceAt.path}:${sourceAt.startLine}`
      : 'elsewhere';
    const byLoc = this.findings.get(rule.id) ?? new Map<string, ReportDescriptor>();
    const key = `${at.range[0]}`;
    if (!byLoc.has(key)) {
      byLoc.set(key, {
        node: at,
        message: `Untrusted data from ${o.label} (${where}) reaches ${sink.message}${sink.location.path !== this.filename ? ` in ${sink.location.path}:${sink.location.startLine}` : ''}.`,
        flow,
        ...(o.kind === 'env' ? { severity: 'low' as const } : {}),
      });
    }
    this.findings.set(rule.id, byLoc);
  }

  private flowStep(s: Step): FlowStep {
    return { location: s.location ?? this.locate(s.node!), message: s.message };
  }

  private text(n: Node): string {
    return this.sourceText.slice(n.range[0], n.range[1]);
  }

  // ---- exports ----

  private buildSummary(): ModuleSummary {
    const exports: Record<string, ExportSummary> = {};
    for (const node of this.exportNodes) {
      if (node.type === 'ExportDefaultDeclaration') {
        const d = node.declaration;
        const v = isFn(d)
          ? { labels: [], fn: d }
          : d.type === 'ClassDeclaration'
            ? { labels: [], cls: d }
            : this.ev(d as Node);
        exports.default = this.exportOf(v);
      } else if (node.type === 'ExportAllDeclaration') {
        const mod = this.moduleVal(node.source.value);
        if (node.exported) exports[nameOf(node.exported)] = this.exportOf(mod);
        else
          for (const [k, e] of Object.entries(mod.module?.exports ?? {})) if (k !== 'default') exports[k] = e;
      } else if (node.type === 'ExportNamedDeclaration') {
        const d = node.declaration;
        if (d?.type === 'FunctionDeclaration' && d.id)
          exports[d.id.name] = this.exportOf({ labels: [], fn: d });
        else if (d?.type === 'ClassDeclaration' && d.id)
          exports[d.id.name] = this.exportOf({ labels: [], cls: d });
        else if (d?.type === 'VariableDeclaration') {
          for (const decl of d.declarations)
            if (decl.id.type === 'Identifier') exports[decl.id.name] = this.exportOf(this.ev(decl.id));
        }
        const mod = node.source ? this.moduleVal(node.source.value) : undefined;
        for (const s of node.specifiers) {
          const local = nameOf(s.local);
          const v = mod ? this.member(mod, local, s) : this.ev(s.local);
          exports[nameOf(s.exported)] = this.exportOf(v);
        }
      }
    }
    // CommonJS: module.exports = …, module.exports.x = …, exports.x = …
    for (const a of this.memberWrites) {
      const left = a.left as TSESTree.MemberExpression;
      const isModuleExports = (n: Node): boolean =>
        n.type === 'MemberExpression' &&
        n.object.type === 'Identifier' &&
        n.object.name === 'module' &&
        propName(n) === 'exports' &&
        !this.bindings.variableOf(n.object);
      const isExports = (n: Node): boolean =>
        n.type === 'Identifier' && n.name === 'exports' && !this.bindings.variableOf(n);
      if (isModuleExports(left)) {
        const v = this.ev(a.right);
        const e = this.exportOf(v);
        exports.default = e;
        if (e.members) Object.assign(exports, e.members);
      } else if ((isModuleExports(left.object) || isExports(left.object)) && propName(left)) {
        exports[propName(left)!] = this.exportOf(this.ev(a.right));
      }
    }
    return { path: this.filename, exports };
  }

  private exportOf(v: Val): ExportSummary {
    const e: ExportSummary = {};
    if (v.path !== undefined) e.path = v.path;
    if (v.fn) e.fn = this.summarise(v.fn);
    else if (v.summary) e.fn = v.summary;
    const sources = v.labels.filter((l) => l.origin).map((l) => this.sourceSummary(l));
    if (sources.length) e.sources = sources;
    if (v.members) e.members = v.members;
    if (v.obj) {
      const members: Record<string, ExportSummary> = {};
      for (const p of v.obj.properties) {
        const k = p.type === 'Property' ? propName(p) : undefined;
        if (p.type === 'Property' && k !== undefined) members[k] = this.exportOf(this.ev(p.value));
      }
      e.members = members;
    }
    if (v.cls) {
      const members: Record<string, ExportSummary> = {};
      for (const m of v.cls.body.body) {
        const k = m.type === 'MethodDefinition' ? propName(m) : undefined;
        if (m.type === 'MethodDefinition' && k !== undefined && k !== 'constructor')
          members[k] = { fn: this.summarise(m.value as Fn) };
      }
      e.members = members;
    }
    return e;
  }

  private summarise(fn: Fn): FunctionSummary {
    const ret = this.returnVal(fn);
    const returns = ret.labels
      .filter((l) => l.fn === fn && l.param !== undefined)
      .map((l) => ({ param: l.param!, flags: l.flags, steps: l.steps.map((s) => this.flowStep(s)) }));
    const returnSources = ret.labels.filter((l) => l.origin).map((l) => this.sourceSummary(l));
    const sinks = (this.paramSinks.get(fn) ?? []).map((e) => ({
      param: e.param,
      ruleId: e.ruleId,
      flags: e.flags,
      steps: e.steps,
      sink: e.sink,
    }));
    return { returns, returnSources, sinks, ...(ret.path !== undefined ? { returnPath: ret.path } : {}) };
  }

  private sourceSummary(l: Label): SourceSummary {
    const o = l.origin!;
    const head =
      o.remote ?? (o.node ? [{ location: this.locate(o.node), message: `source: ${o.label}` }] : []);
    return {
      kind: o.kind,
      label: o.label,
      flags: l.flags,
      steps: [...head, ...l.steps.map((s) => this.flowStep(s))],
    };
  }
}

// ---- helpers ----

function labelKey(l: Label): string {
  return l.origin ? `o${l.origin.id}:${l.flags}` : `p${l.param}:${l.flags}:${l.fn?.range[0]}`;
}

function mergeLabels(a: readonly Label[], b: readonly Label[]): readonly Label[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b.length > MAX_LABELS ? b.slice(0, MAX_LABELS) : b;
  const keys = new Set(a.map(labelKey));
  let out: Label[] | undefined;
  for (const l of b) {
    const k = labelKey(l);
    if (keys.has(k)) continue;
    if (a.length + (out?.length ?? 0) >= MAX_LABELS) break;
    keys.add(k);
    (out ??= []).push(l);
  }
  return out ? [...a, ...out] : a;
}

function mergeVal(prev: Val, v: Val): Val {
  const labels = mergeLabels(prev.labels, v.labels);
  const next: Val = { ...prev, labels };
  if (next.path === undefined && v.path !== undefined) next.path = v.path;
  next.fn ??= v.fn;
  next.summary ??= v.summary;
  next.module ??= v.module;
  next.members ??= v.members;
  next.obj ??= v.obj;
  next.cls ??= v.cls;
  if (v.whole) next.whole = true;
  return next;
}

function isEmptyVal(v: Val): boolean {
  return (
    v.labels.length === 0 &&
    v.path === undefined &&
    !v.fn &&
    !v.summary &&
    !v.module &&
    !v.members &&
    !v.obj &&
    !v.cls
  );
}

function changedVal(prev: Val, next: Val): boolean {
  return (
    prev.labels.length !== next.labels.length ||
    prev.path !== next.path ||
    prev.fn !== next.fn ||
    prev.summary !== next.summary ||
    prev.module !== next.module ||
    prev.obj !== next.obj ||
    prev.cls !== next.cls ||
    prev.whole !== next.whole
  );
}

function capSteps(steps: readonly Step[]): readonly Step[] {
  return steps.length > MAX_STEPS ? [...steps.slice(0, 2), ...steps.slice(-(MAX_STEPS - 2))] : steps;
}

function remoteStep(s: FlowStep): Step {
  return { location: s.location, message: s.message };
}

function fromExport(e: ExportSummary | undefined): Val | undefined {
  if (!e) return undefined;
  const v: Val = { labels: [] };
  if (e.path !== undefined) v.path = e.path;
  if (e.fn) v.summary = e.fn;
  if (e.members) v.members = e.members;
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

function hashSteps(steps: FlowStep[]): number {
  const l = steps[0]?.location;
  return l ? l.startLine * 1000 + l.startColumn + l.path.length * 7 : 0;
}

function enclosingClass(node: Node): Cls | undefined {
  let n: Node | undefined = node.parent;
  while (n) {
    if (n.type === 'ClassDeclaration' || n.type === 'ClassExpression') return n;
    if (
      (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression') &&
      n.parent?.type !== 'MethodDefinition'
    )
      return undefined;
    n = n.parent;
  }
  return undefined;
}

function rootIdentifier(node: Node): TSESTree.Identifier | undefined {
  let n: Node = node;
  while (n.type === 'MemberExpression' || n.type === 'TSNonNullExpression' || n.type === 'ChainExpression')
    n = n.type === 'MemberExpression' ? n.object : n.expression;
  return n.type === 'Identifier' ? n : undefined;
}

function receiverName(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') return propName(node);
  if (node.type === 'CallExpression') return receiverName(node.callee);
  if (node.type === 'AwaitExpression') return receiverName(node.argument);
  if (node.type === 'ThisExpression') return 'this';
  return undefined;
}

function isRouteLike(node: Node): boolean {
  return (
    (node.type === 'Literal' && (typeof node.value === 'string' || 'regex' in node)) ||
    node.type === 'TemplateLiteral' ||
    node.type === 'ArrayExpression'
  );
}

function isCallbackArg(fn: Fn, callbacks: ReadonlyMap<string, number>): boolean {
  const p = fn.parent;
  if (p?.type !== 'CallExpression' || p.callee.type !== 'MemberExpression') return false;
  const name = propName(p.callee);
  return name !== undefined && callbacks.has(name);
}

function exportedName(fn: Fn): string | undefined {
  const p = fn.parent;
  if (fn.type === 'FunctionDeclaration' && p?.type === 'ExportNamedDeclaration') return fn.id?.name;
  if (p?.type === 'ExportDefaultDeclaration') return 'default';
  if (
    p?.type === 'VariableDeclarator' &&
    p.id.type === 'Identifier' &&
    p.parent.parent?.type === 'ExportNamedDeclaration'
  )
    return p.id.name;
  return undefined;
}

function nameOf(n: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return n.type === 'Identifier' ? n.name : n.value;
}

function optionHolds(
  arg: Node | undefined,
  cond: { key: string; present: boolean; matches?: string },
  text: (n: Node) => string,
): boolean {
  const prop =
    arg?.type === 'ObjectExpression'
      ? arg.properties.find((p): p is TSESTree.Property => p.type === 'Property' && propName(p) === cond.key)
      : undefined;
  const on =
    !!prop && !(prop.value.type === 'Literal' && (prop.value.value === false || prop.value.value === null));
  if (!cond.present) return !on;
  if (!on) return false;
  return cond.matches === undefined || new RegExp(cond.matches).test(text(prop.value));
}

/** Walk a subtree without entering nested functions' bodies. */
function traverseShallow(node: Node, visit: (n: Node) => void): void {
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    visit(n);
    if (isFn(n) && n !== node) continue;
    for (const key of Object.keys(n)) {
      if (key === 'parent' || key === 'loc' || key === 'range' || key === 'typeAnnotation') continue;
      const child = (n as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const c of child)
          if (c && typeof c === 'object' && typeof (c as Node).type === 'string') stack.push(c as Node);
      } else if (child && typeof child === 'object' && typeof (child as Node).type === 'string')
        stack.push(child as Node);
    }
  }
}
