import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { type FlowStep, type Location, type Precision, PRECISIONS } from '../../core/finding.ts';
import type { Variable } from '../scope/bindings.ts';
import type { ReportDescriptor } from '../rule.ts';
import { Calls } from './calls.ts';
import { admitsBelow } from '../declared-dependencies.ts';
import { type ArgvElement, fixedLead, type OptionPart, optionParts, textPieces } from './argv.ts';
import { constInit, isGuarded, mayBeGuarded, predicateOf } from './guards.ts';
import { isNullObject, onNullPrototypes } from './null-prototype.ts';
import {
  buildsLevel,
  descentKeys,
  descentKeysOf,
  HELPER_DEPTH,
  helperKeyWrites,
  keyCannotBePrototype,
  prototypeWriteGuarded,
  SHALLOW_ASSIGNS,
} from './key-writes.ts';
import { regexUse, slowness } from './slow-regex.ts';
import { type CompiledModels, matchesPattern, PatternIndex } from './models.ts';
import {
  type ArgvRead,
  DEFAULT_SOURCE_KINDS,
  flagBit,
  flagBits,
  type GuardKind,
  type SinkStep,
  type SourceKind,
} from './spec.ts';
import { paramLookup } from './lookup-functions.ts';
import type { CalleeFacts, ParamLookup, ParamPredicate, ParamSink, TaintEnv } from './summary.ts';
import {
  capSteps,
  type CompiledRule,
  type Fn,
  fromExport,
  isFn,
  type Label,
  MAX_ROUNDS,
  type Node,
  propName,
  remoteStep,
  type SinkRef,
  type Step,
  type TaintRuleInput,
  type Val,
} from './values.ts';
import { chainCalls, isFreshObject, optionHolds, readPath, receiverName, traverseShallow } from './nodes.ts';
import { findProperty, unwrap } from '../resolve.ts';
import { inBrowserOnlyCallback, isBrowserModule, isNodeServerModule } from '../server-module.ts';
import { inDevelopmentOnlyCode } from '../development-only.ts';

/** DOM methods that return an element (or a list of them, indexed). */
const ELEMENT_LOOKUPS = new Set([
  'createElement',
  'createElementNS',
  'getElementById',
  'querySelector',
  'querySelectorAll',
  'getElementsByTagName',
  'getElementsByClassName',
  'getElementsByName',
  'closest',
  'cloneNode',
]);
/** A name that says it holds an element: `el`, `node`, `objectEl`, `playerElement`. */
const ELEMENT_NAME = /^(?:el|elem|element|node)$|[a-z0-9](?:El|Elem|Element|Node)$/;

/** The guards that decide a parameter's sink for the pattern half: a bound on it or on its length. */
const BOUND: ReadonlySet<GuardKind> = new Set(['bound']);
/** Types whose values are bytes or lists (TypedArray constructors copy them). */
const BINARY_TYPES: ReadonlySet<string> = new Set([
  'Buffer',
  'ArrayBuffer',
  'SharedArrayBuffer',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int8Array',
  'Uint16Array',
  'Int16Array',
  'Uint32Array',
  'Int32Array',
  'Float32Array',
  'Float64Array',
  'DataView',
  'Array',
  'ReadonlyArray',
]);
const SHORT: ReadonlySet<GuardKind> = new Set(['short']);
/** Guards that make a value one of the program's own choices, wherever it is used after. */
const CHOSEN: readonly GuardKind[] = ['allow', 'lookup'];

/** Source kinds whose flows are likely, not proven: their findings are `medium` precision. */
const LIKELY_KINDS: ReadonlySet<SourceKind> = new Set(['remote-extra', 'network']);
/**
 * Parts of a request a program may take for who the client is (comparedRequestParts): cookies and
 * headers, by their source labels; a signed cookie the client cannot forge.
 */
const IDENTITY_PART = /cookies|header/;
const SIGNED = /signed/i;
/** Parts a client fills to name what it asks for: the URL, its query and parameters, the body. */
const ASKED_PART = /query|param|body|url|path/i;
/** `typeof x === 'string'` and the tests that make a value a number or boolean. */
const TYPE_TESTS: ReadonlySet<GuardKind> = new Set(['text', 'type']);
/** A `typeof … === 'string'` test (guards.ts typeofProves). */
const TEXT_TEST: ReadonlySet<GuardKind> = new Set(['text']);
/** Names of values matched against a cookie as a defence: CSRF tokens, OAuth state, nonces, PKCE. */
const TOKEN_NAME = /csrf|xsrf|state|nonce|token|verifier|challenge/i;

function namesAToken(n: Node): boolean {
  const name = n.type === 'MemberExpression' ? propName(n) : n.type === 'Identifier' ? n.name : undefined;
  return name !== undefined && TOKEN_NAME.test(name);
}
/**
 * Data the operator gives the program (its command line, its environment): a flow from it is
 * worth a look (precision medium, as CodeQL's indirect command-line injection), not a proven attack.
 */
const OPERATOR_KINDS: ReadonlySet<SourceKind> = new Set(['cli', 'env']);

