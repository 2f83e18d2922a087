import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Location } from '../../core/finding.ts';
import { type ConstructorFunction, constructorMembers } from './constructor-members.ts';
import { Bindings, type Variable } from '../scope/bindings.ts';
import { isRelative, normaliseModule } from '../scope/modules.ts';
import type { ReportDescriptor } from '../rule.ts';
import { traverse } from '../traverse.ts';
import { calleeName, unwrap } from '../resolve.ts';
import { inDevelopmentOnlyCode } from '../development-only.ts';
import { inAdministratorOnlyCode } from '../administrator-only.ts';
import { FieldOverwrites } from './field-overwrites.ts';
import { fieldChecks } from './zod-schemas.ts';
import { ReachingDefs } from './reaching.ts';
import { allowedWhen } from './guards.ts';
import { type CompiledModels, defaultModels } from './models.ts';
import { ERROR_ROLE, flagBit, flagBits, REFERRER_HEADER, type SourceKind, UNBOUND_REQUEST } from './spec.ts';
import type { ParamSink, TaintEnv } from './summary.ts';
import {
  type Copy,
  changedVal,
  type Cls,
  CLEAN_PROPERTIES,
  SERVER_UPLOAD_FIELDS,
  type CompiledRule,
  EMPTY,
  OWN_MODULE,
  type Fn,
  fromExport,
  GLOBAL_ALIASES,
  GLOBAL_OBJECTS,
  isEmptyVal,
  isFn,
  type Label,
  MAX_DEPTH,
  MAX_STEPS,
  mergeLabels,
  mergeVal,
  MUTATORS,
  type Node,
  type Origin,
  propName,
  type Step,
  type Val,
  addFlags,
  dropFlag,
  heldField,
  sameStrand,
  withoutFragment,
} from './values.ts';
import {
  enclosingClass,
  PAGE_FUNCTION_CALLS,
  parsedUrlArgument,
  readPath,
  rootIdentifier,
  traverseShallow,
} from './nodes.ts';
import { routePinsPath } from './route-paths.ts';
import { SHAPE } from './segments.ts';
import { LITERAL_OPERANDS } from '../models/databases.ts';
import { type AttributeAt, attributeAt } from './attribute-context.ts';
import { componentOptions, isVueInstanceThis, optionMember, VUE_INSTANCE } from './vue-instance.ts';

/**
 * A cell read by a value that depends on the order of evaluation (a cycle, the depth limit): it
 * never changes, and keeps what reads it from being settled.
 */
export const UNORDERED = {};

const STALE = -1;
/** A span whose verdict waits for those of the spans it used. */
const PENDING = -2;

/**
 * Propagation: one walk collects every write, call, return, sink candidate and export; `ev`
 * gives a node's value; writes bind values to variables, fields and mutated objects, iterated
 * to a fixpoint by the subclass. Calls and parameters are the subclass's (calls.ts).
 */
export abstract class Propagation {
  protected readonly bindings: Bindings;
  protected readonly reaching = new ReachingDefs((test, outcome, variable) =>
    allowedWhen(
      test,
      outcome,
      variable,
      (n) => this.bindings.variableOf(n),
      (n) => this.ev(n).labels.length === 0,
    ),
  );
  protected readonly models: CompiledModels;

  protected readonly state = new Map<Variable, Val>();
  protected readonly fields = new Map<Cls, Map<string, Val>>();
  protected readonly returns = new Map<Fn, Node[]>();
  protected readonly writes: Array<() => void> = [];
  protected readonly calls: Array<TSESTree.CallExpression | TSESTree.NewExpression> = [];
  /** `import(x)` expressions: sinks named `import` see their specifier. */
  protected readonly imports: TSESTree.ImportExpression[] = [];
  protected readonly memberWrites: TSESTree.AssignmentExpression[] = [];
  /** Object literals whose fields literalField is reading (a literal that spreads itself). */
  private readonly readingLiterals = new Set<TSESTree.ObjectExpression>();
  /** Functions with a computed write `o[k] = …` of their own (helperKeyWrites looks only in these). */
  protected readonly keyWriters = new Set<Fn>();
  /** Calls of a named function with two or more arguments, by the function they sit in (helper chains). */
  protected readonly helperCalls = new Map<Fn, TSESTree.CallExpression[]>();
  protected readonly jsxAttrs: TSESTree.JSXAttribute[] = [];
  /** `x.length` bounding a `for`/`while` loop (`i < x.length`): loop-bound sinks see `x`. */
  protected readonly loopBounds: TSESTree.MemberExpression[] = [];
  /** Equality tests that decide an `if` (`if (a === b && c)`): comparison-bypass sinks see both sides. */
  protected readonly decidingComparisons: TSESTree.BinaryExpression[] = [];
  protected readonly exportNodes: Node[] = [];
  protected readonly roles = new Map<Fn, string[] | null>();
  protected readonly origins = new Map<Node, Origin>();
  /**
   * Parameters reaching sinks, per function: one entry per parameter, rule, sink and flags, keyed
   * by those; the flow's steps stay nodes until a summary needs them as locations.
   */
  protected readonly paramSinks = new Map<
    Fn,
    Map<
      string,
      Omit<ParamSink, 'steps'> & { sinkNode?: Node; rule: CompiledRule; localSteps: readonly Step[] }
    >
  >();
  protected readonly findings = new Map<string, Map<string, ReportDescriptor>>();
  /** Per rule, lines of sinks that source data reached only sanitised or behind a guard. */
  protected readonly cleared = new Map<string, Set<number>>();
  /** Per rule, the lines of `cleared` that a parameter reached so: cleared whatever the callers pass. */
  protected readonly clearedForAnyCaller = new Map<string, Set<number>>();
  protected readonly dependents = new Map<Variable, Set<Variable>>();
  protected readonly inits = new Map<Variable, Map<Variable, Set<string>>>();
  protected readonly assignments: Array<[Node, Node]> = [];
  protected dependenciesBuilt = false;

  /** This round's values that read the state below (variables, fields, returns): cleared by startRound. */
  protected memo = new Map<Node, Val>();
  /** The span of `reads` each memoised value's evaluation covers. */
  protected memoSpans = new Map<Node, number>();
  /**
   * The nodes being evaluated (ev's stack): met again, a cycle. Apart from `memo`, which marking
   * them filled with as many deletions as values.
   */
  private readonly evaluating = new Set<Node>();
  /**
   * Values that read none of it (a literal, a module path, a parameter's label): the same in every
   * round, so a file that needs several rounds computes them once.
   */
  protected readonly settled = new Map<Node, Val>();
  /**
   * Every read of state a later write may change, in evaluation order, across rounds: the cell
   * read (a variable, a class's fields, a role object's written paths, a component instance), or
   * the span (its number, see `span`) of an earlier evaluation whose memoised value was used
   * instead. A write is worked out again only when something it read changed after the read (see
   * `stale`); ev tells settled values by their reading nothing.
   */
  protected readonly reads: Array<object | number> = [];
  /** Off once the rounds are over: every value worked out after them is final (settled). */
  protected logging = true;
  /** Each span's start and end in `reads`, two entries per span number. */
  private readonly spanBounds: number[] = [];
  /** Where in `reads` each cell last changed. */
  protected readonly changedAt = new Map<object, number>();
  /** Changes so far: a span found up to date stays so until the next one. */
  protected changes = 0;
  /** Per span: STALE, or the count of changes when it was last found up to date. */
  private readonly verdicts = new Map<number, number>();
  /** `stale`'s work list, reused from one call to the next. */
  private readonly staleStack: number[] = [];
  protected retMemo = new Map<Fn, Val>();
  protected retSpans = new Map<Fn, number>();
  /** A function's copy of a parameter (Calls.copyOf), null for none: worked out once a round. */
  protected copyMemo = new Map<Fn, Copy | null>();
  protected copySpans = new Map<Fn, number>();
  /** Functions whose return value is being worked out (a recursive call evaluates to nothing). */
  protected readonly inProgress = new Set<Fn>();
  /**
   * Writes into an object's properties (`req.body.email = …`, `data.x = …`): per variable holding
   * the object, by the first property written (`body`), or ANY_FIELD when that property is computed
   * or may change others (a URL's parts). A read of another named property does not see them; a
   * read of the whole object does. There for every variable written through, from the walk on.
   */
  protected readonly writtenFields = new Map<Variable, Map<string, readonly Label[]>>();
  /**
   * Array literals of object literals (Val.elements) whose elements may have changed where their
   * fields cannot be followed: written through, pushed to, or handed to a function not of this
   * file. An element's field read from these is the whole element.
   */
  protected readonly changedElements = new Set<TSESTree.ArrayExpression>();
  /** Does the file hold an array literal of object literals (Val.elements)? */
  protected recordArrays = false;
  /** A Vue options-API component's instance members assigned through `this.x` (see instanceMember). */
  protected readonly instanceFields = new Map<string, Val>();
  /** The component's options object, looked up on first use (null: none). */
  protected vueOptions: TSESTree.ObjectExpression | null | undefined;
  protected depth = 0;
  protected nextOrigin = 1;