/** A rule that accepts request data accepts the request properties middleware fills and responses too. */
function withExtra(kinds: Set<SourceKind>): Set<SourceKind> {
  if (kinds.has('remote')) for (const k of LIKELY_KINDS) kinds.add(k);
  return kinds;
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
      kinds: withExtra(new Set(r.taint.sources ?? DEFAULT_SOURCE_KINDS)),
      mask: flagBits(r.taint.sanitisedBy),
      weakenedBy: flagBits(r.taint.weakenedBy ?? []),
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

/** Guards that keep a path inside the folder it is joined to. */
const CONTAINED_PATH: ReadonlySet<GuardKind> = new Set(['prefix', 'deny-dotdot']);

/** Sources that are the request's parsed objects (see isRequestObject). */
const REQUEST_OBJECTS: ReadonlySet<string> = new Set(
  ['query', 'params', 'body', 'headers', 'cookies', 'signedCookies'].map((p) => `request ${p}`),
);

/** The request's parsed query, parameters, headers, cookies or body itself, not a field read from it. */
function isRequestObject(v: Val): boolean {
  return (
    v.whole === true &&
    v.labels.length > 0 &&
    v.labels.every((l) => REQUEST_OBJECTS.has(l.origin?.label ?? ''))
  );
}

/** Sinks: where taint arrives, whether a guard covers it, findings and parameter-sink summaries. */

export abstract class Sinks extends Calls {
  protected readonly rules: CompiledRule[];
  protected readonly sinkCalls: PatternIndex<SinkRef>;
  protected readonly sinkAssigns: PatternIndex<SinkRef>;
  protected readonly sinkJsx: Map<string, SinkRef[]>;
  protected readonly rulesById = new Map<string, CompiledRule>();
  /** The rules with keys that make an object a sink in any call (TaintSpec.anyCallKeys), with that sink. */
  private readonly anyCallRefs: SinkRef[];
  /** What the sink being checked needs of a helper's argument, for the summary entry hit() makes. */
  private sinkNeeds: ParamSink['needs'];
  /** relatedVariables of a value alone: asked again by every rule whose sink holds it. */
  private readonly relatedOf = new Map<Node, Map<Variable, string[]>>();

  constructor(
    ast: TSESTree.Program,
    filename: string,
    sourceText: string,
    rules: readonly TaintRuleInput[],
    env: TaintEnv,
    locate: (node: Node) => Location,
    models?: CompiledModels,
  ) {
    super(ast, filename, sourceText, env, locate, models);
    const c = compiledRulesFor(rules);
    this.rules = c.rules;
    this.sinkCalls = c.calls;
    this.sinkAssigns = c.assigns;
    this.sinkJsx = c.jsx;
    for (const r of this.rules) this.rulesById.set(r.id, r);
    this.anyCallRefs = this.rules.flatMap((rule) => {
      const any = rule.spec.anyCallKeys;
      return any ? [{ rule, sink: { label: any.label, dangerousKeys: any.keys } }] : [];
    });
  }

  // ---- sinks ----

  protected checkSinks(): void {
    for (const call of this.calls) this.checkCall(call);
    for (const imp of this.imports) {
      for (const ref of this.sinkCalls.match('import'))
        this.hit(ref.rule, imp, this.ev(imp.source).labels, imp.source, {
          location: this.locate(imp),
          message: ref.sink.label,
        });
    }
    for (const a of this.memberWrites) this.checkAssign(a);
    for (const call of this.calls) {
      this.checkHelperKeyWrite(call);
      this.checkAssignIntoLookup(call);
    }
    for (const attr of this.jsxAttrs) this.checkJsx(attr);
    if (this.rules.some((r) => r.spec.loopBoundInput))
      for (const b of this.loopBounds) this.checkLoopBound(b);
    if (this.rules.some((r) => r.spec.comparedRequestParts))
      for (const c of this.decidingComparisons) this.checkComparedParts(c);
    // Calls to local functions whose parameters reach sinks: repeat until no new summary entry.
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const before = this.paramSinkCount();
      for (const call of this.calls) this.checkLocalCall(call);
      if (this.paramSinkCount() === before) break;
    }
  }

  protected paramSinkCount(): number {
    let n = 0;
    for (const entries of this.paramSinks.values()) n += entries.size;
    return n;
  }

  protected checkCall(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
    const callee = call.callee;
    if (callee.type === 'Super') return;
    const calleeVal = this.ev(callee);
    const key = this.calleeKey(callee, calleeVal);
    if (key !== undefined) {
      // A method this program defines (its summary is known, or its module's is not, across an
      // import cycle, or its module exports no library object) is judged by what it does: a sink
      // pattern for any receiver (`*.findOne`) does not name it, only a library's own path does.
      const ownCode =
        calleeVal.fn !== undefined ||
        calleeVal.summary !== undefined ||
        (callee.type === 'MemberExpression' && isOwnModule(this.ev(callee.object)));
      const named = new Set<CompiledRule>();
      for (const ref of this.sinkCalls.match(key)) {
        if (ref.sink.exclude?.some((p) => matchesPattern(p, key))) continue;
        if (ownCode && !ref.sink.call?.some((p) => !p.startsWith('*.') && matchesPattern(p, key))) continue;
        named.add(ref.rule);
        this.checkCallSink(call, ref);
      }
      if (!ownCode && this.anyCallRefs.length) this.checkAnyCallKeys(call, named);
    }
    // Imported helpers whose parameters reach sinks in their own file.
    const summary =
      calleeVal.summary ??
      (calleeVal.module ? fromExport(calleeVal.module.exports.default)?.summary : undefined);
    if (summary && !calleeVal.fn) {
      for (const s of summary.sinks) {
        const rule = this.rulesById.get(s.ruleId);
        if (!rule) continue;
        const reach = this.entryReach(call, undefined, s);
        if (!reach) continue;
        const labels = reach.labels.map((l) => ({
          ...l,
          flags: l.flags | s.flags,
          steps: capSteps([
            ...l.steps,
            { node: call, message: 'passed to an imported function' },
            ...s.steps.map(remoteStep),
          ]),
        }));
        this.hit(rule, call, labels, call.arguments[s.param] ?? call, reach.sink);
      }
    }
    // A literal regex that backtracks (polynomially or exponentially) run over untrusted text.
    if (this.rules.some((r) => r.spec.slowRegexInput)) {
      const use = regexUse(call, this.bindings);
      const labels = use ? this.ev(use.text).labels : [];
      const slow = labels.length ? slowness(use!.regex) : undefined;
      if (slow) {
        // Text that holds no line break (a request's URL) cannot make such a regex backtrack.
        const crlf = flagBit('crlf');
        const reaching = slow.needsLineBreak ? labels.filter((l) => !(l.flags & crlf)) : labels;
        for (const rule of this.rules) {
          if (!rule.spec.slowRegexInput) continue;
          this.hit(rule, call, reaching, use!.text, { location: this.locate(call), message: slow.message });
        }
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

  /**
   * An object or array literal, or a variable declared with one and never assigned again
   * (`const errors = []; errors.push(…); res.send(errors)`), or what a function that always returns
   * one gave (`res.send(toPublic(link))`): Express sends it as JSON.
   */
  protected holdsLiteralObject(arg: Node): boolean {
    const value = this.soleValue(arg);
    return (
      value?.type === 'ObjectExpression' || value?.type === 'ArrayExpression' || this.ev(arg).record === true
    );
  }

  /**
   * The request's parsed query, route parameters, headers, cookies or body itself, not a field read
   * from it: an object (Express's parsers make the body an object, an array or a Buffer; its text
   * parser aside).
   */
  protected wholeRequestObject(arg: Node): boolean {
    return isRequestObject(this.ev(arg));
  }

  /**
   * A parameter of its function named as it is, never written again: what a caller passes, not
   * something read or made from it (`log(doc)`, not `log(doc.title)` nor `log(parse(doc).error)`).
   */
  private isParameterItself(arg: Node): boolean {
    if (arg.type !== 'Identifier') return false;
    const variable = this.bindings.variableOf(arg);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    const declared = def?.type === 'Parameter' ? (def.name as Node).parent : undefined;
    return (
      declared !== undefined &&
      (isFn(declared) || declared.type === 'AssignmentPattern') &&
      variable!.references.every((r) => !r.isWrite())
    );
  }

  /** A variable declared with a binary or array type (`data: Buffer`, `chunks: Uint8Array[]`): an object, never a number. */
  protected declaredBinary(arg: Node): boolean {
    if (arg.type !== 'Identifier') return false;
    const name = this.bindings.variableOf(arg)?.defs[0]?.name as TSESTree.Identifier | undefined;
    const type = name?.typeAnnotation?.typeAnnotation;
    if (type?.type === 'TSArrayType') return true;
    return (
      type?.type === 'TSTypeReference' &&
      type.typeName.type === 'Identifier' &&
      BINARY_TYPES.has(type.typeName.name)
    );
  }

  /** `new C(…)` (not `new String`), in place or held as soleValue says: an object of C's methods. */
  protected constructedObject(node: Node): boolean {
    const value = this.soleValue(node);
    return (
      value?.type === 'NewExpression' &&
      !(value.callee.type === 'Identifier' && value.callee.name === 'String')
    );
  }

  /** The node itself, or for a variable declared with a value and never assigned again, that value. */
  protected soleValue(node: Node): Node | undefined {
    if (node.type !== 'Identifier') return node;
    const v = this.bindings.variableOf(node);
    const def = v?.defs.length === 1 ? v.defs[0] : undefined;
    if (def?.node.type !== 'VariableDeclarator' || def.node.id.type !== 'Identifier') return undefined;
    if (!v!.references.every((r) => !r.isWrite() || r.init === true)) return undefined;
    return def.node.init ?? undefined;
  }

  /**
   * A parsed URL whose host the code overwrote with its own value before the call, in a statement
   * that always runs first (`const u = new URL(req.url); u.hostname = API_HOST; fetch(u)`): what
   * the request still chooses is its path and query, as with a fixed prefix.
   */
  protected hostPinned(arg: Node, call: Node): boolean {
    if (arg.type !== 'Identifier' || !this.isParsedUrl(arg)) return false;
    const variable = this.bindings.variableOf(arg);
    return (variable?.references ?? []).some((ref) => {
      const member = ref.identifier.parent;
      const write = member?.parent;
      if (
        member?.type !== 'MemberExpression' ||
        member.object !== ref.identifier ||
        write?.type !== 'AssignmentExpression' ||
        write.left !== member ||
        write.operator !== '=' ||
        !['host', 'hostname'].includes(propName(member) ?? '') ||
        write.range[1] > call.range[0] ||
        this.ev(write.right).labels.length > 0
      )
        return false;
      return write.parent?.type === 'ExpressionStatement' && runsBefore(write.parent, call);
    });
  }

  /**
   * Did a `for…of` over the same variable run before `node` (`for (const id of ids) check(id); …
   * for (let i = 0; i < ids.length; i++)`)? What JSON gives is iterable only as an array or text:
   * an object with a forged `length` throws at the `for…of` first.
   */
  protected iteratedBefore(object: Node, node: Node): boolean {
    if (object.type !== 'Identifier') return false;
    const variable = this.bindings.variableOf(object);
    return (variable?.references ?? []).some((ref) => {
      const loop = ref.identifier.parent;
      return loop?.type === 'ForOfStatement' && loop.right === ref.identifier && runsBefore(loop, node);
    });
  }

  /** Is the callee's module one of `fixed`, declared by the file's package only from its fixed version on? */
  protected fixedVersionDeclared(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    fixed: Readonly<Record<string, string>>,
  ): boolean {
    const path = this.ev(call.callee).path;
    if (path === undefined) return false;
    // `lodash.merge` is lodash's `merge` or the per-method package: whichever the package declares.
    return Object.entries(fixed).some(([module, version]) => {
      const range = this.env.declared?.[module];
      return (
        range !== undefined &&
        (path === module || path.startsWith(`${module}.`) || path.startsWith(`${module}/`)) &&
        !admitsBelow(range, version)
      );
    });
  }

  protected checkCallSink(call: TSESTree.CallExpression | TSESTree.NewExpression, ref: SinkRef): void {
    const { sink, rule } = ref;
    const args = call.arguments;
    if (sink.dom && this.serverModule()) return;
    if (sink.server && !this.serverModule()) return;
    if (
      sink.notInBrowser &&
      ((this.browserCode ??= isBrowserModule(this.filename, this.sourceText)) || inBrowserOnlyCallback(call))
    )
      return;
    if (sink.notInDevelopment && inDevelopmentOnlyCode(call)) return;
    if (sink.receiver) {
      const name = call.callee.type === 'MemberExpression' ? receiverName(call.callee.object) : undefined;
      const calleePath = this.ev(call.callee).path;
      const byModule = calleePath !== undefined && (sink.modules ?? []).some((m) => calleePath.startsWith(m));
      const re = new RegExp(sink.receiver, sink.receiverCaseSensitive ? '' : 'i');
      if (!byModule && (!name || !re.test(name))) return;
    }
    if (
      sink.receiverNotModule &&
      (call.callee.type !== 'MemberExpression' ||
        this.ev(call.callee.object).module !== undefined ||
        this.constructedObject(call.callee.object))
    )
      return;
    if (
      sink.receiverNot !== undefined &&
      call.callee.type === 'MemberExpression' &&
      call.callee.object.type === 'Identifier' &&
      new RegExp(sink.receiverNot).test(call.callee.object.name)
    )
      return;
    if (
      sink.chainNot !== undefined &&
      chainCalls(call.callee).some((n) => new RegExp(sink.chainNot!).test(n))
    )
      return;
    if (sink.intoExisting && isFreshObject(args[0])) return;
    if (sink.minArgs !== undefined && args.length < sink.minArgs) return;
    if (sink.maxArgs !== undefined && args.length > sink.maxArgs) return;
    if (sink.firstLiteral !== undefined) {
      const first = args[0];
      if (!(
        first?.type === 'Literal' &&
        (typeof first.value === 'string' || typeof first.value === 'boolean') &&
        new RegExp(sink.firstLiteral, 'i').test(String(first.value))
      ))
        return;
    }
    if (sink.declared) {
      const range = this.env.declared?.[sink.declared.module];
      if (
        sink.declared.unknownOnly
          ? range !== undefined
          : range === undefined || !admitsBelow(range, sink.declared.below)
      )
        return;
    }
    if (sink.fixedFrom && this.fixedVersionDeclared(call, sink.fixedFrom)) return;
    for (const cond of sink.when ?? []) {
      // Options written in place or held by a variable the code proves (`const opts = { noent: true }`).
      const arg = args[cond.arg];
      const options = arg && arg.type !== 'SpreadElement' ? (this.optionsLiteral(arg) ?? arg) : arg;
      if (!optionHolds(options, cond, (n) => this.text(n))) return;
    }
    const indices =
      sink.args === 'all'
        ? args.map((_, i) => i)
        : sink.args === 'last'
          ? [args.length - 1]
          : (sink.args ?? [0]);
    for (const i of indices) {
      const arg = args[i];
      if (!arg) continue;
      if (sink.skipLiteralObjects && this.holdsLiteralObject(arg)) continue;
      if (sink.skipRequestObjects && this.wholeRequestObject(arg)) continue;
      if (sink.arrayHolds !== undefined && !arrayHolds(arg, new RegExp(sink.arrayHolds, 'i'))) continue;
      if (sink.argv) {
        this.checkArgv(call, ref, i);
        continue;
      }
      if (sink.view) {
        this.checkViewData(call, arg, ref);
        continue;
      }
      if (sink.objectValues && arg.type === 'ObjectExpression') {
        this.checkObjectValues(call, arg, ref, 0);
        continue;
      }
      if (sink.dangerousKeys && arg.type === 'Identifier') this.checkDangerousKeysOf(call, arg, ref);
      if (sink.dangerousKeys && arg.type === 'CallExpression') this.checkDangerousFieldsOf(call, arg, ref);
      const options = sink.keys || sink.exceptKeys ? this.optionsLiteral(arg) : undefined;
      if (options) {
        this.checkObjectKeys(call, options, ref);
        continue;
      }
      if (sink.keys && sink.keysOnly) continue;
      if (sink.roles) {
        this.checkMessages(call, arg, ref, false);
        continue;
      }
      if (sink.framed && !this.framed(arg)) continue;
      if (sink.sizeArg && this.declaredBinary(arg)) continue;
      const segments = sink.pathSegments ? leadingSegments(arg) : undefined;
      let v = segments ? this.unionAll(segments.map((e) => this.ev(e))) : this.ev(arg);
      if (v.labels.length && this.hostPinned(arg, call)) v = this.withFlags(v, flagBit('prefixed'));
      this.sinkNeeds = sink.wholeObject
        ? 'whole'
        : sink.objectValue
          ? 'object'
          : sink.notText
            ? 'notText'
            : sink.skipRequestObjects && this.isParameterItself(arg)
              ? 'notRequest'
              : undefined;
      const needed = neededLabels(v, this.sinkNeeds);
      if (!needed) {
        this.sinkNeeds = undefined;
        continue;
      }
      this.hit(rule, call, needed, arg, {
        ...this.sinkStep(call, ref, sink.label),
        ...(sink.callerNamed ? { callerNamed: true } : {}),
        ...(sink.sanitisedBy ? { clearedBy: flagBits(sink.sanitisedBy) } : {}),
      });
      this.sinkNeeds = undefined;
    }
  }

  /**
   * A view's data (SinkSpec.view): each property a sink of its own, named by its path (`user.bio`
   * in `{ user: { bio } }`); a spread or the whole argument only when it is an object the client
   * built (`res.render('v', req.query)`, `{ ...req.body }`), which may hold any name (`*`).
   */
  protected checkViewData(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    arg: Node,
    ref: SinkRef,
  ): void {
    const view = this.constantString(call.arguments[0]);
    if (view === undefined) return;
    const hitAt = (local: string, value: Node, except: string[] = []) =>
      this.hit(ref.rule, call, this.ev(value).labels, value, {
        location: this.locate(call),
        message: `${ref.sink.label} (\`${local}\` of view '${view}')`,
        view: { view, local, ...(except.length ? { except } : {}) },
      });
    // A client-built object; `except`: the names set after it in the same literal, which win over its own.
    const clientObject = (value: Node, local: string, except: string[] = []) => {
      const v = this.ev(value);
      if (v.whole || v.objectLike) hitAt(local, value, except);
    };
    const keysOf = (props: TSESTree.ObjectLiteralElement[]): string[] =>
      props.flatMap((p) => {
        if (p.type !== 'SpreadElement') return propName(p) ?? [];
        const spread = this.optionsLiteral(p.argument);
        return spread ? keysOf(spread.properties.filter((q) => q.type !== 'SpreadElement')) : [];
      });
    const visit = (node: Node, prefix: string, depth: number): void => {
      const obj = depth < 3 ? this.optionsLiteral(node) : undefined;
      if (!obj) {
        if (prefix) hitAt(prefix, node);
        else clientObject(node, '*');
        return;
      }
      obj.properties.forEach((p, i) => {
        if (p.type === 'SpreadElement') {
          // `{ ...defaults }` spreads its own names; `{ ...req.body }` any the client chooses.
          if (depth < 2 && this.optionsLiteral(p.argument)) visit(p.argument, prefix, depth + 1);
          else clientObject(p.argument, prefix || '*', keysOf(obj.properties.slice(i + 1)));
          return;
        }
        const key = propName(p);
        if (key !== undefined) visit(p.value, prefix ? `${prefix}.${key}` : key, depth + 1);
      });
    };
    visit(arg, '', 0);
  }

  /** A string literal, a template literal without placeholders, or a `const` holding one. */
  protected constantString(node: Node | undefined): string | undefined {
    if (node?.type === 'Literal') return typeof node.value === 'string' ? node.value : undefined;
    if (node?.type === 'TemplateLiteral')
      return node.expressions.length === 0 ? (node.quasis[0]?.value.cooked ?? undefined) : undefined;
    if (node?.type !== 'Identifier') return undefined;
    const def = this.bindings.variableOf(node)?.defs;
    const d = def?.length === 1 ? def[0] : undefined;
    if (d?.type !== 'Variable' || d.parent.kind !== 'const' || !d.node.init) return undefined;
    const init = d.node.init;
    return init.type === 'Literal' || init.type === 'TemplateLiteral' ? this.constantString(init) : undefined;
  }

  /** The object literal an options argument is: written in place, or a `const` never written through. */
  protected optionsLiteral(arg: Node): TSESTree.ObjectExpression | undefined {
    if (arg.type === 'ObjectExpression') return arg;
    if (arg.type !== 'Identifier') return undefined;
    const variable = this.bindings.variableOf(arg);
    const def = variable?.defs[0];
    if (!variable) return undefined;
    // A `const`, or a `let`/`var` its declaration alone writes.
    const once = def?.type === 'Variable' && variable.references.filter((r) => r.isWrite()).length <= 1;
    if (
      def?.type !== 'Variable' ||
      (def.parent.kind !== 'const' && !once) ||
      def.node.id.type !== 'Identifier' ||
      def.node.init?.type !== 'ObjectExpression'
    ) {
      // `let o = {…}` or `o = {…}` right before: the literal the code proves reaches here.
      const reaching = this.reaching.uniqueDef(arg, variable)?.value;
      return reaching?.type === 'ObjectExpression' ? reaching : undefined;
    }
    // `opts.host = x` changes it: then the whole value counts.
    return this.reaching.isMutated(variable) ? undefined : def.node.init;
  }

  /**
   * The options of an object literal that are the sink (SinkSpec.keys, exceptKeys); `prefix`: the
   * path of the option whose own options these are (`config.` of `config.systemInstruction`).
   */
  protected checkObjectKeys(call: Node, obj: TSESTree.ObjectExpression, ref: SinkRef, prefix = ''): void {
    const { keys, exceptKeys, keysOnly } = ref.sink;
    for (const p of obj.properties) {
      if (p.type === 'SpreadElement') {
        if (!keysOnly) this.checkKey(call, p.argument, ref, undefined);
        continue;
      }
      const name = propName(p);
      if (name === undefined) continue;
      const key = prefix + name;
      if (keys?.some((k) => k.startsWith(`${key}.`))) {
        const inner = this.optionsLiteral(p.value);
        if (inner) this.checkObjectKeys(call, inner, ref, `${key}.`);
        else if (!keysOnly) this.checkKey(call, p.value, ref, key);
        continue;
      }
      if (keys ? !keys.includes(key) : exceptKeys!.includes(key)) continue;
      this.checkKey(call, p.value, ref, key);
    }
  }

  /** One option that is the sink (`key`; undefined for a spread): a message list, framed text, or any value. */
  private checkKey(call: Node, value: Node, ref: SinkRef, key: string | undefined): void {
    if (ref.sink.roles) this.checkMessages(call, value, ref, true);
    else if (!ref.sink.framed || this.framed(value))
      this.hit(
        ref.rule,
        call,
        this.ev(value).labels,
        value,
        this.sinkStep(call, ref, key === undefined ? ref.sink.label : `${ref.sink.label} (${key})`),
      );
  }

  /** The last step of a flow at a call's sink, with the sink's own precision (SinkSpec.precision) or `at`, the lower. */
  private sinkStep(call: Node, ref: SinkRef, message: string, at?: Precision): SinkStep {
    const precision = rank(ref.sink.precision) > rank(at) ? ref.sink.precision : at;
    return { location: this.locate(call), message, ...(precision ? { precision } : {}) };
  }

  /**
   * A chat's message list (SinkSpec.roles): the content of each message whose role the code
   * proves is one of the sink's. A message of another role, or whose role or place in the list is
   * not known, is not this sink's — unless the client built it and the list is a named option
   * (`messages: req.body.messages`, a spread or an element of one; `named`): then the client chooses
   * its role too, `system` included, a likely flow (medium) at an instruction sink. A list given as
   * an argument is read by calls of common names (`invoke`): only its proven messages count.
   */
  protected checkMessages(call: Node, list: Node, ref: SinkRef, named: boolean): void {
    const roles = ref.sink.roles!;
    const { messages, unknown } = this.messageList(list);
    for (const element of messages) {
      const message = this.provenValue(element);
      let role: Node | undefined;
      let content: Node | undefined;
      if (message?.type === 'ArrayExpression') {
        const [r, c] = message.elements;
        if (r && r.type !== 'SpreadElement' && c && c.type !== 'SpreadElement') [role, content] = [r, c];
      } else if (message?.type === 'ObjectExpression') {
        role = findProperty(message, 'role')?.value;
        content = findProperty(message, 'content')?.value;
      } else unknown.push(element);
      const name = role && this.constantString(unwrap(role));
      if (!content || name === undefined || !roles.includes(name)) continue;
      if (ref.sink.framed && !this.framed(content)) continue;
      this.hit(
        ref.rule,
        call,
        this.ev(content).labels,
        content,
        this.sinkStep(call, ref, `${ref.sink.label} (${name} message)`),
      );
    }
    if (ref.sink.framed || !named) return;
    this.sinkNeeds = 'object';
    for (const node of unknown) {
      const labels = neededLabels(this.ev(node), 'object');
      if (labels)
        this.hit(
          ref.rule,
          call,
          labels,
          node,
          this.sinkStep(call, ref, `${ref.sink.label} (messages whose role the client chooses)`, 'medium'),
        );
    }
    this.sinkNeeds = undefined;
  }

  /**
   * The messages a list is proven to hold: an array literal's, or a variable's declared with one
   * and never assigned again, with those it is given by `push`/`unshift` (order aside, each is in
   * it); `unknown`: what else it may hold (a spread into it, or the list itself when not proven).
   */
  protected messageList(node: Node): { messages: Node[]; unknown: Node[] } {
    const unknown: Node[] = [];
    const elements = (list: ReadonlyArray<TSESTree.Expression | TSESTree.SpreadElement | null>) =>
      list.flatMap((e) => {
        if (e?.type === 'SpreadElement') unknown.push(e.argument);
        return e && e.type !== 'SpreadElement' ? [e] : [];
      });
    const value = this.provenValue(node);
    if (value?.type === 'ArrayExpression') return { messages: elements(value.elements), unknown };
    const id = unwrap(node);
    const variable = id.type === 'Identifier' ? this.bindings.variableOf(id) : undefined;
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    const init = def?.type === 'Variable' ? def.node.init : undefined;
    if (init?.type !== 'ArrayExpression' || variable!.references.some((r) => r.isWrite() && !r.init))
      return { messages: [], unknown: [node] };
    const added = variable!.references.flatMap((r) => {
      const member = r.identifier.parent;
      const call = member?.parent;
      return member?.type === 'MemberExpression' &&
        member.object === r.identifier &&
        ['push', 'unshift'].includes(propName(member) ?? '') &&
        call?.type === 'CallExpression' &&
        call.callee === member
        ? elements(call.arguments)
        : [];
    });
    return { messages: [...elements(init.elements), ...added], unknown };
  }

  /**
   * Text the program wrote around data (SinkSpec.framed): a template literal or `+` chain with a
   * constant word among its pieces, written here or proven to be the variable's value.
   */
  protected framed(node: Node): boolean {
    const n = this.provenValue(node) ?? unwrap(node);
    const word = (text: string | null | undefined) => /[A-Za-z]{2}/.test(text ?? '');
    if (n.type === 'TemplateLiteral')
      return n.expressions.length > 0 && n.quasis.some((q) => word(q.value.cooked));
    if (n.type !== 'BinaryExpression' || n.operator !== '+') return false;
    const pieces: Node[] = [n];
    let constant = false;
    let data = false;
    while (pieces.length) {
      const p = unwrap(pieces.pop()!);
      if (p.type === 'BinaryExpression' && p.operator === '+') pieces.push(p.left, p.right);
      else if (p.type === 'Literal' && typeof p.value === 'string') constant ||= word(p.value);
      else if (p.type === 'TemplateLiteral') {
        constant ||= p.quasis.some((q) => word(q.value.cooked));
        data ||= p.expressions.length > 0;
      } else data = true;
    }
    return constant && data;
  }

  /**
   * A query object held in a variable: its `$where` (a dangerous key) set in the literal that
   * declares it or by a later `query['$where'] = …`.
   */
  protected checkDangerousKeysOf(call: Node, arg: TSESTree.Identifier, ref: SinkRef): void {
    const variable = this.bindings.variableOf(arg);
    if (!variable || variable.defs.length !== 1) return;
    const dangerous = (key: string | undefined) => key !== undefined && ref.sink.dangerousKeys!.includes(key);
    const values: Array<{ key: string; value: Node }> = [];
    const def = variable.defs[0]!;
    if (def.type === 'Variable' && def.node.init?.type === 'ObjectExpression') {
      for (const p of def.node.init.properties) {
        if (p.type === 'Property' && dangerous(propName(p)))
          values.push({ key: propName(p)!, value: p.value });
      }
    }
    for (const r of variable.references) {
      const member = r.identifier.parent;
      if (member?.type !== 'MemberExpression' || member.object !== r.identifier) continue;
      const write = member.parent;
      const key = propName(member);
      if (write?.type === 'AssignmentExpression' && write.left === member && dangerous(key))
        values.push({ key: key!, value: write.right });
    }
    for (const { key, value } of values) this.hitDangerousKey(call, key, value, ref);
  }

  /**
   * A query object a function of the program builds and returns (`find(criteria())`, where
   * `criteria` returns `{ $where: … }`): its dangerous keys, as the call's result's fields know them.
   */
  protected checkDangerousFieldsOf(call: Node, arg: TSESTree.CallExpression, ref: SinkRef): void {
    const fields = this.ev(arg).fields;
    if (!fields) return;
    for (const key of ref.sink.dangerousKeys!) {
      const labels = fields[key];
      if (labels?.length) this.hitDangerous(call, key, labels, arg, ref);
    }
  }

  /**
   * `$where` runs JavaScript: a string is as bad as an object there. The finding stands at the
   * value, the code the database runs, as CodeQL places it; the query call is named in its step.
   */
  protected hitDangerousKey(call: Node, key: string, value: Node, ref: SinkRef): void {
    this.hitDangerous(call, key, this.ev(value).labels, value, ref);
  }

  protected hitDangerous(call: Node, key: string, given: readonly Label[], value: Node, ref: SinkRef): void {
    const labels = given.map((l) => ({
      ...l,
      flags: l.flags & ~(flagBit('string') | flagBit('nosql')),
    }));
    this.hit(
      ref.rule,
      call,
      labels,
      value,
      {
        location: this.locate(value),
        // Ends with the operator: src/sast/routes/validated.ts reads it there.
        message: `${ref.sink.label} queried at line ${this.locate(call).startLine} (${key})`,
      },
      [],
      value,
    );
  }

  /** Object literal arguments of a call no sink of the rule names: their TaintSpec.anyCallKeys. */
  protected checkAnyCallKeys(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    named: Set<CompiledRule>,
  ): void {
    for (const ref of this.anyCallRefs) {
      if (named.has(ref.rule)) continue;
      const keys = ref.sink.dangerousKeys!;
      const objects = call.arguments.filter((a) => a.type === 'ObjectExpression');
      for (let depth = 0; objects.length && depth < 3; depth++) {
        for (const obj of objects.splice(0)) {
          for (const p of obj.properties) {
            if (p.type !== 'Property') continue;
            const key = propName(p);
            if (key !== undefined && keys.includes(key)) this.hitDangerousKey(call, key, p.value, ref);
            else if (p.value.type === 'ObjectExpression') objects.push(p.value);
            // `{ $or: [{ $where: … }] }`
            else if (p.value.type === 'ArrayExpression')
              for (const e of p.value.elements) if (e?.type === 'ObjectExpression') objects.push(e);
          }
        }
      }
    }
  }

  protected checkObjectValues(call: Node, obj: TSESTree.ObjectExpression, ref: SinkRef, depth: number): void {
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
        this.hitDangerousKey(call, key, p.value, ref);
        continue;
      }
      // An array written there may be an aggregation expression's operands (`$eq: ['$owner', x]`).
      if (key !== undefined && ref.sink.literalKeys?.includes(key) && p.value.type !== 'ArrayExpression')
        continue;
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

  /**
   * A program's argument list (SinkSpec.argv): each part it may read as an option is a sink of its
   * own, guarded on its own. A helper's parameter there gets a summary entry that says how its
   * callers' argument is read (SinkStep.argv).
   */
  protected checkArgv(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    ref: SinkRef,
    index: number,
  ): void {
    const { variadic, ...read } = ref.sink.argv!;
    for (const part of this.argvParts(call.arguments, index, read, variadic))
      this.hit(ref.rule, call, this.ev(part.node).labels, part.node, {
        location: this.locate(call),
        message: ref.sink.label,
        argv: part.sub ? { ...read, sub: part.sub } : read,
        // Elements a library's caller hands over whole are the API's purpose (a `git(args)` wrapper).
        ...(part.whole ? { callerNamed: true } : {}),
      });
  }

  /**
   * What a call's argument brings to a helper's sink entry (imported or local), and the sink step
   * to report it with: a program's argument list (SinkStep.argv) is read part by part, anything
   * else as the entry needs (ParamSink.needs) at the field it reads.
   */
  protected entryReach(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    fn: Fn | undefined,
    e: Pick<ParamSink, 'param' | 'field' | 'needs' | 'sink' | 'ruleId'>,
  ): { labels: readonly Label[]; sink: SinkStep } | undefined {
    if (e.sink.argv !== undefined && e.field === undefined) return this.argvReach(call, e.param, e.sink);
    // A loop bound by the parameter's `length`, given an array literal (`embed(ctx, [updated])`): an array.
    const arg = call.arguments[e.param];
    if (
      (e.field === undefined || e.field === 'length') &&
      arg?.type !== 'SpreadElement' &&
      arg !== undefined &&
      this.soleValue(arg)?.type === 'ArrayExpression' &&
      this.rulesById.get(e.ruleId)?.guards.has('array')
    )
      return undefined;
    const labels = neededLabels(this.argField(fn, e.param, e.field, call), e.needs);
    return labels && { labels, sink: e.sink };
  }

  /**
   * What a call's argument brings to a helper's parameter that reaches a program's argument list
   * (SinkStep.argv): the labels of the parts read as options, and the sink step for them, caller
   * named only while they are a whole array handed on (`run([...args])`, not `run(['fetch', r])`).
   */
  protected argvReach(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    param: number,
    sink: SinkStep,
  ): { labels: readonly Label[]; sink: SinkStep } | undefined {
    const parts = this.argvParts(call.arguments, param, sink.argv!)
      .map((p) => ({ whole: p.whole, labels: this.ev(p.node).labels }))
      .filter((p) => p.labels.length > 0);
    if (parts.length === 0) return undefined;
    const { callerNamed, ...step } = sink;
    return {
      labels: parts.flatMap((p) => p.labels),
      sink: callerNamed && parts.every((p) => p.whole) ? sink : step,
    };
  }

  /**
   * The parts of the argument at `index` a program may read as options (argv.ts): the elements of
   * an array literal or of a variable proven to hold one, the arguments from `index` on when they
   * may come one by one, or else the argument whole, unless its text starts fixed.
   */
  protected argvParts(
    args: readonly TSESTree.CallExpressionArgument[],
    index: number,
    read: ArgvRead,
    variadic = false,
  ): OptionPart[] {
    const arg = args[index];
    if (!arg) return [];
    const elements = arg.type === 'SpreadElement' ? undefined : this.argvElements(arg);
    if (!elements && !variadic)
      return arg.type !== 'ObjectExpression' && !isFn(arg) && this.optionLike(arg)
        ? [{ node: arg, sub: read.sub ?? '', whole: true }]
        : [];
    return optionParts(elements ?? args.slice(index), read, {
      constant: (n) => this.constantString(n),
      optionLike: (n) => this.optionLike(n),
      own: (n) => this.ev(n).labels.length === 0,
    });
  }

  /**
   * The elements of an argument array the code proves: an array literal, or such an array's
   * `concat(…)` chain, whose array literal arguments add their elements and whose other arguments
   * spread (`[script].concat(args)` is `[script, ...args]`). Undefined for an array built otherwise.
   */
  protected argvElements(node: Node): ArgvElement[] | undefined {
    const value = this.provenValue(node);
    if (value?.type === 'ArrayExpression') return value.elements;
    if (value?.type !== 'CallExpression' || value.callee.type !== 'MemberExpression') return undefined;
    const head = propName(value.callee) === 'concat' ? this.argvElements(value.callee.object) : undefined;
    if (!head) return undefined;
    const added = value.arguments.flatMap((a): ArgvElement[] =>
      a.type === 'ArrayExpression'
        ? a.elements
        : a.type === 'SpreadElement' || this.constantString(a) !== undefined
          ? [a]
          : [{ type: 'SpreadElement', argument: a }],
    );
    return [...head, ...added];
  }

  /**
   * Could this text start with `-` through data (argv.ts fixedLead)? `path.resolve()` and a
   * `path.join()` from a folder the program chose start with that folder.
   */
  protected optionLike(node: Node, depth = 0): boolean {
    const n = depth < 3 ? this.provenValue(node) : undefined;
    if (!n) return true;
    if (n !== unwrap(node)) return this.optionLike(n, depth + 1);
    if (n.type === 'CallExpression' && n.arguments[0]) {
      const path = this.ev(n.callee).path;
      const base = n.arguments[0];
      if (
        path === 'path.resolve' ||
        (path === 'path.join' &&
          (this.constantString(base)?.startsWith('/') ?? this.ev(base).labels.length === 0))
      )
        return false;
    }
    return !fixedLead(textPieces(n), (p) => this.ev(p).labels.length > 0);
  }

  /**
   * What an expression is proven to be where it is read: itself, or for a variable its only
   * reaching assignment (ReachingDefs) or the initialiser of a `const` never changed in place.
   */
  protected provenValue(node: Node): Node | undefined {
    const n = unwrap(node);
    if (n.type !== 'Identifier') return n;
    const variable = this.bindings.variableOf(n);
    if (!variable) return undefined;
    const reaching = this.reaching.uniqueDef(n, variable)?.value;
    if (reaching) return unwrap(reaching);
    const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
    return def?.type === 'Variable' &&
      def.parent.kind === 'const' &&
      def.node.init &&
      !this.reaching.isMutated(variable)
      ? unwrap(def.node.init)
      : undefined;
  }

  private serverCode?: boolean;
  private browserCode?: boolean;

  /** Is this file Node server code, with no DOM (SinkSpec.dom)? Worked out once, when a DOM sink is met. */
  protected serverModule(): boolean {
    return (this.serverCode ??= isNodeServerModule(this.sourceText));
  }

  /**
   * Is there evidence that this receiver is a DOM element (SinkSpec.element): it comes from the
   * document (`document.createElement('object')`, `document.body`), from an element lookup
   * (`panel.querySelector('object')`), or its name says so (`el`, `playerElement`)?
   */
  protected isElement(receiver: Node): boolean {
    const path = this.ev(receiver).path;
    if (path !== undefined && (path === 'document' || path.startsWith('document.'))) return true;
    let n = this.provenValue(receiver) ?? unwrap(receiver);
    if (n.type === 'MemberExpression' && n.computed) n = unwrap(n.object);
    if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression')
      return ELEMENT_LOOKUPS.has(propName(n.callee) ?? '');
    const named = unwrap(receiver);
    const name =
      named.type === 'Identifier'
        ? named.name
        : named.type === 'MemberExpression'
          ? propName(named)
          : undefined;
    return name !== undefined && ELEMENT_NAME.test(name);
  }

  protected checkAssign(a: TSESTree.AssignmentExpression): void {
    const left = a.left as TSESTree.MemberExpression;
    const objVal = this.ev(left.object);
    const name = propName(left);
    if (name !== undefined) {
      const key =
        objVal.path !== undefined ? (objVal.path === '' ? name : `${objVal.path}.${name}`) : `?.${name}`;
      for (const ref of this.sinkAssigns.match(key)) {
        if (ref.sink.exclude?.some((p) => matchesPattern(p, key))) continue;
        if (ref.sink.dom && this.serverModule()) continue;
        if (ref.sink.element && !this.isElement(left.object)) continue;
        if (ref.sink.skipLiteralObjects && this.holdsLiteralObject(a.right)) continue;
        this.hit(ref.rule, a, this.ev(a.right).labels, a.right, {
          location: this.locate(a),
          message: ref.sink.label,
        });
      }
    }
    // o[k] = v where o was itself reached by an untrusted key (a set-by-path loop, a recursive
    // merge): o may be Object.prototype.
    // (`cur[k] = {}` only builds the next level: the write at its end is the one reported.)
    if (
      left.computed &&
      left.object.type === 'Identifier' &&
      !buildsLevel(a.right) &&
      this.rules.some((r) => r.spec.taintedKeyWrite) &&
      !this.freshObject(left.object)
    ) {
      this.checkDescentWrite(a, () => descentKeys(a), left.property);
    }
    // Ctor.prototype[k] = v with an untrusted key: `__proto__` re-parents the prototype.
    if (
      left.computed &&
      left.object.type === 'MemberExpression' &&
      !left.object.computed &&
      propName(left.object) === 'prototype' &&
      this.rules.some((r) => r.spec.taintedKeyWrite) &&
      !keyCannotBePrototype(left.property)
    ) {
      const labels = this.ev(left.property).labels;
      if (labels.length > 0 && !prototypeWriteGuarded(a))
        for (const rule of this.rules) {
          if (!rule.spec.taintedKeyWrite) continue;
          this.hit(rule, a, labels, left.property, {
            location: this.locate(a),
            message: 'property of a prototype written with an untrusted key',
          });
        }
    }
    // obj[a][b] = v with an untrusted key: prototype pollution.
    if (
      left.computed &&
      left.object.type === 'MemberExpression' &&
      left.object.computed &&
      !keyCannotBePrototype(left.property) &&
      !keyCannotBePrototype(left.object.property)
    ) {
      const inner = this.ev(left.property);
      const outer = this.ev(left.object.property);
      const keys = this.union(inner, outer);
      // The file-wide look for null-prototype levels only where an untrusted key arrives.
      if (
        inner.labels.length === 0 ||
        outer.labels.length === 0 ||
        onNullPrototypes(left, (id) => this.bindings.variableOf(id))
      )
        return;
      for (const rule of this.rules) {
        // Both keys untrusted: the outer one reaches the prototype, the inner one names what is set.
        if (!rule.spec.taintedKeyWrite || !bothUntrusted(rule, inner, outer)) continue;
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

  protected checkLoopBound(bound: TSESTree.MemberExpression): void {
    const v = this.ev(bound.object);
    if (!v.whole && !v.objectLike) return;
    if (this.iteratedBefore(bound.object, bound)) return;
    for (const rule of this.rules) {
      if (!rule.spec.loopBoundInput) continue;
      this.hit(rule, bound, v.labels, bound.object, {
        location: this.locate(bound),
        message: 'the bound of a loop (its `length` can be any number the client sends)',
      });
    }
  }

  /**
   * `if (typeof req.query.p === 'string') query.project = req.query.p`: the property holds text,
   * wherever the object goes next (a helper's `Model.find(query)` sees no operator).
   */
  protected override writtenValue(right: Node): Val {
    const v = super.writtenValue(right);
    // Only where request data is written: a guard walk for every write of a parameter's value costs
    // more than the rare helper that type-checks what it stores.
    if (!v.labels.some((l) => l.origin !== undefined) || !mayBeGuarded(right)) return v;
    const varOf = (n: Node) => this.bindings.variableOf(n);
    return isGuarded(right, this.relatedVariables([right]), varOf, TEXT_TEST)
      ? this.withFlags(v, flagBit('string'))
      : v;
  }

  /** May the value read at `n` be an array the client built: request data not known to be text? */
  protected readonly mayBeArray = (n: Node): boolean =>
    this.ev(n).labels.some((l) => l.origin !== undefined && (l.flags & flagBit('string')) === 0) &&
    // Not where a `typeof` test has made it text or a number already.
    !isGuarded(n, this.relatedVariables([n]), (v) => this.bindings.variableOf(v), TYPE_TESTS);

  /**
   * `a === b` where each side is request data of a different part (a cookie against a route
   * parameter): reported with the labels of one side, the message naming the other's part. Tokens
   * matched against a cookie (double-submit CSRF, OAuth `state`, nonces) are a defence: the client
   * cannot set another user's cookie.
   */
  protected checkComparedParts(test: TSESTree.BinaryExpression): void {
    if (test.left.type === 'PrivateIdentifier' || [test.left, test.right].some(namesAToken)) return;
    const parts = (n: Node) =>
      this.ev(n).labels.filter((l) => l.origin?.kind === 'remote' && !SIGNED.test(l.origin.label));
    const left = parts(test.left);
    if (left.length === 0) return;
    const right = parts(test.right);
    // One side is what the program takes for the client's identity, the other what it asks for (a
    // route parameter): not two fields of one body (a consistency check), nor Origin against Host
    // (a browser's header against the server's name).
    const identityAgainstAsked = (a: string, b: string) =>
      IDENTITY_PART.test(a) && !IDENTITY_PART.test(b) && ASKED_PART.test(b);
    const differs = (a: Label, b: Label) =>
      identityAgainstAsked(a.origin!.label, b.origin!.label) ||
      identityAgainstAsked(b.origin!.label, a.origin!.label);
    const other = right.find((r) => left.some((l) => differs(l, r)));
    if (!other) return;
    const mine = left.filter((l) => differs(l, other));
    for (const rule of this.rules) {
      if (!rule.spec.comparedRequestParts) continue;
      this.hit(rule, test, mine, test.left, {
        location: this.locate(test),
        message: `a test against ${other.origin!.label}, which the same client sends`,
        // Whether the test guards anything that matters is for a reader to judge.
        precision: 'medium',
      });
    }
  }

  /**
   * Is the object `id` holds at this read, for certain, one made just before (`data = {}` as the
   * last statement to assign it, in a block around the read): reached by no lookup, whatever
   * other branches assign it?
   */
  private freshObject(id: TSESTree.Identifier): boolean {
    const variable = this.bindings.variableOf(id);
    const made = variable && this.reaching.uniqueDef(id, variable, true)?.value;
    return made?.type === 'ObjectExpression' || made?.type === 'ArrayExpression';
  }

  /** A write with key `key` into an object reached by the lookups `descent`: reported if one is untrusted. */
  protected checkDescentWrite(at: Node, descent: () => Node[], key: Node): void {
    if (keyCannotBePrototype(key)) return;
    // The key first: it is one evaluation, the lookups a walk of every enclosing function.
    const labels = this.ev(key).labels;
    if (labels.length === 0 || !descent().some((k) => this.ev(k).labels.length > 0)) return;
    for (const rule of this.rules) {
      if (!rule.spec.taintedKeyWrite) continue;
      this.hit(rule, at, labels, key, {
        location: this.locate(at),
        message: 'property written with an untrusted key into an object reached by another',
      });
    }
  }

  /**
   * `assignValue(o, k, v)` where the helper writes `o[k] = v`: the caller's write, so a recursive
   * merge or set-by-path loop that writes through helpers (lodash, jQuery style) is seen.
   */
  protected checkHelperKeyWrite(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
    if (call.callee.type === 'Super' || !this.rules.some((r) => r.spec.taintedKeyWrite)) return;
    // A helper writes `object[key]` from two of its arguments. Its callee is known from checkCall;
    // the arguments are worked out only for a helper that writes keys (most calls are not one).
    if (call.arguments.length < 2) return;
    const fn = this.ev(call.callee).fn;
    if (!fn || !this.writesKeys(fn)) return;
    if (!call.arguments.some((a) => this.ev(a).labels.length > 0)) return;
    for (const w of helperKeyWrites(fn, (c) => this.ev(c.callee).fn)) {
      const object = call.arguments[w.object];
      const key = call.arguments[w.key];
      if (object?.type !== 'Identifier' || !key) continue;
      this.checkDescentWrite(call, () => descentKeysOf(object.name, call), key);
    }
  }

  /**
   * `Object.assign(config[section], req.body.values)` with `section` untrusted: with `__proto__` the
   * target is `Object.prototype`, and the keys of the object the client built are set on it.
   */
  protected checkAssignIntoLookup(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
    const first = call.arguments[0];
    const target = first && first.type !== 'SpreadElement' ? unwrap(first) : undefined;
    if (
      call.callee.type === 'Super' ||
      target?.type !== 'MemberExpression' ||
      !target.computed ||
      keyCannotBePrototype(target.property) ||
      !this.rules.some((r) => r.spec.taintedKeyWrite)
    )
      return;
    const path = this.ev(call.callee).path;
    if (path === undefined || !SHALLOW_ASSIGNS.has(path)) return;
    const key = this.ev(target.property);
    if (key.labels.length === 0) return;
    const sources = call.arguments.slice(1).map((a) => (a.type === 'SpreadElement' ? a.argument : a));
    if (!sources.some((a) => neededLabels(this.ev(a), 'notText'))) return;
    if (onNullPrototypes(target, (id) => this.bindings.variableOf(id))) return;
    for (const rule of this.rules) {
      if (!rule.spec.taintedKeyWrite) continue;
      this.hit(
        rule,
        call,
        key.labels,
        target.property,
        {
          location: this.locate(call),
          message: 'properties copied into an object looked up by an untrusted key',
        },
        sources,
      );
    }
  }

  private keyWriting: Set<Fn> | undefined;

  /**
   * Does `fn` write a computed key itself, or call a function that does with two or more arguments
   * (`assignValue` → `baseAssignValue`, lodash's chain)? Followed HELPER_DEPTH calls deep.
   */
  protected writesKeys(fn: Fn): boolean {
    if (!this.keyWriting) {
      const writing = new Set(this.keyWriters);
      let grew = true;
      for (let round = 0; grew && round < HELPER_DEPTH; round++) {
        grew = false;
        for (const [caller, calls] of this.helperCalls) {
          if (writing.has(caller)) continue;
          if (calls.some((c) => writing.has(this.ev(c.callee).fn!))) {
            writing.add(caller);
            grew = true;
          }
        }
      }
      this.keyWriting = writing;
    }
    return this.keyWriting.has(fn);
  }

  protected checkJsx(attr: TSESTree.JSXAttribute): void {
    if (attr.name.type !== 'JSXIdentifier') return;
    const refs = this.sinkJsx.get(attr.name.name);
    if (
      !refs ||
      attr.value?.type !== 'JSXExpressionContainer' ||
      attr.value.expression.type === 'JSXEmptyExpression'
    )
      return;
    const element = attr.parent.name.type === 'JSXIdentifier' ? attr.parent.name.name : undefined;
    const applies = refs.filter(
      (r) => !r.sink.jsxElements || (element && r.sink.jsxElements.includes(element)),
    );
    if (applies.length === 0) return;
    const v = this.ev(attr.value.expression);
    for (const ref of applies)
      this.hit(ref.rule, attr, v.labels, attr.value.expression, {
        location: this.locate(attr),
        message: ref.sink.label,
      });
  }

  protected checkLocalCall(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
    if (call.callee.type === 'Super') return;
    const fn = this.ev(call.callee).fn;
    const entries = fn ? this.paramSinks.get(fn)?.values() : undefined;
    if (!fn || !entries) return;
    for (const e of [...entries]) {
      const reach = this.entryReach(call, fn, e);
      if (!reach) continue;
      const labels = reach.labels.map((l) => ({
        ...l,
        flags: l.flags | e.flags,
        steps: capSteps([...l.steps, { node: call, message: 'passed to a function' }, ...e.localSteps]),
      }));
      this.hit(
        e.rule,
        e.sinkNode ?? call,
        labels,
        call.arguments[e.param] ?? call,
        reach.sink,
        [],
        e.sinkNode ? undefined : call,
        call,
      );
    }
  }

  /**
   * Taint arrived at a sink. Labels from sources become findings; labels from a parameter of the
   * enclosing function become that function's summary entries, checked again at its call sites.
   * `reportAt` is the node the finding is reported on when the sink is in another file;
   * `callSite` the call of a local helper that handed it the value, where a guard counts too.
   */
  protected hit(
    rule: CompiledRule,
    sinkNode: Node,
    labels: readonly Label[],
    valueNode: Node,
    sink: SinkStep,
    extraGuardNodes: Node[] = [],
    reportAt?: Node,
    callSite?: Node,
  ): void {
    if (labels.length === 0) return;
    let related: Map<Variable, string[]> | undefined;
    // Guarded at the sink, where it is reported, or around the call that hands a helper the value
    // (`if (!file.includes('/')) serve(file)`).
    let at: Node[] | undefined;
    const guarded = (
      kinds: ReadonlySet<GuardKind> = rule.guards,
      maybeArray?: (n: Node) => boolean,
    ): boolean => {
      at ??= [reportAt ?? sinkNode, reportAt === undefined ? undefined : sinkNode, callSite].filter(
        (n): n is Node => n !== undefined && mayBeGuarded(n),
      );
      if (at.length === 0) return false;
      if (!related && extraGuardNodes.length === 0) {
        related = this.relatedOf.get(valueNode);
        if (!related) this.relatedOf.set(valueNode, (related = this.relatedVariables([valueNode])));
      }
      related ??= this.relatedVariables([valueNode, ...extraGuardNodes]);
      return at.some((n) =>
        isGuarded(
          n,
          related!,
          (v) => this.bindings.variableOf(v),
          kinds,
          (t) => this.holdsNoSource(t),
          (call) => this.calleeFacts(call),
          maybeArray,
        ),
      );
    };
    // Source data that arrives sanitised or guarded clears the sink of the rule's pattern half too;
    // so does a parameter that arrives sanitised or behind a length bound (`if (s.length > 100)
    // return`), whatever its callers pass. Other guards relate loosely (any check on an options
    // object the value was computed with) and only clear proven source data.
    const clear = (l: Label) => {
      const line = this.locate(reportAt ?? sinkNode).startLine;
      for (const map of l.origin ? [this.cleared] : [this.cleared, this.clearedForAnyCaller]) {
        const lines = map.get(rule.id) ?? new Set<number>();
        lines.add(line);
        map.set(rule.id, lines);
      }
    };
    // Whether the guard holds only because a `..` search looked into an array (see below): asked once.
    let arrayBypass: boolean | undefined;
    const mask = rule.mask | (sink.clearedBy ?? 0);
    for (const l of labels) {
      if (l.origin && !rule.kinds.has(l.origin.kind)) continue;
      if ((l.flags & mask) !== 0) {
        if (l.origin || l.param !== undefined) clear(l);
        continue;
      }
      if (l.origin && this.chosenOnTheWay(l.steps, rule.guards)) {
        clear(l);
        continue;
      }
      if (guarded()) {
        // Text at the sink (`'/files/' + p`) from a value the client may send as an array
        // (`?p[]=../x`): a `..` search on the array looked at its elements, not at that text.
        if (
          l.origin &&
          l.flags & flagBit('string') &&
          rule.guards.has('deny-dotdot') &&
          (arrayBypass ??= !guarded(rule.guards, this.mayBeArray))
        ) {
          this.report(rule, reportAt ?? sinkNode, l, {
            ...sink,
            message: `${sink.message} (its \`..\` check searched an array the client sent, not this text)`,
          });
          continue;
        }
        if (
          l.origin ||
          (l.param !== undefined &&
            ((rule.guards.has('bound') && guarded(BOUND)) || (rule.guards.has('short') && guarded(SHORT))))
        )
          clear(l);
        return;
      }
      if (l.origin) this.report(rule, reportAt ?? sinkNode, l, sink);
      else if (l.fn && l.param !== undefined) {
        let entries = this.paramSinks.get(l.fn);
        if (!entries) this.paramSinks.set(l.fn, (entries = new Map()));
        // One entry per field: two fields of one parameter at one sink (`{ org: p.context.org, id: p.id }`)
        // are two reads, and a caller's object brings each only what it holds there. The whole
        // parameter reaching the sink stands for all of them.
        const at = `${rule.id}:${sink.location.startLine}:${sink.location.startColumn}:${sink.location.path}:${l.flags}`;
        const whole = `${l.param}::${at}`;
        const key = l.field === undefined ? whole : `${l.param}:${l.field}:${at}`;
        if (entries.has(key) || entries.has(whole)) continue;
        if (key === whole)
          for (const [k, e] of entries) if (e.param === l.param && k.endsWith(`:${at}`)) entries.delete(k);
        entries.set(key, {
          param: l.param,
          ...(l.field !== undefined ? { field: l.field } : {}),
          ruleId: rule.id,
          ...(this.sinkNeeds ? { needs: this.sinkNeeds } : {}),
          rule,
          flags: l.flags,
          localSteps: l.steps,
          sink,
          ...(reportAt ? {} : { sinkNode }),
        });
      }
    }
  }

  /**
   * Is a list or table the program's own (guards.ts's `owned`)? Not the request's object or a
   * field of it, and holding no source's data (a parameter's may: callers pass their own tables) —
   * or a container a `const` was declared with, from the program's data: request data it stores
   * later (`settings[s][k] = req.body.v`) is in its values, not among its names.
   */
  /**
   * What the function `call` calls is to a guard: one returning a parameter looked up in its own
   * table (lookup-functions.ts), or a predicate on a parameter (guards.ts predicateOf).
   */
  protected calleeFacts(call: TSESTree.CallExpression): CalleeFacts | undefined {
    const callee = this.ev(call.callee);
    if (!callee.fn) return callee.summary;
    const finds = this.lookupOfFn(callee.fn);
    const passes = this.predicateOfFn(callee.fn);
    return { ...(finds ? { finds } : {}), ...(passes ? { passes } : {}) };
  }

  private readonly predicates = new Map<Fn, ParamPredicate | null>();

  protected predicateOfFn(fn: Fn): ParamPredicate | undefined {
    return this.factOf(this.predicates, fn, predicateOf);
  }

  private readonly lookups = new Map<Fn, ParamLookup | null>();

  protected lookupOfFn(fn: Fn): ParamLookup | undefined {
    return this.factOf(this.lookups, fn, paramLookup);
  }

  /** What `read` says of a function of this file (lookup-functions.ts, guards.ts), worked out once. */
  private factOf<T>(
    cache: Map<Fn, T | null>,
    fn: Fn,
    read: (fn: Fn, varOf: (n: Node) => Variable | undefined, owned: (n: Node) => boolean) => T | undefined,
  ): T | undefined {
    let known = cache.get(fn);
    if (known === undefined) {
      known =
        read(
          fn,
          (n) => this.bindings.variableOf(n),
          (t) => this.holdsNoSource(t),
        ) ?? null;
      cache.set(fn, known);
    }
    return known ?? undefined;
  }

  /** Does a list or table hold no source data: in its values, nor in a name the file writes it under? */
  protected holdsNoSource(node: Node): boolean {
    if (!this.namesHoldNoSource(node)) return false;
    const v = this.ev(node);
    if (v.whole || v.objectLike) return false;
    const clean = (val: Val) => val.labels.every((l) => !l.origin);
    if (clean(v)) return true;
    const init = node.type === 'Identifier' ? constInit(node, (n) => this.bindings.variableOf(n)) : undefined;
    return init !== undefined && isContainer(init) && clean(this.ev(init));
  }

  /**
   * No write of this file puts an entry under a name from a source (`T[req.body.name] = …`): a lookup
   * in `T` that finds the value then proves it one of the program's names, not one the attacker made.
   */
  private namesHoldNoSource(node: Node): boolean {
    const table = unwrap(node);
    const variable = table.type === 'Identifier' ? this.bindings.variableOf(table) : undefined;
    return (variable?.references ?? []).every((ref) => {
      const member = ref.identifier.parent;
      if (member?.type !== 'MemberExpression' || member.object !== ref.identifier || !member.computed)
        return true;
      const write = member.parent;
      const written =
        (write?.type === 'AssignmentExpression' && write.left === member) ||
        (write?.type === 'UpdateExpression' && write.argument === member);
      return !written || this.ev(member.property).labels.every((l) => !l.origin);
    });
  }

  /**
   * A path returned only past a check that keeps it inside its folder (a `..` test, a containment
   * check): a helper that vets a path and hands it back (`safeJoin(root, p)`) gives a path.
   */
  protected returnGuardFlags(returned: Node): number {
    if (!mayBeGuarded(returned)) return 0;
    const guarded = isGuarded(
      returned,
      this.relatedVariables([returned]),
      (v) => this.bindings.variableOf(v),
      CONTAINED_PATH,
      (t) => this.holdsNoSource(t),
      (call) => this.calleeFacts(call),
    );
    return guarded ? flagBit('path') : 0;
  }

  /**
   * Was the value copied into another variable only where an allow-list or lookup guard held
   * (`let lang = 'en'; if (LANGS.includes(code)) lang = code; res.redirect('/' + lang)`)? Then
   * whatever it became is one of the program's choices, though the sink is past the guard.
   */
  protected chosenOnTheWay(steps: Label['steps'], guards: ReadonlySet<GuardKind>): boolean {
    const kinds = new Set(CHOSEN.filter((k) => guards.has(k)));
    if (kinds.size === 0) return false;
    return steps.some((step) => {
      const at = step.node?.type === 'ExpressionStatement' ? step.node.expression : step.node;
      const value =
        at?.type === 'AssignmentExpression' && at.operator === '='
          ? at.right
          : at?.type === 'VariableDeclarator'
            ? at.init
            : undefined;
      return (
        value != null &&
        mayBeGuarded(at!) &&
        isGuarded(
          at!,
          this.relatedVariables([value]),
          (v) => this.bindings.variableOf(v),
          kinds,
          (t) => this.holdsNoSource(t),
          (call) => this.calleeFacts(call),
        )
      );
    });
  }

  /** The variables the value reads, with the property paths it reads from each (`''`: the whole). */
  protected relatedVariables(nodes: Node[]): Map<Variable, string[]> {
    const paths = new Map<Variable, Set<string>>();
    const note = (v: Variable, read: Iterable<string>) => {
      let known = paths.get(v);
      if (!known) paths.set(v, (known = new Set()));
      for (const r of read) known.add(r);
    };
    const queue: Variable[] = [];
    for (const n of nodes)
      traverseShallow(n, (x) => {
        if (x.type !== 'Identifier') return;
        const v = this.bindings.variableOf(x);
        if (!v) return;
        queue.push(v);
        note(v, [readPath(x, n)]);
      });
    const out = new Map<Variable, string[]>();
    // The value's own variables, what they were computed from (a few levels, with the paths read
    // from each) and what was computed from them (`const u = new URL(x)` guards `x` through
    // `u.hostname`).
    for (let depth = 0; depth < 3 && queue.length; depth++) {
      const next: Variable[] = [];
      for (const v of queue) {
        if (out.has(v)) continue;
        const read = paths.get(v);
        out.set(v, read ? [...read] : ['']);
        this.dependencyMaps();
        for (const [s, from] of this.inits.get(v) ?? []) {
          next.push(s);
          note(s, from);
        }
        for (const d of this.dependents.get(v) ?? []) if (depth === 0) next.push(d);
      }
      queue.splice(0, queue.length, ...next);
    }
    return out;
  }

  protected report(rule: CompiledRule, at: Node, l: Label, sink: SinkStep): void {
    const o = l.origin!;
    const sourceSteps: FlowStep[] =
      o.remote ?? (o.node ? [{ location: this.locate(o.node), message: `source: ${o.label}` }] : []);
    const flow: SinkStep[] = [
      ...sourceSteps,
      ...l.steps.map((s) => this.flowStep(s)),
      {
        location: sink.location,
        message: `sink: ${sink.message}`,
        ...(sink.view ? { view: sink.view } : {}),
      },
    ];
    // A sink in an imported helper: the finding stands there, at the sink, with this file's call
    // as a step of its flow (the helper's own file holds no source to prove it).
    const remote = sink.location.path !== this.filename;
    const standsIn = remote ? sink.location.path : this.filename;
    const sourceAt = sourceSteps[0]?.location;
    const where = sourceAt
      ? sourceAt.path === standsIn
        ? `line ${sourceAt.startLine}`
        : `${sourceAt.path}:${sourceAt.startLine}`
      : 'elsewhere';
    const byLoc = this.findings.get(rule.id) ?? new Map<string, ReportDescriptor>();
    // Each name handed to a view is its own sink: the template decides which ones are findings.
    const key = `${
      remote ? `${sink.location.path}:${sink.location.startLine}:${sink.location.startColumn}` : at.range[0]
    }${sink.view ? `:${sink.view.local}` : ''}`;
    const prev = byLoc.get(key);
    // A likely or operator's source makes a finding `medium`; a sink's own precision (a user
    // prompt's) may be lower still.
    // So does one only an administrator or a development build sends (`limited`), and one the
    // rule's weakening flags say is possible only under a condition the code does not show.
    const limited = (l.flags & flagBit('limited')) !== 0;
    const weakened = (l.flags & rule.weakenedBy) !== 0;
    const byKind: Precision | undefined =
      LIKELY_KINDS.has(o.kind) || OPERATOR_KINDS.has(o.kind) || limited || weakened ? 'medium' : undefined;
    const precision = rank(sink.precision) > rank(byKind) ? sink.precision : byKind;
    // A more precise flow (a proven one over one from an undocumented request property) replaces
    // the finding at the same sink; a flow from another source to it is one more flow of it.
    if (!prev || rank(precision) < rank(prev.precision)) {
      byLoc.set(key, {
        node: at,
        ...(remote ? { at: sink.location } : {}),
        message: `Untrusted data from ${o.label} (${where}) reaches ${sink.message}${
          limited ? ' (only an administrator or a development build sends it)' : ''
        }.`,
        flow,
        ...(prev?.flow ? { otherFlows: [prev.flow, ...(prev.otherFlows ?? [])] } : {}),
        ...(o.kind === 'env' ? { severity: 'low' as const } : {}),
        ...(precision ? { precision } : {}),
      });
    } else addFlow(prev, flow);
    this.findings.set(rule.id, byLoc);
  }

  protected flowStep(s: Step): FlowStep {
    return { location: s.location ?? this.locate(s.node!), message: s.message };
  }
}

/**
 * The labels of a value that meet what a sink needs of it (ParamSink.needs); undefined when the
 * value cannot. A sink that needs an object the client built takes the untrusted object itself
 * (`whole`) or a field of it (`object`), and no text or number, whatever its origin; one that
 * needs anything but text (`notText`) takes any label not made text or a number.
 */
function neededLabels(arg: Val, needs: ParamSink['needs']): readonly Label[] | undefined {
  if (needs === undefined) return arg.labels;
  if (needs === 'notRequest') return isRequestObject(arg) ? undefined : arg.labels;
  const text = flagBit('string') | flagBit('numeric');
  if (needs === 'notText') {
    const values = arg.labels.filter((l) => !(l.flags & text));
    return values.length ? values : undefined;
  }
  if (!arg.whole && (needs === 'whole' || !arg.objectLike)) return undefined;
  return arg.labels.some((l) => l.flags & text) ? arg.labels.filter((l) => !(l.flags & text)) : arg.labels;
}

/**
 * `obj[a][b] = v` pollutes only when `a` can be `__proto__` (untrusted, not made a number) and `b`
 * names what is set (untrusted too): `config[SECTION][req.body.key]` writes into a real object.
 */
function bothUntrusted(rule: CompiledRule, inner: Val, outer: Val): boolean {
  const live = (v: Val) =>
    v.labels.some((l) => (!l.origin || rule.kinds.has(l.origin.kind)) && !(l.flags & rule.mask));
  return live(inner) && live(outer);
}

/**
 * A path given as an array literal (SinkSpec.pathSegments): the segments before the last (a spread
 * may hold any number of them: then undefined, and the path counts whole).
 */
function leadingSegments(arg: Node): Node[] | undefined {
  const a = unwrap(arg);
  if (a.type !== 'ArrayExpression' || a.elements.some((e) => !e || e.type === 'SpreadElement'))
    return undefined;
  return (a.elements as Node[]).slice(0, -1);
}

/** An object or array literal, `Object.create(null)`, `new Map(…)` or `new Set(…)`. */
function isContainer(n: Node): boolean {
  if (n.type === 'ObjectExpression' || n.type === 'ArrayExpression' || isNullObject(n)) return true;
  return (
    n.type === 'NewExpression' && n.callee.type === 'Identifier' && ['Map', 'Set'].includes(n.callee.name)
  );
}

/** How far below proven a precision is (`very-high`, or none said, first). */
function rank(precision: Precision | undefined): number {
  return precision ? PRECISIONS.indexOf(precision) : 0;
}

/** Flows kept per finding beyond the first: enough to show a sink is reached from several routes. */
export const MAX_OTHER_FLOWS = 9;

/** Add a flow from another source to a finding (once per source location, at most MAX_OTHER_FLOWS). */
export function addFlow(d: { flow?: FlowStep[]; otherFlows?: FlowStep[][] }, flow: FlowStep[]): void {
  const key = (f: FlowStep[]) => {
    const at = f[0]?.location;
    return at ? `${at.path}:${at.startLine}:${at.startColumn}` : '';
  };
  const known = [d.flow, ...(d.otherFlows ?? [])].flatMap((f) => (f ? [key(f)] : []));
  if (known.includes(key(flow)) || (d.otherFlows?.length ?? 0) >= MAX_OTHER_FLOWS) return;
  d.otherFlows = [...(d.otherFlows ?? []), flow];
}

/** An array literal (maybe wrapped in `as`) holding a string literal that `re` matches. */
function arrayHolds(arg: TSESTree.CallExpressionArgument, re: RegExp): boolean {
  const a = unwrap(arg);
  return (
    a.type === 'ArrayExpression' &&
    a.elements.some((e) => e?.type === 'Literal' && typeof e.value === 'string' && re.test(e.value))
  );
}

/**
 * A module of this scan: across an import cycle (no summary yet), or with a summary whose default
 * export is no library object (`module.exports = new sqlite3.Database()` is sqlite's, a key-value
 * facade that requires its backend by a computed name is the program's own).
 */
function isOwnModule(v: Val): boolean {
  return v.ownModule === true || (v.module !== undefined && v.module.exports.default?.path === undefined);
}

/** Is `statement` a statement of a block that holds `node`, ending before it: does it run first every time? */
function runsBefore(statement: Node, node: Node): boolean {
  const block = statement.parent;
  return (
    (block?.type === 'BlockStatement' || block?.type === 'Program') &&
    statement.range[1] <= node.range[0] &&
    block.range[0] <= node.range[0] &&
    node.range[1] <= block.range[1]
  );
}