  protected readonly ast: TSESTree.Program;
  protected readonly filename: string;
  protected readonly sourceText: string;
  protected readonly env: TaintEnv;
  protected readonly locate: (node: Node) => Location;

  constructor(
    ast: TSESTree.Program,
    filename: string,
    sourceText: string,
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
  }

  protected abstract evCall(node: TSESTree.CallExpression | TSESTree.NewExpression): Val;
  protected abstract returnVal(fn: Fn): Val;
  protected abstract paramVal(fn: Fn, index: number): Val;
  /** `arguments` inside `fn`: what its callers pass, whatever parameters it declares. */
  protected abstract argumentsVal(fn: Fn): Val;
  /** A value in a framework role (`@Request`): its sources, and the role as its path. */
  protected abstract roleVal(node: Node, role: string): Val;

  // ---- collection: one walk records every write, call, return, sink candidate and export ----

  protected collect(): void {
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
              this.writes.push(() => this.bindDeclarator(decl));
              if (decl.id.type === 'ArrayPattern' && isStateHook(decl.init)) this.noteStateSetter(decl.id);
            }
            break;
          }
          case 'AssignmentExpression': {
            const a = node;
            if (a.left.type === 'MemberExpression') {
              this.memberWrites.push(a);
              // `o[k] = v` directly in a function: it may be a helper that writes its caller's keys.
              const fn = fnStack[fnStack.length - 1];
              if (fn && a.left.computed && a.left.object.type === 'Identifier') this.keyWriters.add(fn);
            } else {
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
                const of = loop.type === 'ForOfStatement';
                const v = of ? this.ev(loop.right) : this.keysOf(loop.right);
                this.bindPattern(
                  target,
                  {
                    labels: v.labels,
                    ...(v.path !== undefined && of ? { path: v.path } : {}),
                    ...(v.elements && of ? { elementOf: v.elements } : {}),
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
          case 'ImportExpression':
            this.imports.push(node);
            break;
          case 'CallExpression':
          case 'NewExpression': {
            const call = node;
            this.calls.push(call);
            const caller = fnStack[fnStack.length - 1];
            if (
              caller &&
              call.type === 'CallExpression' &&
              call.callee.type === 'Identifier' &&
              call.arguments.length >= 2
            ) {
              // Appended in place: a copy per call was quadratic in a function's calls.
              let calls = this.helperCalls.get(caller);
              if (!calls) this.helperCalls.set(caller, (calls = []));
              calls.push(call);
            }
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
              if (name !== undefined && (this.models.callbacks.has(name) || PAGE_FUNCTION_CALLS.has(name)))
                this.writes.push(() => void this.ev(call));
            }
            break;
          }
          case 'JSXAttribute':
            this.jsxAttrs.push(node);
            break;
          case 'ArrayExpression':
            this.recordArrays ||= holdsRecords(node);
            break;
          case 'IfStatement':
            this.decidingComparisons.push(...equalityTests(node.test));
            break;
          case 'ForStatement':
          case 'WhileStatement':
          case 'DoWhileStatement': {
            const bound = loopLengthBound(node.test);
            if (bound) this.loopBounds.push(bound);
            break;
          }
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
    for (const a of this.memberWrites) {
      const object = (a.left as TSESTree.MemberExpression).object;
      mutated(object);
      const root = object.type === 'ThisExpression' ? undefined : rootIdentifier(object);
      const variable = root && this.bindings.variableOf(root);
      if (variable && !this.writtenFields.has(variable)) this.writtenFields.set(variable, new Map());
    }
    for (const call of mutatedCalls) {
      const object = (call.callee as TSESTree.MemberExpression).object;
      mutated(object);
      // `app.pool.add(k, v)` writes at `app`'s property `pool` (see mutate).
      const root = object.type === 'MemberExpression' ? rootIdentifier(object) : undefined;
      const variable = root && this.bindings.variableOf(root);
      if (variable && !this.writtenFields.has(variable)) this.writtenFields.set(variable, new Map());
    }
    if (this.recordArrays)
      for (const call of this.calls)
        if (call.arguments.some(mayAlias)) this.writes.push(() => this.handOver(call));
  }

  /** Recorded during the walk; turned into variable dependencies only if a guard needs them. */
  protected noteDependencies(target: Node, value: Node): void {
    this.assignments.push([target, value]);
  }

  protected dependencyMaps(): void {
    if (this.dependenciesBuilt) return;
    this.dependenciesBuilt = true;
    for (const [target, value] of this.assignments) this.addDependencies(target, value);
  }

  protected addDependencies(target: Node, value: Node): void {
    const targets = this.identifiersIn(target);
    if (targets.length === 0) return;
    // Each variable the value reads, with the property paths it reads (`req.query.name` → `query.name`).
    const sources = new Map<Variable, Set<string>>();
    traverseShallow(value, (n) => {
      if (n.type !== 'Identifier') return;
      const v = this.bindings.variableOf(n);
      if (!v) return;
      let read = sources.get(v);
      if (!read) sources.set(v, (read = new Set()));
      read.add(readPath(n, value));
    });
    for (const t of targets) {
      let map = this.inits.get(t);
      if (!map) this.inits.set(t, (map = new Map()));
      for (const [s, read] of sources) {
        const known = map.get(s);
        if (known) for (const r of read) known.add(r);
        else map.set(s, new Set(read));
        let deps = this.dependents.get(s);
        if (!deps) this.dependents.set(s, (deps = new Set()));
        deps.add(t);
      }
    }
  }

  /**
   * React's `const [value, setValue] = useState(init)`: what a later `setValue(x)` passes becomes
   * `value` at the next render, so each such call writes `x` to `value`.
   */
  protected noteStateSetter(pattern: TSESTree.ArrayPattern): void {
    const [state, setter] = pattern.elements;
    if (state?.type !== 'Identifier' || setter?.type !== 'Identifier') return;
    for (const ref of this.bindings.variableOf(setter)?.references ?? []) {
      const call = ref.identifier.parent;
      const arg =
        call?.type === 'CallExpression' && call.callee === ref.identifier ? call.arguments[0] : undefined;
      // `setValue(prev => …)` computes from the state itself: its result is not followed.
      if (!arg || arg.type === 'SpreadElement' || isFn(arg)) continue;
      this.writes.push(() => this.bindPattern(state, this.ev(arg), call!));
    }
  }

  protected identifiersIn(node: Node): Variable[] {
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

  protected union(a: Val, b: Val): Val {
    if (isEmptyVal(b)) return a;
    if (isEmptyVal(a)) return b;
    return mergeVal(a, b);
  }

  protected unionAll(vals: Val[]): Val {
    let labels: readonly Label[] = [];
    for (const v of vals) if (v.labels.length) labels = mergeLabels(labels, v.labels);
    return labels.length ? { labels } : EMPTY;
  }

  /** Is `test` an allow-list check (`list.includes(v)`, `set.has(v)`) of exactly `value`? */
  protected allowListed(test: Node, value: Node): boolean {
    if (test.type !== 'CallExpression' || test.callee.type !== 'MemberExpression') return false;
    const method = test.callee.property;
    const arg = test.arguments[0];
    if (method.type !== 'Identifier' || (method.name !== 'includes' && method.name !== 'has') || !arg)
      return false;
    const text = this.text(value);
    return this.text(arg) === text && this.text(test.callee.object) !== text;
  }

  protected text(n: Node): string {
    return this.sourceText.slice(n.range[0], n.range[1]);
  }

  protected withFlags(v: Val, bits: number): Val {
    return addFlags(v, bits);
  }

  protected withStep(v: Val, node: Node, message: string): Val {
    if (v.labels.length === 0) return v;
    return {
      ...v,
      labels: v.labels.map((l) =>
        l.steps.length >= MAX_STEPS ? l : { ...l, steps: [...l.steps, { node, message }] },
      ),
    };
  }

  protected origin(node: Node, kind: SourceKind, label: string): Origin {
    let o = this.origins.get(node);
    if (!o) {
      o = { id: this.nextOrigin++, kind, label, node };
      this.origins.set(node, o);
    }
    return o;
  }

  protected sourceVal(node: Node, path: string, call: boolean): Label[] {
    let models = (call ? this.models.callSources : this.models.sources).match(path);
    if (models.length === 0 && !call && this.models.otherMembers.size) {
      const dot = path.lastIndexOf('.');
      const other = dot > 0 ? this.models.otherMembers.get(path.slice(0, dot)) : undefined;
      if (other && !other.except.has(path.slice(dot + 1))) models = [other.model];
    }
    const development = models.length > 0 && inDevelopmentOnlyCode(node);
    if (development && models.some((m) => m.notInDevelopmentCode))
      models = models.filter((m) => !m.notInDevelopmentCode);
    const limited =
      development || (models.length > 0 && inAdministratorOnlyCode(node)) ? flagBit('limited') : 0;
    return models.map((m) => ({
      origin: this.origin(node, m.kind, m.label),
      flags: (m.flags ? flagBits(m.flags) : 0) | limited,
      steps: [],
    }));
  }

  ev(node: Node): Val {
    const cached = this.memo.get(node);
    if (cached) {
      this.read(this.memoSpans.get(node)!);
      return cached;
    }
    const settled = this.settled.get(node);
    if (settled) return settled;
    // A cycle evaluates to nothing, and is not final: what encloses it is worked out again next
    // round. So does anything nested deeper than MAX_DEPTH (bounded stack).
    if (this.depth >= MAX_DEPTH || this.evaluating.has(node)) {
      this.read(UNORDERED);
      return EMPTY;
    }
    const reads = this.reads.length;
    this.evaluating.add(node);
    this.depth++;
    let v: Val;
    try {
      v = this.evUncached(node);
    } finally {
      this.evaluating.delete(node);
      this.depth--;
    }
    if (this.reads.length === reads) this.settled.set(node, v);
    else {
      this.memo.set(node, v);
      this.memoSpans.set(node, this.span(reads));
    }
    return v;
  }

  /** Log a read (see `reads`) while the rounds run; after them nothing changes, and nothing is logged. */
  protected read(what: object | number): void {
    if (this.logging) this.reads.push(what);
  }

  /** The number of a new span of `reads`, from `start` to now (a small integer: nothing to allocate). */
  protected span(start: number): number {
    this.spanBounds.push(start, this.reads.length);
    return this.spanBounds.length / 2 - 1;
  }

  /** A cell changed: whatever read it before now is out of date. */
  protected changed(cell: object): void {
    this.changedAt.set(cell, this.reads.length);
    this.changes++;
  }

  /**
   * Did something read within this span (directly, or through a memoised value it used) change
   * after it was read? Every span looked at gets its verdict (spans used by spans form chains as
   * long as the code's: each is judged once per change, never once per span above it).
   */
  protected stale(span: number): boolean {
    const stack = this.staleStack;
    stack.length = 0;
    stack.push(span);
    while (stack.length) {
      const at = stack[stack.length - 1]!;
      const known = this.verdicts.get(at);
      if (known === STALE || known === this.changes) {
        stack.pop();
        continue;
      }
      let verdict: number = this.changes;
      const end = this.spanBounds[2 * at + 1]!;
      for (let i = this.spanBounds[2 * at]!; i < end; i++) {
        const read = this.reads[i]!;
        if (typeof read !== 'number') {
          if ((this.changedAt.get(read) ?? -1) > i) verdict = STALE;
        } else {
          const used = this.verdicts.get(read);
          if (used === STALE) verdict = STALE;
          else if (used !== this.changes) {
            // Judged first, then this span again.
            verdict = PENDING;
            stack.push(read);
          }
        }
        if (verdict === STALE) break;
      }
      if (verdict !== PENDING) {
        this.verdicts.set(at, verdict);
        stack.pop();
      }
    }
    return this.verdicts.get(span) === STALE;
  }

  protected evUncached(node: Node): Val {
    switch (node.type) {
      case 'Identifier':
        return withWrittenFields(this.fieldsWrittenThrough(node), this.evIdentifier(node), undefined);
      case 'MemberExpression': {
        const name = propName(node);
        return node.object.type === 'Identifier'
          ? this.fieldThrough(node.object, name, node)
          : this.member(this.ev(node.object), name, node);
      }
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
      case 'TemplateLiteral':
        return this.concatenation(templatePieces(node));
      case 'TaggedTemplateExpression': {
        // sql`…`, Prisma.sql`…`: tagged templates pass their values as parameters.
        const tag = this.ev(node.tag);
        if (tag.path !== undefined) return EMPTY;
        return dropFlag(this.unionAll(node.quasi.expressions.map((e) => this.ev(e))), flagBit('fragment'));
      }
      case 'BinaryExpression':
        return node.operator === '+' ? this.concatenation(concatPieces(node)) : EMPTY;
      case 'LogicalExpression': {
        // `a && b` is `b` whenever it is an object (a falsy `a` denotes none): lodash's
        // `freeModule = freeExports && typeof module == 'object' && module` is `module`. It is `a`
        // only when `a` is falsy (`''`, `0`, `null`, `undefined`, `false`, `NaN`), which holds no
        // text of anyone's: `time = req.query.time && Number(req.query.time)` is a number or empty.
        const right = this.ev(node.right);
        if (node.operator !== '&&') return this.union(this.ev(node.left), right);
        const left = this.withFlags(this.ev(node.left), flagBit('numeric'));
        const labels = mergeLabels(left.labels, right.labels);
        return labels === right.labels ? right : { ...right, labels };
      }
      case 'ConditionalExpression': {
        // `ALLOWED.includes(x) ? x : 'jpg'`: the value chosen when the allow-list holds it is one of its entries.
        const chosen = this.ev(node.consequent);
        const listed = this.allowListed(node.test, node.consequent);
        return this.union(
          listed ? this.withFlags(chosen, flagBit('numeric')) : chosen,
          this.ev(node.alternate),
        );
      }
      case 'SequenceExpression':
        return this.ev(node.expressions[node.expressions.length - 1]!);
      case 'AssignmentExpression':
        return this.ev(node.right);
      case 'UnaryExpression':
        return node.operator === '+' || node.operator === '-'
          ? this.withFlags(this.ev(node.argument), flagBit('numeric'))
          : EMPTY;
      case 'ArrayExpression': {
        const elements = this.unionAll(node.elements.map((e) => (e ? this.ev(e) : EMPTY)));
        // Constant elements carry no label: only a copy (`[...parts]`) is still what its source was.
        const copy = node.elements.length === 1 && node.elements[0]?.type === 'SpreadElement';
        const v = copy ? elements : dropFlag(elements, SHAPE);
        return holdsRecords(node) ? { ...v, elements: node } : v;
      }
      case 'ObjectExpression': {
        const parts = node.properties.map((p) =>
          p.type === 'SpreadElement'
            ? this.ev(p.argument)
            : LITERAL_OPERANDS.has(propName(p) ?? '') && p.value.type !== 'ArrayExpression'
              ? this.withFlags(this.ev(p.value), flagBit('nosql'))
              : this.ev(p.value),
        );
        // `{ ...req.body }` is a copy of the whole untrusted object.
        const whole =
          parts.length > 0 && node.properties.every((p, i) => p.type === 'SpreadElement' && parts[i]!.whole);
        const v = this.unionAll(parts);
        // Which property holds which strand, so that a union with another record of the same
        // names (`let role = defaults(); if (c) role = { role: req.body.role }`) still knows.
        const named = v.labels.length ? plainNames(node) : undefined;
        const fields = named && Object.fromEntries(named.map((k, i) => [k, parts[i]!.labels]));
        return { ...v, obj: node, ...(whole ? { whole } : {}), ...(fields ? { fields } : {}) };
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
        if (cls) return { labels: [], cls };
        return isVueInstanceThis(node, this.filename) ? { labels: [], path: VUE_INSTANCE } : EMPTY;
      }
      default:
        return EMPTY;
    }
  }

  /**
   * Text joined from constant pieces and values (a template literal, a `+` chain). A value keeps
   * or gains `prefixed` only when what comes before it pins the scheme and host: constant text that
   * does so at the start (`'https://api.example.com/' + x`, `'/users/' + x`), or, after values this
   * program chose, constant text that starts a path, query or fragment (`${base}/groups/${slug}`:
   * whatever `base` is, the slug lands in the path). The page's own path, query or fragment
   * (`delimited`) after anything at all stays on whatever host that names
   * (`${team.url}${location.pathname}`). A value at the very start, or right after
   * values this program chose, keeps its own prefix (`${location.href}#top`) and pins what follows
   * with it; a value after other text or after untrusted data loses it.
   */
  protected concatenation(pieces: ReadonlyArray<string | Node>): Val {
    const prefixed = flagBit('prefixed');
    const delimited = flagBit('delimited');
    const fragment = flagBit('fragment');
    let lead = '';
    let gap = '';
    let afterValues = false;
    let pinned = false;
    let tainted = false;
    const parts: Val[] = [];
    let atStart = true;
    // The text from the last `<` on, values as `x`: is the next value inside an attribute?
    let tag = '';
    // The text since the last value, and whether that value was the Host header's, as a URL's host.
    let since = '';
    let afterHost = false;
    const whole = pieces.filter((p) => p !== '').length === 1;
    for (const piece of pieces) {
      const text = typeof piece === 'string' ? piece : 'x';
      const open = text.lastIndexOf('<');
      tag = open >= 0 ? text.slice(open) : tag && tag + text;
      if (typeof piece === 'string') {
        atStart &&= piece === '';
        since += piece;
        if (piece) afterHost = false;
        if (tainted) continue;
        gap += piece;
        if (!afterValues) {
          lead += piece;
          pinned = pinsStart(lead);
        } else pinned ||= startsPath(piece);
        continue;
      }
      const first = atStart;
      atStart = false;
      const hostBefore = afterHost;
      const textBefore = since;
      since = '';
      let v = this.ev(piece);
      afterHost =
        textBefore.endsWith('//') &&
        v.labels.length > 0 &&
        v.labels.every((l) => l.flags & flagBit('requester'));
      const attribute = tag && v.labels.length ? attributeAt(tag.slice(0, -1)) : undefined;
      if (attribute) v = { labels: v.labels.map((l) => inAttribute(l, attribute)) };
      // The operator's configuration (`process.env.API_URL`) is a value this program chose: it
      // pins what follows as a constant base would, while still flowing on to rules that want it.
      const configured = v.labels.length > 0 && v.labels.every((l) => l.origin?.kind === 'env');
      if (v.labels.length === 0 || configured) {
        if (configured) parts.push(v);
        if (!tainted) {
          afterValues = true;
          gap = '';
        }
        continue;
      }
      // Text that starts with a constant `#` starts so whatever follows; a value keeps its own `#`
      // only at the very start.
      if (lead.startsWith('#')) v = this.withFlags(v, fragment);
      else if (!first) v = dropFlag(v, fragment);
      const local = !tainted && !afterValues && startsRootless(v) && pinsStart(`${lead}x`);
      v = this.placed(v, { whole, first, hostBefore, local });
      if (pinned || (!first && v.labels.every((l) => l.flags & delimited)))
        parts.push(this.withFlags(v, prefixed));
      else if (!tainted && gap === '') {
        // Right at the start, or right after values this program chose: the value's own prefix
        // (`relative_path + encodeURI('/api/…' + x)`) still pins what follows.
        parts.push(v);
        pinned = v.labels.every((l) => l.flags & prefixed);
      } else parts.push(unprefixed(v));
      tainted = true;
    }
    return this.withFlags(this.unionAll(parts), flagBit('string'));
  }

  /**
   * A value's shape flags once it is a piece of longer text: the lone piece is the text; the first
   * still starts it (a `segment`, a whole, is gone); elsewhere no shape of its own holds. What the
   * text gains: `'/' + rootless` starts `local`, and the request target right after the Host
   * header's host (`https://${req.hostname}${req.originalUrl}`) is as much its sender's choice as
   * that host (`requester`): it is the URL Koa's `ctx.href` gives.
   */
  private placed(v: Val, at: { whole: boolean; first: boolean; hostBefore: boolean; local: boolean }): Val {
    const sent = at.hostBefore && v.labels.every((l) => l.flags & flagBit('target'));
    const kept = at.whole ? v : dropFlag(v, at.first ? flagBit('segment') : SHAPE);
    return this.withFlags(kept, (sent ? flagBit('requester') : 0) | (at.local ? flagBit('local') : 0));
  }

  /** `o.g` read at `node`: what was written into `o.g` (or at a computed key), not into `o.f`. */
  protected fieldThrough(object: TSESTree.Identifier, name: string | undefined, node: Node): Val {
    const fields = this.fieldsWrittenThrough(object);
    if (!fields) return this.member(this.ev(object), name, node);
    // `data.organization = org.id;` just before: the read is what was written (field-overwrites.ts).
    this.overwrites ??= new FieldOverwrites(
      this.memberWrites,
      (id) => this.bindings.variableOf(id),
      (k) => LINKED_FIELDS.has(k),
    );
    const overwrite = name !== undefined ? this.overwrites.at(object, name, node) : undefined;
    if (overwrite) return this.ev(overwrite.right);
    return withWrittenFields(fields, this.member(this.evIdentifier(object), name, node), name ?? ANY_FIELD);
  }

  private overwrites: FieldOverwrites | undefined;

  /**
   * The properties of a record `node` gives, when all are known by name: an object literal with
   * neither spread nor computed key, or a variable declared with one, never assigned again and
   * written into only at named properties (`page.locale = …`). Undefined for anything else.
   */
  protected recordFields(node: Node): Map<string, Val> | undefined {
    const names = (o: Node | null | undefined) =>
      o?.type === 'ObjectExpression' ? plainNames(o) : undefined;
    const own = names(node);
    if (own)
      return new Map(
        own.map((k) => [k, this.literalField(node as TSESTree.ObjectExpression, k, node) ?? EMPTY]),
      );
    if (node.type !== 'Identifier') return undefined;
    const variable = this.bindings.variableOf(node);
    const def = variable?.defs.length === 1 ? variable.defs[0]!.node : undefined;
    const declared =
      def?.type === 'VariableDeclarator' && def.id.type === 'Identifier' ? names(def.init) : undefined;
    if (!declared || variable!.references.some((r) => r.isWrite() && !r.init)) return undefined;
    const written = this.fieldsWrittenThrough(node);
    if (written?.has(ANY_FIELD)) return undefined;
    const all = new Set([...declared, ...(written?.keys() ?? [])]);
    return new Map([...all].map((k) => [k, this.fieldThrough(node, k, node)]));
  }

  /**
   * A variable holding a copy of another value with named properties written: declared once with
   * `{ k: v, ...base }` or a clone of `base` (`cloneDeep`, `structuredClone`), never assigned
   * again, written into only at named properties. The copied value, and what each property written
   * holds at `node`; undefined for anything else.
   */
  protected recordCopy(node: TSESTree.Identifier): { base: Node; fields: Map<string, Val> } | undefined {
    const variable = this.bindings.variableOf(node);
    const def = variable?.defs.length === 1 ? variable.defs[0]!.node : undefined;
    if (def?.type !== 'VariableDeclarator' || def.id.type !== 'Identifier' || !def.init) return undefined;
    if (variable!.references.some((r) => r.isWrite() && !r.init)) return undefined;
    const copied = copySource(unwrap(def.init));
    const written = copied && this.fieldsWrittenThrough(node);
    if (!copied || written?.has(ANY_FIELD)) return undefined;
    const names = new Set([...copied.own, ...(written?.keys() ?? [])]);
    return {
      base: copied.base,
      fields: new Map([...names].map((k) => [k, this.fieldThrough(node, k, node)])),
    };
  }

  /**
   * The value a copy was made of, as it was given (a variable's own value, without what was written
   * into its properties), and what was written into its named properties by `at`. Undefined when a
   * write went to a computed key.
   */
  protected copiedValue(node: Node, at: Node): { base: Val; written: Map<string, Val> } | undefined {
    if (node.type !== 'Identifier') return { base: this.ev(node), written: new Map() };
    const writes = this.fieldsWrittenThrough(node);
    if (writes?.has(ANY_FIELD)) return undefined;
    const names = [...(writes?.keys() ?? [])];
    return {
      base: this.evIdentifier(node),
      written: new Map(names.map((k) => [k, this.fieldThrough(node, k, at)])),
    };
  }

  protected evIdentifier(id: TSESTree.Identifier): Val {
    const v = this.bindings.variableOf(id);
    // The scope analysis gives each function an implicit `arguments` variable with no definition.
    if (id.name === 'arguments' && (!v || v.defs.length === 0)) {
      const fn = argumentsOwner(id);
      return fn ? this.argumentsVal(fn) : EMPTY;
    }
    if (!v) {
      if (id.name === 'undefined') return EMPTY;
      if (GLOBAL_OBJECTS.has(id.name)) return { labels: [], path: '' };
      // A snippet's `req` and `res` (models/snippets.ts).
      if (id.name === 'req') return { labels: [], path: UNBOUND_REQUEST };
      if (id.name === 'res') return { labels: [], path: '@Response' };
      return { labels: this.sourceVal(id, id.name, false), path: id.name };
    }
    const def = v.defs[0];
    // `catch (err)`: whatever was thrown, with the server's internals in its `stack`.
    if (def?.type === 'CatchClause' && (def.node as TSESTree.CatchClause).param?.type === 'Identifier')
      return this.roleVal(id, ERROR_ROLE);
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
    const reaching = this.depth < MAX_DEPTH / 2 ? this.reaching.reachingDefs(id, v) : undefined;
    if (reaching)
      return reaching
        .map((r) => this.withStep(this.ev(r.value), r.at, `assigned to ${id.name}`))
        .reduce((a, b) => this.union(a, b));
    this.read(v);
    const own = this.state.get(v);
    if (def?.type === 'FunctionName' && isFn(def.node))
      return own ? { ...own, fn: def.node } : { labels: [], fn: def.node };
    if (def?.type === 'ClassName') return { labels: [], cls: def.node as Cls };
    return own ?? EMPTY;
  }

  protected moduleVal(specifier: string): Val {
    // A relative import, or a bare one the scan resolved to a package of its own tree.
    if (isRelative(specifier) || this.env.inScan?.(specifier)) {
      const summary = this.env.resolveImport(specifier);
      if (summary) return { labels: [], module: summary, members: summary.exports };
      return this.env.inScan?.(specifier) ? OWN_MODULE : EMPTY;
    }
    return { labels: [], path: normaliseModule(specifier) };
  }

  protected importVal(
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

  protected member(obj: Val, name: string | undefined, node: Node): Val {
    if (name !== undefined && CLEAN_PROPERTIES.has(name)) return EMPTY;
    const checked = name !== undefined && obj.checks ? fieldChecks(obj.checks, name) : undefined;
    if (checked?.flags || checked?.nested) {
      const field = this.member({ ...obj, checks: undefined }, name, node);
      const flagged = checked.flags ? this.withFlags(field, flagBits(checked.flags)) : field;
      // A nested object's fields (`collection.id` of a zod schema) are checked when read from it.
      return checked.nested ? { ...flagged, checks: checked.nested } : flagged;
    }
    // `s.split(sep)[0]`: the text before the first separator starts as `s` did (a path, a URL).
    if (name === '0' && node.type === 'MemberExpression') {
      const split = unwrap(node.object);
      if (
        split.type === 'CallExpression' &&
        split.callee.type === 'MemberExpression' &&
        propName(split.callee) === 'split'
      ) {
        const text = this.ev(split.callee.object);
        if (text.labels.length) return this.withFlags(dropFlag(text, SHAPE), flagBit('string'));
      }
    }
    if (obj.elementOf) return this.elementField(obj, obj.elementOf, name, node);
    if (name !== undefined && obj.overlay) {
      const written = Object.hasOwn(obj.overlay.fields, name) ? obj.overlay.fields[name]! : undefined;
      if (!written) return this.member(obj.overlay.base, name, node);
      return written.length ? { labels: written } : EMPTY;
    }
    // The literal itself before its fields' strands: a property may hold a function or a record.
    const field = name !== undefined && obj.obj ? this.literalField(obj.obj, name, node) : undefined;
    if (field) return field;
    const held = heldField(obj, name);
    if (held) return held.length ? { labels: held } : EMPTY;
    const part = name !== undefined ? matchPart(obj, name) : undefined;
    if (part) return part;
    if (name !== undefined && obj.members) {
      const e = fromExport(obj.members[name]) ?? fromExport(obj.members.default?.members?.[name]);
      if (e) return e;
    }
    if (name !== undefined && obj.cls) return this.classMember(obj.cls, name);
    if (name !== undefined && obj.ctor) {
      const own = this.ctorMember(obj.ctor, name);
      if (own) return own;
    }
    if (name !== undefined && obj.path === VUE_INSTANCE) {
      const own = this.instanceMember(name);
      if (own !== EMPTY) return own;
    }
    const joined =
      obj.path !== undefined && name !== undefined
        ? obj.path === ''
          ? name
          : `${obj.path}.${name}`
        : undefined;
    const path = joined !== undefined ? (GLOBAL_ALIASES.get(joined) ?? joined) : undefined;
    let fromSource = path !== undefined ? this.sourceVal(node, path, false) : [];
    if (fromSource.length && name !== undefined && this.routePinned(node, obj.path!, name)) {
      const prefixed = flagBit('prefixed');
      fromSource = fromSource.map((l) => ({ ...l, flags: l.flags | prefixed }));
    }
    // `req.headers.referer`: the page the client came from.
    if (
      name !== undefined &&
      REFERRER_HEADER.test(name) &&
      obj.path?.endsWith('headers') &&
      obj.labels.length
    )
      // A link chooses it: no longer the sender's alone (`header`).
      return {
        labels: obj.labels.map((l) => ({
          ...l,
          flags: (l.flags & ~flagBit('header')) | flagBit('referrer'),
        })),
      };
    // `req.headers.host`: what `req.hostname` is, the sender's own choice of host (`requester`).
    if (name === 'host' && obj.path?.endsWith('headers') && obj.labels.length)
      return { labels: obj.labels.map((l) => ({ ...l, flags: l.flags | flagBit('requester') })) };
    // A property read of a parameter itself, or of a property of it (`({ data }) => data.id`), says
    // which field of its callers' data it takes (a path of names: Label.field).
    const own =
      obj.param && name !== undefined
        ? obj.labels.map((l) => (l.param !== undefined ? fieldOf(l, name) : l))
        : obj.labels;
    // A property a parameter's pattern binds (`{ data }`) stands for that field of callers' data
    // in turn: its own property reads go one name further (a read expression's result does not).
    const ownParam =
      obj.param &&
      name !== undefined &&
      node.type === 'Property' &&
      !fromSource.length &&
      own.every((l) => l.field !== undefined);
    // A property of text is not that text: it no longer starts with its `#` (a method's result
    // is the call's to judge).
    const called = node.parent?.type === 'CallExpression' && node.parent.callee === node;
    const base = called ? own : withoutFragment(own);
    const merged = fromSource.length ? mergeLabels(base, fromSource) : base;
    const upload = flagBit('upload');
    // In a helper handed the request (`upload(name, req)` reading `req.files[0].path`), the same
    // field of the caller's request goes too: its summary entry says only that `files` was read.
    const uploadRecord = (l: Label) =>
      (l.flags & upload) !== 0 ||
      (l.param !== undefined && ['files', 'file'].includes(l.field?.split(FIELD_PATH)[0] ?? ''));
    let labels =
      name !== undefined && SERVER_UPLOAD_FIELDS.has(name) && merged.some((l) => l.flags & upload)
        ? merged.filter((l) => !uploadRecord(l))
        : merged;
    // multer's `originalname` comes through busboy, which keeps only the last path segment of the
    // client's file name and drops `.` and `..`, unless multer is given `preservePath`.
    if (
      name === 'originalname' &&
      labels.some((l) => l.flags & upload) &&
      !this.sourceText.includes('preservePath')
    ) {
      const segment = flagBit('path');
      labels = labels.map((l) => (l.flags & upload ? { ...l, flags: l.flags | segment } : l));
    }
    // `new URL(location.href).search`: a part past the host no longer starts with it; nor does any
    // element of a split but the first (`href.split('next=')[1]`).
    if (name !== undefined && (URL_TAIL_PARTS.has(name) || /^[1-9]\d*$/.test(name)))
      labels = dropFlag({ labels }, flagBit('prefixed')).labels;
    // An element of an array of segments is a segment, a character of text starts nothing; of a
    // parsed path (`path.parse(s)`) the name and base are what was given, cut before a dot that
    // is not first, while `ext`, `dir` and `root` may be empty.
    if (name !== undefined && /^\d+$/.test(name))
      labels = dropFlag({ labels }, SHAPE & ~flagBit('segment')).labels;
    else if (obj.path === 'path.parse()' && name !== 'name' && name !== 'base')
      labels = dropFlag({ labels }, SHAPE).labels;
    // The WHATWG URL parser drops tabs and line breaks from its input and percent-encodes other
    // controls: no part of a parsed URL holds a line break (`searchParams.get(k)` decodes: it may).
    if (
      name !== undefined &&
      URL_TEXT_PARTS.has(name) &&
      node.type === 'MemberExpression' &&
      this.isParsedUrl(node.object)
    )
      // Its path, query and fragment also percent-encode `<`, `>` and `"`: no markup, as after
      // encodeURIComponent (the host may hold a `"`). Its query and fragment are empty or start
      // with `?` and `#` (`delimited`); a path starts with `/` only under a special scheme.
      labels = this.withFlags(
        { labels },
        flagBit('crlf') |
          (URL_PATH_PARTS.has(name) ? flagBit('html') : 0) |
          (name === 'search' || name === 'hash' ? flagBit('delimited') : 0) |
          (name === 'hash' ? flagBit('fragment') : 0),
      ).labels;
    // A field of a parsed body or query (`req.body.user`) may be an object the client built; a field
    // of text (a header, a route parameter) is text.
    const objectLike =
      !fromSource.length &&
      (obj.whole === true || obj.objectLike === true) &&
      labels.every((l) => !(l.flags & flagBit('string')));
    return {
      labels,
      ...(path !== undefined ? { path } : {}),
      ...(fromSource.length ? { whole: true } : objectLike ? { objectLike } : {}),
      ...(obj.elements && (name === undefined || /^\d+$/.test(name)) ? { elementOf: obj.elements } : {}),
      ...(ownParam ? { param: true } : {}),
    };
  }

  /**
   * The names of an object's properties (`Object.keys(o)`, `for (k in o)`): an object literal's are
   * its own words, save computed keys and what its spreads name; a parameter's are read at the
   * field KEYS, so a caller passing a literal of tainted values brings no tainted name. Any other
   * object's names are as tainted as the object: the client chose the keys of `req.query`.
   */
  protected keysOf(node: Node): Val {
    const v = this.ev(node);
    let labels: readonly Label[];
    if (v.obj && !this.readingLiterals.has(v.obj)) {
      const literal = v.obj;
      this.readingLiterals.add(literal);
      try {
        const named = literal.properties.map((p) =>
          p.type === 'SpreadElement'
            ? this.keysOf(p.argument)
            : p.computed && propName(p) === undefined
              ? this.ev(p.key)
              : EMPTY,
        );
        // Strands the literal's values do not hold came from elsewhere (another branch's object).
        const values = this.unionAll(
          literal.properties.map((p) => this.ev(p.type === 'SpreadElement' ? p.argument : p.value)),
        ).labels;
        labels = mergeLabels(
          this.unionAll(named).labels,
          v.labels.filter((l) => !hasStrand(values, l)),
        );
      } finally {
        this.readingLiterals.delete(literal);
      }
    } else
      labels = v.labels.map((l) =>
        l.param !== undefined && l.field === undefined ? { ...l, field: KEYS } : l,
      );
    return labels.length ? { labels } : EMPTY;
  }

  /**
   * Property `name` of an object literal: its last value, with that property of whatever is spread
   * after it (`{ key: 'a', ...req.body }`) and the values of computed keys; nothing when no part of
   * the literal can hold the name (`{ role: req.body.role }.organization`). Undefined only while
   * the literal is being read already.
   */
  protected literalField(literal: TSESTree.ObjectExpression, name: string, node: Node): Val | undefined {
    // `o = { state: 'open', ...o }` spreads a value that holds this very literal: its own fields are
    // already read here, so the cycle adds nothing.
    if (this.readingLiterals.has(literal)) return undefined;
    this.readingLiterals.add(literal);
    try {
      let v: Val = EMPTY;
      for (const p of literal.properties) {
        const key = p.type === 'Property' ? propName(p) : undefined;
        if (key === name) v = this.ev((p as TSESTree.Property).value);
        else if (p.type === 'SpreadElement')
          // A variable spread in: with what was written into its properties (`o.p = x`).
          v = this.union(
            v,
            p.argument.type === 'Identifier'
              ? this.fieldThrough(p.argument, name, node)
              : this.member(this.ev(p.argument), name, node),
          );
        else if (key === undefined) v = this.union(v, this.ev(p.value));
      }
      return v;
    } finally {
      this.readingLiterals.delete(literal);
    }
  }

  /**
   * Field `name` of an element of an array literal of object literals: the strands of taint the
   * element carries (with their steps) that the field holds in some element, or that did not come
   * from the literal at all; the whole element once its elements may have changed unseen.
   */
  protected elementField(
    element: Val,
    array: TSESTree.ArrayExpression,
    name: string | undefined,
    node: Node,
  ): Val {
    const whole = this.member({ ...element, elementOf: undefined }, name, node);
    this.read(this.changedElements);
    if (this.changedElements.has(array)) return whole;
    const fromLiteral = this.ev(array).labels;
    const field = this.unionAll(
      array.elements.map((e) => (e ? this.member(this.ev(e), name, node) : EMPTY)),
    ).labels;
    const kept = whole.labels.filter((l) => !hasStrand(fromLiteral, l) || hasStrand(field, l));
    const labels = mergeLabels(
      kept,
      field.filter((l) => !hasStrand(kept, l)),
    );
    return { ...whole, labels };
  }

  /**
   * Something was written into `target` or into an object reached through it (`rows[0].key = x`,
   * `row.tags.push(x)`): the elements of any array literal on the way may have changed.
   */
  protected elementsWritten(target: Node): void {
    for (let n: Node | undefined = target; n; n = n.type === 'MemberExpression' ? n.object : undefined)
      this.elementsChanged(this.ev(n));
  }

  /** `v` is an array literal of object literals, or one of its elements, changed unseen. */
  protected elementsChanged(v: Val): void {
    const array = v.elements ?? v.elementOf;
    if (!array || this.changedElements.has(array)) return;
    this.changedElements.add(array);
    this.changed(this.changedElements);
  }

  /**
   * A call handed an array literal of object literals or an element of one (`shuffle(rows)`,
   * `Object.assign(row, x)`): a function not of this file may change them (one of this file's
   * writes into its parameters is followed as a write).
   */
  protected handOver(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
    if (this.ev(call.callee).fn) return;
    for (const a of call.arguments)
      if (mayAlias(a)) this.elementsChanged(this.ev(a.type === 'SpreadElement' ? a.argument : a));
  }

  /** The request path a handler reads, pinned to a local path by the route it is registered on. */
  private routePinned(node: Node, role: string, part: string): boolean {
    if (node.type !== 'MemberExpression') return false;
    const root = rootIdentifier(node);
    const def = root && this.bindings.variableOf(root)?.defs[0];
    return def?.type === 'Parameter' && routePinsPath(def.node as Fn, part, role.split('.')[0]!);
  }

  protected classMember(cls: Cls, name: string): Val {
    for (const m of cls.body.body) {
      if (m.type === 'MethodDefinition' && propName(m) === name)
        return { labels: [], fn: m.value as TSESTree.FunctionExpression };
    }
    this.read(cls);
    return this.fields.get(cls)?.get(name) ?? EMPTY;
  }

  /** A member of an object a plain function constructs (constructor-members.ts). */
  protected ctorMember(ctor: ConstructorFunction, name: string): Val | undefined {
    const value = constructorMembers(ctor, this.ast).get(name);
    return value ? this.ev(value) : undefined;
  }

  /** A member of a Vue component instance (vue-instance.ts): what its options declare and its code assigns. */
  protected instanceMember(name: string): Val {
    this.read(this.instanceFields);
    let v = this.instanceFields.get(name) ?? EMPTY;
    this.vueOptions ??= componentOptions(this.ast) ?? null;
    const declared = this.vueOptions && optionMember(this.vueOptions, name);
    if (declared?.kind === 'method') v = this.union(v, { labels: [], fn: declared.fn });
    else if (declared?.kind === 'computed') v = this.union(v, this.returnVal(declared.fn));
    else if (declared?.kind === 'data') v = this.union(v, this.ev(declared.value));
    return v;
  }

  protected setInstanceField(name: string, v: Val): void {
    const prev = this.instanceFields.get(name);
    const next = prev ? mergeVal(prev, v) : v;
    if (!prev || changedVal(prev, next)) {
      this.instanceFields.set(name, next);
      this.changed(this.instanceFields);
    }
  }

  protected setField(cls: Cls, name: string, v: Val): void {
    let map = this.fields.get(cls);
    if (!map) this.fields.set(cls, (map = new Map()));
    const prev = map.get(name);
    const next = prev ? mergeVal(prev, v) : v;
    if (!prev || changedVal(prev, next)) {
      map.set(name, next);
      this.changed(cls);
    }
  }

  /**
   * A round works out again the writes that read something that changed afterwards (a use before
   * its assignment in source order, a function's result before its locals were known); the first
   * works out all of them. Most files settle in one round.
   */
  protected startRound(): void {
    this.memo = new Map();
    this.memoSpans = new Map();
    this.retMemo = new Map();
    this.retSpans = new Map();
    this.copyMemo = new Map();
    this.copySpans = new Map();
  }

  /** A constructor parameter property typed as a class: the injected service (NestJS). */
  protected typedVal(id: TSESTree.Identifier): Val {
    const ann = id.typeAnnotation?.typeAnnotation;
    if (ann?.type === 'TSTypeReference' && ann.typeName.type === 'Identifier') return this.ev(ann.typeName);
    return EMPTY;
  }

  // ---- writes ----

  /**
   * `const x = init`. `const { g } = o` reads `o.g`: not what was written into `o.f` (see
   * writtenFields).
   */
  protected bindDeclarator(decl: TSESTree.VariableDeclarator): void {
    const init = decl.init!;
    const fields =
      decl.id.type === 'ObjectPattern' && init.type === 'Identifier'
        ? this.fieldsWrittenThrough(init)
        : undefined;
    if (!fields || decl.id.type !== 'ObjectPattern') return this.bindPattern(decl.id, this.ev(init), decl);
    const v = this.evIdentifier(init as TSESTree.Identifier);
    for (const p of decl.id.properties) {
      const name = p.type === 'RestElement' ? undefined : (propName(p) ?? ANY_FIELD);
      const field = p.type === 'RestElement' ? { labels: v.labels } : this.member(v, name, p);
      this.bindPattern(
        p.type === 'RestElement' ? p.argument : p.value,
        withWrittenFields(fields, field, name),
        decl,
      );
    }
  }

  protected bindPattern(target: Node, v: Val, at: Node): void {
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
        target.elements.forEach((e, i) => {
          const part = e?.type === 'RestElement' ? undefined : matchPart(v, String(i));
          if (e) this.bindPattern(e, part ?? { labels: withoutFragment(v.labels) }, at);
        });
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

  protected assign(variable: Variable, v: Val): void {
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
        v.ctor ||
        v.members ||
        v.ownModule
      ) {
        this.state.set(variable, v);
        this.changed(variable);
      }
      return;
    }
    const next = mergeVal(prev, v);
    if (changedVal(prev, next)) {
      this.state.set(variable, next);
      this.changed(variable);
    }
  }

  /** What a write into a property puts there (Sinks: with what a guard around it proves). */
  protected writtenValue(right: Node): Val {
    return this.ev(right);
  }

  /** `o.p = v` taints `o`; `this.p = v` sets a class field; `arr.push(v)` is handled as a call. */
  protected memberWrite(a: TSESTree.AssignmentExpression): void {
    const left = a.left as TSESTree.MemberExpression;
    let value = this.writtenValue(a.right);
    // `url.pathname = x` on a parsed URL: its scheme and host stay what the URL was made from.
    if (URL_PATH_PARTS.has(propName(left) ?? '') && this.isParsedUrl(left.object))
      value = this.withFlags(value, flagBit('prefixed'));
    if (left.object.type === 'ThisExpression') {
      const cls = enclosingClass(left);
      const name = propName(left);
      if (cls && name) this.setField(cls, name, value);
      else if (name && isVueInstanceThis(left.object, this.filename)) this.setInstanceField(name, value);
      return;
    }
    if (value.labels.length === 0) return;
    if (this.recordArrays) this.elementsWritten(left.object);
    const root = rootIdentifier(left.object);
    const fields = root && this.fieldsWrittenThrough(root, false);
    if (!root || !fields) return;
    // The write stays at the first property: `req.body.email = …` is read back through `req.body`,
    // not through `req.ip`.
    const first = firstProperty(left, root);
    const key = first === undefined || LINKED_FIELDS.has(first) ? ANY_FIELD : first;
    const prev = fields.get(key) ?? [];
    const next = mergeLabels(prev, value.labels);
    // mergeLabels gives back `prev` itself when it adds nothing.
    if (next !== prev) {
      fields.set(key, next);
      this.changed(fields);
    }
  }

  /** The properties written through the variable `id` names (see writtenFields); a read is logged. */
  protected fieldsWrittenThrough(
    id: TSESTree.Identifier,
    logged = true,
  ): Map<string, readonly Label[]> | undefined {
    if (this.writtenFields.size === 0) return undefined;
    const variable = this.bindings.variableOf(id);
    const fields = variable && this.writtenFields.get(variable);
    if (fields && logged) this.read(fields);
    return fields;
  }

  /** A mutating call (collect picked it): its arguments flow into the receiver's variable. */
  protected mutate(call: TSESTree.CallExpression): void {
    const receiver = (call.callee as TSESTree.MemberExpression).object;
    const root = rootIdentifier(receiver);
    const variable = root ? this.bindings.variableOf(root) : undefined;
    if (!variable) return;
    // `_.set(obj, path, v)`: a module's function writes into its argument, not into the module.
    if (receiver.type === 'Identifier' && isNamespace(this.ev(receiver))) return;
    let v = this.unionAll(call.arguments.map((x) => this.ev(x)));
    if (this.recordArrays && v.labels.length) this.elementsWritten(receiver);
    // `url.searchParams.set(k, x)`: a query parameter, after the URL's own scheme and host.
    if (
      receiver.type === 'MemberExpression' &&
      propName(receiver) === 'searchParams' &&
      this.isParsedUrl(receiver.object)
    )
      v = this.withFlags(v, flagBit('prefixed'));
    if (v.labels.length === 0) return;
    // `app.pool.add(k, v)` puts `v` in `app.pool`: read back through that property, not through
    // `app.nodes`, as `app.pool.x = v` would be. A URL's `searchParams` are its `search` and `href`.
    const first = receiver.type === 'MemberExpression' ? firstProperty(receiver, root!) : undefined;
    const fields =
      first !== undefined && !LINKED_FIELDS.has(first) ? this.fieldsWrittenThrough(root!, false) : undefined;
    if (!fields) return this.assign(variable, { labels: v.labels });
    let changed = false;
    for (const key of first === 'searchParams' ? URL_QUERY_PARTS : [first!]) {
      const prev = fields.get(key) ?? [];
      const next = mergeLabels(prev, v.labels);
      if (next !== prev) {
        fields.set(key, next);
        changed = true;
      }
    }
    if (changed) this.changed(fields);
  }

  /** `new URL(…)`, or a `const` holding it. */
  protected isParsedUrl(node: Node): boolean {
    if (parsedUrlArgument(node) !== undefined) return true;
    if (node.type !== 'Identifier') return false;
    const defs = this.bindings.variableOf(node)?.defs ?? [];
    const decl = defs.length === 1 ? defs[0]!.node : undefined;
    const init = decl?.type === 'VariableDeclarator' ? decl.init : undefined;
    return (
      !!init &&
      parsedUrlArgument(init) !== undefined &&
      (decl as TSESTree.VariableDeclarator).parent.kind === 'const'
    );
  }
}

/**
 * `v`, read through a variable whose `fields` were written into, with what was written into its
 * property `name` (and at computed keys); with everything written into it when `name` is undefined:
 * the object read whole, save a framework object (`req`), whose whole is its role and sources.
 */
function withWrittenFields(
  fields: ReadonlyMap<string, readonly Label[]> | undefined,
  v: Val,
  name: string | undefined,
): Val {
  if (!fields?.size || (name === undefined && v.path?.startsWith('@'))) return v;
  let labels = v.labels;
  for (const [key, written] of fields)
    if (name === undefined || name === ANY_FIELD || key === name || key === ANY_FIELD)
      labels = mergeLabels(labels, written);
  return labels === v.labels ? v : { ...v, labels };
}

/** Functions returning a copy of their argument (lodash's, the structured clone). */
const CLONES = new Set(['cloneDeep', 'clone', 'structuredClone']);

/**
 * An object literal copying one value: one spread, the other properties named (`{ id, ...data }`):
 * the spread value and the names the literal writes beside it.
 */
export function spreadCopy(o: TSESTree.ObjectExpression): { base: Node; own: string[] } | undefined {
  const spreads = o.properties.filter((p) => p.type === 'SpreadElement');
  if (spreads.length !== 1) return undefined;
  const own = plainNames({ ...o, properties: o.properties.filter((p) => p.type !== 'SpreadElement') });
  return own && { base: spreads[0]!.argument, own };
}

/** `{ ...base, k: v }` or `cloneDeep(base)`: the copied value and the names the literal writes. */
function copySource(init: Node): { base: Node; own: string[] } | undefined {
  if (init.type === 'ObjectExpression') return spreadCopy(init);
  const arg = init.type === 'CallExpression' ? init.arguments[0] : undefined;
  const name = init.type === 'CallExpression' ? calleeName(init.callee) : undefined;
  return arg && arg.type !== 'SpreadElement' && name !== undefined && CLONES.has(name)
    ? { base: arg, own: [] }
    : undefined;
}

/** The property names of an object literal with no spread and no computed key, in order. */
function plainNames(o: TSESTree.ObjectExpression): string[] | undefined {
  const names: string[] = [];
  for (const p of o.properties) {
    const name = p.type === 'Property' ? propName(p) : undefined;
    if (name === undefined) return undefined;
    names.push(name);
  }
  return names;
}

/** An array literal holding an object literal: its elements' fields are followed (Val.elements). */
function holdsRecords(node: TSESTree.ArrayExpression): boolean {
  return node.elements.some((e) => e?.type === 'ObjectExpression');
}

/** An argument that may be an array or object this file reads again (`rows`, `this.rows`, `...rows`). */
function mayAlias(arg: TSESTree.CallExpressionArgument): boolean {
  const passed = arg.type === 'SpreadElement' ? arg.argument : arg;
  return passed.type === 'Identifier' || passed.type === 'MemberExpression';
}

/** Does `labels` hold `l`'s strand of taint, whatever its flags? */
function hasStrand(labels: readonly Label[], l: Label): boolean {
  return labels.some((m) => sameStrand(m, l));
}

/** Between the names of a field path (Label.field: `data` then `id` for `({ data }) => data.id`). */
export const FIELD_PATH = '\x1f';
/** Names a parameter's field path goes down at most: deeper reads take the field at that depth. */
const MAX_FIELD_DEPTH = 2;

/** A parameter's strand read one property further down, while its path is short enough. */
function fieldOf(l: Label, name: string): Label {
  if (l.field === undefined) return { ...l, field: name };
  if (l.field === KEYS || l.field.split(FIELD_PATH).length >= MAX_FIELD_DEPTH) return l;
  return { ...l, field: l.field + FIELD_PATH + name };
}

/** A URL's properties whose text its `searchParams` change. */
const URL_QUERY_PARTS = ['searchParams', 'search', 'href'];

/** writtenFields' key for a write any property read may see. */
const ANY_FIELD = '\0';
/** The field a parameter's strand is read at when its property names were taken (keysOf). */
export const KEYS = '\0keys';
/** A URL object's text properties that can be written (`origin` only read). */
const URL_WRITABLE_PARTS = [
  'href',
  'protocol',
  'username',
  'password',
  'host',
  'hostname',
  'port',
  'pathname',
  'search',
  'hash',
];
/**
 * Properties whose write changes others: a URL's parts (its `href`, `search`…) and a request's
 * `url` (Express computes `req.path` and `req.query` from it), an element's markup and text.
 */
const LINKED_FIELDS = new Set([
  ...URL_WRITABLE_PARTS,
  'url',
  'innerHTML',
  'outerHTML',
  'textContent',
  'innerText',
]);

/** The parts of a URL after its host: writing them moves it within its site. */
const URL_PATH_PARTS = new Set(['pathname', 'search', 'hash']);
/** The text properties of a parsed URL. */
const URL_TEXT_PARTS = new Set([...URL_WRITABLE_PARTS, 'origin']);
/** Parts of a URL after its host: read from the page's own URL, they are no longer pinned to it. */
const URL_TAIL_PARTS = new Set([...URL_PATH_PARTS, 'searchParams', 'username', 'password', 'port']);

/** The pieces of a template literal in order: its text, and the expressions between. */
export function templatePieces(node: TSESTree.TemplateLiteral): Array<string | Node> {
  const pieces: Array<string | Node> = [];
  node.quasis.forEach((q, i) => {
    pieces.push(q.value.cooked ?? '');
    const e = node.expressions[i];
    if (e) pieces.push(e);
  });
  return pieces;
}

/**
 * The pieces of a `+` chain in order, constant strings as text (`a + '/x/' + (b + c)`), flattened
 * without recursion: generated code chains thousands.
 */
export function concatPieces(node: TSESTree.BinaryExpression): Array<string | Node> {
  const out: Array<string | Node> = [];
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'BinaryExpression' && n.operator === '+') {
      stack.push(n.right, n.left);
    } else if (n.type === 'Literal' && typeof n.value === 'string') out.push(n.value);
    else out.push(n);
  }
  return out;
}

/**
 * Does text that starts with `lead` stay where it is sent from: a host and its slash, a local path,
 * the page's own query or fragment (`?tab=`, `#`), or a scheme that navigates nowhere (`mailto:`,
 * `tel:`, `sms:`)?
 */
export function pinsStart(lead: string): boolean {
  return /^(https?:)?\/\/[^/]+\/|^\/[^/\\]|^[?#]|^(?:mailto|tel|sms):/i.test(lead);
}

/**
 * Does constant text placed after values start a path, query or fragment, so that what follows
 * cannot change the host? `/groups/`, `license/` (a slash after a path's own text:
 * `${base}license/${id}`) and `?q=` do; `//cdn.example.com` (the host is still open), a lone `/`
 * (the next value may start with `/`) and `https:/` do not.
 */
function startsPath(text: string): boolean {
  const authority = /^(?:[a-z][a-z0-9+.-]*:)?\/\/[^/?#\\]*/i.exec(text);
  const rest = authority ? text.slice(authority[0].length) : text;
  return authority ? /[/?#]/.test(rest) : /\/[^/\\]|[^/\\:]\/|[?#]/.test(rest);
}

/** The function whose `arguments` this is: the nearest enclosing non-arrow function. */
function argumentsOwner(id: TSESTree.Identifier): Fn | undefined {
  for (let n: Node | undefined = id.parent; n; n = n.parent) {
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression') return n;
  }
  return undefined;
}

/** The property of `root` a member chain starts with: `body` in `req.body.email`. */
function firstProperty(left: TSESTree.MemberExpression, root: TSESTree.Identifier): string | undefined {
  let m: Node = left;
  while (m.type === 'MemberExpression' && m.object !== root) m = m.object;
  return m.type === 'MemberExpression' ? propName(m) : undefined;
}

/** The equality tests whose outcome decides a condition: through `&&`, `||` and `!`, not inside calls. */
function equalityTests(test: Node): TSESTree.BinaryExpression[] {
  const found: TSESTree.BinaryExpression[] = [];
  const pending: Node[] = [test];
  while (pending.length) {
    const n = pending.pop()!;
    if (n.type === 'LogicalExpression') pending.push(n.left, n.right);
    else if (n.type === 'UnaryExpression' && n.operator === '!') pending.push(n.argument);
    else if (n.type === 'BinaryExpression' && ['===', '==', '!==', '!='].includes(n.operator)) found.push(n);
  }
  return found;
}

/** The `x.length` a loop test compares its counter with (`i < x.length`, `x.length > i`). */
function loopLengthBound(test: Node | null): TSESTree.MemberExpression | undefined {
  if (test?.type !== 'BinaryExpression') return undefined;
  const side =
    test.operator === '<' || test.operator === '<='
      ? test.right
      : test.operator === '>' || test.operator === '>='
        ? test.left
        : undefined;
  return side?.type === 'MemberExpression' && propName(side) === 'length' ? side : undefined;
}

/** `useState(…)` or `React.useState(…)`. */
function isStateHook(init: Node): boolean {
  return init.type === 'CallExpression' && calleeName(init.callee) === 'useState';
}

/** Attributes whose value is a URL the browser follows or loads (`javascript:` runs). */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster']);

/**
 * A value placed inside an attribute value: markup a sanitiser cleaned is no longer safe there (its
 * quotes and spaces end the attribute), nor is escaped text that starts a URL attribute (an escaper
 * leaves `javascript:` as it is); a URL encoder's or a pinned prefix's output stays safe.
 */
function inAttribute(l: Label, at: AttributeAt): Label {
  const html = flagBit('html');
  const markup = flagBit('markup');
  if (l.flags & markup) return { ...l, flags: l.flags & ~(markup | html) };
  const urlSafe = flagBits(['url', 'prefixed', 'numeric']);
  if (at.empty && URL_ATTRIBUTES.has(at.name) && l.flags & html && !(l.flags & urlSafe))
    return { ...l, flags: l.flags & ~html };
  return l;
}

/**
 * A part of a regex's match (`m[1]`, `m.groups`, `m.groups.id`): the matched text's taint with
 * what the regex guarantees of that part; undefined for anything else (`m.input`, `m.index`).
 */
function matchPart(m: Val, name: string): Val | undefined {
  if (!m.match) return undefined;
  if (name === 'groups') return m.match.groups ? { labels: m.labels, match: m.match.groups } : undefined;
  const bits = m.match.parts.get(name);
  return bits === undefined ? undefined : addFlags(m, bits);
}

/** A library module or a global namespace (`lodash`, `fs`), not an object made by a call (`Map()`) or a role. */
function isNamespace(v: Val): boolean {
  return v.path !== undefined && !v.path.includes('(') && !v.path.startsWith('@');
}

/** A value placed after other text: whatever prefix it had no longer starts the string. */
/** Text that starts with neither `/` nor `\\`: a segment or a join of them, with no backslash. */
function startsRootless(v: Val): boolean {
  const shape = flagBits(['segment', 'rootless']);
  const backslash = flagBit('backslash');
  return v.labels.every((l) => l.flags & shape && l.flags & backslash);
}

function unprefixed(v: Val): Val {
  return dropFlag(v, flagBits(['prefixed', 'delimited']));
}
