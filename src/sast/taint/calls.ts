import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '../scope/bindings.ts';
import { isConstructorFunction } from './constructor-members.ts';
import { calleeName, findProperty, unwrap } from '../resolve.ts';
import { inAdministratorOnlyCode } from '../administrator-only.ts';
import { FIELD_PATH, KEYS, Propagation, spreadCopy, UNORDERED } from './propagation.ts';
import { vetsKeys } from './key-writes.ts';
import { flagBit, flagBits, REFERRER_HEADER } from './spec.ts';
import { stripClassFlags } from './strip-class.ts';
import { matchParts } from './match-parts.ts';
import { regexOf, regexUse } from './slow-regex.ts';
import {
  escapesMarkup,
  stripsBackslashes,
  stripsDotDot,
  stripsLineBreaks,
  stripsSeparators,
} from './replace-sanitisers.ts';
import { arrayPuts, ELEMENT_PICKS, LODASH_PICKS, rejectsEmpty, SHAPE, splitsAtSlash } from './segments.ts';
import { constInit, SHORT_TEXT } from './guards.ts';
import type { FunctionSummary, ReturnFlows, SourceSummary } from './summary.ts';
import {
  capSteps,
  type Cls,
  CLEAN_METHODS,
  EMPTY,
  type Fn,
  fromExport,
  isFn,
  type Label,
  mergeLabels,
  type Node,
  propName,
  remoteStep,
  type Val,
  dropFlag,
  type Copy,
  fieldsCover,
  heldField,
  withoutFragment,
} from './values.ts';
import {
  bindingName,
  callsBefore,
  chainCalls,
  exportedName,
  isCallbackArg,
  isFreshObject,
  isRouteLike,
  PAGE_FUNCTION_CALLS,
  receiverName,
  traverseShallow,
  constantCut,
  CUTS,
} from './nodes.ts';
import type { SqlText } from './models.ts';
import { heldRoles, type HeldLookup, type Placement } from './held.ts';
import { ESCAPER_NAME } from '../html.ts';
import { rendersEscaped } from './inline-templates.ts';
import { checkedFields } from './checked-fields.ts';
import { isWorkerScript } from './worker-script.ts';

import {
  parsedChecks,
  schemaMethodChecks,
  type SchemaChecks,
  underData,
  zodFunctionChecks,
} from './zod-schemas.ts';

/** Methods giving a plain copy of the record they are called on (Mongoose documents). */
const RECORD_COPIES = new Set(['toJSON', 'toObject']);
/**
 * Functions giving an object of some of their argument's own properties (lodash's `omit`, `pick`) or
 * all of them (lodash's clones, `structuredClone`; propagation.ts's CLONES names them for copies).
 */
const RECORD_COPIERS = new Set(
  ['omit', 'pick', 'clone', 'cloneDeep']
    .flatMap((f) => [`lodash.${f}`, `lodash/${f}`])
    .concat('structuredClone'),
);

/** Methods of String.prototype only: their result is text, whatever the receiver was. */
const STRING_METHODS = new Set(
  (
    'toLowerCase toUpperCase toLocaleLowerCase toLocaleUpperCase trim trimStart trimEnd trimLeft ' +
    'trimRight padStart padEnd normalize charAt substring substr repeat replace replaceAll'
  ).split(' '),
);

/** Parsers whose result may be an object whatever text they read. */
const TEXT_PARSERS = new Set(['JSON.parse']);
/** String methods whose result is no longer than their receiver: short text stays short. */
const KEEPS_SHORT: ReadonlySet<string> = new Set(['trim', 'trimStart', 'trimEnd', 'toLowerCase']);
/** Calls that list an object's property names (Propagation.keysOf). */
const KEY_LISTS = new Set(['Object.keys', 'Object.getOwnPropertyNames', 'Reflect.ownKeys']);

/**
 * What a library call carries of its arguments' labels: all of them, save that a parser's result
 * is no longer text nor JSON-encoded (`JSON.parse(JSON.stringify(req.body))`, `JSON.parse(s.trim())`
 * may be any object the client wrote, `__proto__` keys and all).
 */
function parsedText(
  path: string,
  args: Val,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): readonly Label[] {
  if (TEXT_PARSERS.has(path)) return dropFlag(args, flagBits(['string', 'json', 'nosql'])).labels;
  return decodes(path, call) ? dropFlag(args, ENCODED).labels : args.labels;
}

/**
 * Decoders: `%0A`, `%3C` and `%2F` become a line break, `<` and `/` again. A query-string parser
 * decodes the values it returns (`querystring.parse(s).q`), and so does `url.parse(s, true)` in its
 * `query` (its other parts come out as the text had them; they are taken as decoded too).
 */
const DECODERS = new Set([
  'decodeURIComponent',
  'decodeURI',
  'unescape',
  'querystring.unescape',
  'querystring.parse',
  'querystring.decode',
  'qs.parse',
  'atob',
]);

function decodes(path: string, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const second = call.arguments[1];
  return DECODERS.has(path) || (path === 'url.parse' && second?.type === 'Literal' && second.value === true);
}

/** `params.get(k)` on a URL's query (`url.searchParams`, `new URLSearchParams(s)`): decoded text. */
function readsQueryParam(method: string, object: Node, receiver: Val): boolean {
  if (method !== 'get' && method !== 'getAll') return false;
  return (
    (object.type === 'MemberExpression' && propName(object) === 'searchParams') ||
    receiver.path === 'URLSearchParams()' ||
    receiver.path?.endsWith('.searchParams') === true
  );
}
/** What an escaper or the text's origin guaranteed, which decoding undoes (its start stays). */
const ENCODED = flagBits([
  'html',
  'url',
  'crlf',
  'path',
  'sql',
  'shell',
  'regex',
  'json',
  'markup',
  'backslash',
]);

/**
 * Methods whose result starts as their receiver did (its scheme and host stay in front); `split`
 * keeps it in its first element only (Propagation.member drops it from the others).
 */
const KEEPS_START = new Set([
  'split',
  'replace',
  'replaceAll',
  'toString',
  'valueOf',
  'trim',
  'trimEnd',
  'trimRight',
  'toLowerCase',
  'toUpperCase',
  'normalize',
  'concat',
]);

/**
 * An argument's strands as a function's result: what the function did to the text's start or
 * shape is not known, save what its summary adds.
 */
function asPassed(labels: readonly Label[]): readonly Label[] {
  return dropFlag({ labels: withoutFragment(labels) }, SHAPE).labels;
}

/** A string literal's text; undefined for anything else (a function replacement, a variable). */
function literalText(node: Node | undefined): string | undefined {
  return node?.type === 'Literal' && typeof node.value === 'string' ? node.value : undefined;
}

/** A function named for finding a stored record by its key: `getFactTableById`, `findUserByEmail`, `loadPostBySlug`. */
const BY_KEY_LOOKUP =
  /^(?:get|find|fetch|load|lookup|read|select)[A-Z]\w*By(?:Id|Ids|Key|Keys|Uid|Uuid|Slug|Name|Email|Code)$/;

/** Calls that give back the function they are given. */
const RETURNS_FIRST: ReadonlySet<string> = new Set([
  'util.promisify',
  ...['react', 'preact/hooks', 'preact/compat'].map((m) => `${m}.useCallback`),
]);

/** A member of what a React (or Preact) context hands out: `react.useContext().apiCall`. */
const CONTEXT_MEMBER = /^(?:react|preact\/hooks|preact\/compat)\.(?:useContext|use)\(\)\./;

/** A cut to at most SHORT_TEXT characters by constant bounds: `substring(0, 20)`, `slice(2, 66)`, `substr(i, 64)`. */
function cutShort(method: string, args: readonly Node[]): boolean {
  const cut = constantCut(method, args);
  return cut !== undefined && cut.length <= SHORT_TEXT;
}

/** String methods whose result starts with the receiver's first character (a `#` stays first). */
const KEEPS_FIRST = new Set(
  (
    'toString valueOf trim trimStart trimEnd trimLeft trimRight toLowerCase toUpperCase ' +
    'toLocaleLowerCase toLocaleUpperCase normalize concat'
  ).split(' '),
);

/** Library calls that leave a leading `#` as it is: decoders, `String`, HTML escapers by name. */
function keepsFirst(path: string): boolean {
  const name = path.slice(path.lastIndexOf('.') + 1);
  return (
    name === 'decodeURIComponent' || name === 'decodeURI' || name === 'String' || ESCAPER_NAME.test(name)
  );
}

/** Positions of `arguments` followed in a function that declares fewer parameters. */
const ARGUMENTS_FOLLOWED = 4;

/** Parameter names that say "the response" (Express's, Fastify's reply) in a helper called from elsewhere. */
const RESPONSE_PARAMS: ReadonlyMap<string, string> = new Map([
  ['res', '@Response'],
  ['response', '@Response'],
  ['reply', '@Reply'],
]);

/** Calls: library models, local functions' returns, imported summaries, framework parameter roles. */
export abstract class Calls extends Propagation {
  /**
   * The replacement of `'/api/items/:id/edit'.replace(':id', id)`, a route template filled in: it
   * lands where the constant text has the searched string, so it is placed as in
   * `'/api/items/' + id + '/edit'`, after the text that comes before it. Undefined unless the
   * receiver is constant text holding a constant search string.
   */
  protected splicedInto(receiver: Node, search: Node, replacement: Node): Val | undefined {
    const text = this.constantText(receiver);
    const at = search.type === 'Literal' && typeof search.value === 'string' && text?.indexOf(search.value);
    if (typeof at !== 'number' || at < 0 || replacement.type === 'SpreadElement') return undefined;
    return this.concatenation([
      text!.slice(0, at),
      replacement,
      text!.slice(at + (search as TSESTree.StringLiteral).value.length),
    ]);
  }

  /** A string literal, or a `const` nothing writes again that holds one. */
  private constantText(node: Node): string | undefined {
    let n = unwrap(node);
    if (n.type === 'Identifier') {
      const init = constInit(n, (id) => this.bindings.variableOf(id));
      if (!init) return undefined;
      n = unwrap(init);
    }
    return n.type === 'Literal' && typeof n.value === 'string' ? n.value : undefined;
  }

  /** `new C(args)`: the constructor's parameters receive the arguments (all instances share them). */
  protected construct(cls: Cls, call: TSESTree.CallExpression | TSESTree.NewExpression): void {
    const ctor = cls.body.body.find(
      (m): m is TSESTree.MethodDefinition => m.type === 'MethodDefinition' && m.kind === 'constructor',
    );
    if (!ctor) return;
    ctor.value.params.forEach((param, i) => {
      const arg = this.argVal(ctor.value as Fn, i, call);
      if (arg.labels.length) this.bindPattern(param, { labels: arg.labels }, call);
    });
  }

  // ---- calls ----

  protected calleeKey(callee: Node, v: Val): string | undefined {
    if (v.path !== undefined) return v.path;
    if (callee.type === 'MemberExpression') {
      const name = propName(callee);
      return name === undefined ? undefined : `?.${name}`;
    }
    return undefined;
  }

  protected evCall(node: TSESTree.CallExpression | TSESTree.NewExpression): Val {
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
      if (sanitiser) {
        const from = sanitiser.model.from ?? 0;
        // An HTML escaper leaves a leading `#` where it was; other encoders may not.
        const given = this.unionAll(args.slice(from).map((a) => this.ev(a)));
        const clean = this.withFlags(
          sanitiser.bits & flagBit('html') ? given : dropFlag(given, flagBit('fragment')),
          sanitiser.bits,
        );
        return from ? this.union(this.unionAll(args.slice(0, from).map((a) => this.ev(a))), clean) : clean;
      }
      if (KEY_LISTS.has(path) && args[0] && args[0].type !== 'SpreadElement') return this.keysOf(args[0]);
      let sources = this.sourceVal(node, path, true);
      // `req.get('Referer')`, `request.headers.get('referer')`: the page the client came from.
      const header = args[0]?.type === 'Literal' ? args[0].value : undefined;
      if (sources.length && typeof header === 'string' && REFERRER_HEADER.test(header))
        sources = sources.map((l) => ({ ...l, flags: (l.flags & ~flagBit('header')) | flagBit('referrer') }));
      // `req.get('host')`: the `Host` header, as `req.hostname` (`requester`).
      if (sources.length && typeof header === 'string' && header.toLowerCase() === 'host')
        sources = sources.map((l) => ({ ...l, flags: l.flags | flagBit('requester') }));
      if (sources.length) result = { labels: sources, whole: true };
    }

    const fn = calleeVal.fn;
    const summary =
      calleeVal.summary ??
      (calleeVal.module ? fromExport(calleeVal.module.exports.default)?.summary : undefined);
    if (fn) {
      result = this.union(result, this.called(fn, node));
      // `new Dao(db)` of a plain function: an object whose members its body gives `this`.
      if (node.type === 'NewExpression' && isConstructorFunction(fn)) result = { ...result, ctor: fn };
    } else if (summary) {
      result = this.union(result, this.applySummary(summary, node));
      // `new Dao(db)` of an imported constructor function: the members its summary lists.
      if (node.type === 'NewExpression' && calleeVal.instance)
        result = { ...result, members: calleeVal.instance };
    } else if (calleeVal.cls) {
      result = { labels: [], cls: calleeVal.cls };
      this.construct(calleeVal.cls, node);
    } else if (calleeVal.members && node.type === 'NewExpression')
      result = { labels: [], members: calleeVal.members };

    // What a database read returns is the database's data: nothing of the key it was given, nor of
    // the builder it ends (whose links' arguments the injection sinks check themselves), save what
    // readVal keeps.
    const read =
      callee.type === 'MemberExpression' && !fn && !summary ? this.storeRead(path, callee) : undefined;
    const readsStore = read !== undefined;
    if (read && node.type === 'CallExpression') result = this.union(result, this.readVal(node, read.sqlText));

    if (callee.type === 'MemberExpression') {
      const method = propName(callee);
      const receiver = this.ev(callee.object);
      if (method !== undefined && !fn && !summary) {
        // A record's `toJSON()`/`toObject()` (a Mongoose document's plain copy) is the same record,
        // its properties as they were.
        // Mongoose's options (`doc.toJSON({ flattenMaps: true })`) change how, not what, it copies.
        const copiesRecord =
          RECORD_COPIES.has(method) &&
          args.every((a) => a.type === 'ObjectExpression') &&
          !this.isParsedUrl(callee.object);
        if (copiesRecord) result = this.union(result, receiver);
        if (!CLEAN_METHODS.has(method) && !readsStore && !copiesRecord) {
          // The callee may be untrusted data itself: `req.query('q')` in code written against an
          // accessor-style request API.
          // A method's result no longer starts as its receiver did (`href.split('#')[1]`,
          // `url.searchParams.get('next')`), save the few that keep the text whole.
          const cutFromStart = CUTS.has(method) && args[0]?.type === 'Literal' && args[0].value === 0;
          const keepsStart = KEEPS_START.has(method) || cutFromStart;
          let carried: Val = dropFlag(
            { labels: mergeLabels(receiver.labels, calleeVal.labels) },
            (keepsStart ? flagBit('delimited') : flagBits(['delimited', 'prefixed'])) |
              (KEEPS_FIRST.has(method) || cutFromStart ? 0 : flagBit('fragment')) |
              ((ELEMENT_PICKS.has(method) ? SHAPE & ~flagBit('segment') : SHAPE) &
                ~(KEEPS_SHORT.has(method) ? flagBit('short') : 0)),
          );
          if (cutShort(method, args)) carried = this.withFlags(carried, flagBit('short'));
          if (method === 'filter' && args[0] && this.segmentsKept(callee.object, args[0]))
            carried = this.withFlags(carried, flagBit('segment'));
          if (method === 'join') carried = this.joined(callee.object, receiver, carried);
          if ((method === 'replace' || method === 'replaceAll') && args[0]) {
            carried = this.withFlags(carried, this.replaceBits(args[0], args[1], method === 'replaceAll'));
            // The replacement text lands inside the result (`page.replace('<!-->', req.query.x)`); a
            // replacer function's return is not followed.
            if (args[1] && !this.callbackOf(args[1]))
              carried = this.union(
                carried,
                this.splicedInto(callee.object, args[0], args[1]) ??
                  dropFlag(this.ev(args[1]), flagBits(['delimited', 'prefixed'])),
              );
          }
          // A parsed URL's text has no line break (Propagation.member).
          if ((method === 'toString' || method === 'toJSON') && this.isParsedUrl(callee.object))
            carried = this.withFlags(carried, flagBit('crlf'));
          // Only a string has these methods (an object the client built throws first): text.
          if (STRING_METHODS.has(method)) carried = this.withFlags(carried, flagBits(['string']));
          if (readsQueryParam(method, callee.object, receiver)) carried = dropFlag(carried, ENCODED);
          if (method === 'concat' || method === 'join' || method === 'get' || method === 'getAll')
            carried = this.union(
              carried,
              this.unionAll(method === 'concat' ? args.map((a) => this.ev(a)) : []),
            );
          // `ids.map((_, i) => '$' + (i + 1))`: what the callback returns, not the elements.
          const mapper = (method === 'map' || method === 'flatMap') && args[0] && this.callbackOf(args[0]);
          if (!mapper) result = this.union(result, carried);
          if (method === 'match' || method === 'exec') result = this.regexMatch(node, method, result);
        }
        // Puppeteer's and Playwright's `page.evaluate(fn, ...args)`: the page calls fn with args.
        if (PAGE_FUNCTION_CALLS.has(method) && args[0]) {
          const cb = this.callbackOf(args[0]);
          cb?.params.forEach((param, i) => {
            const given = args[i + 1];
            if (given && given.type !== 'SpreadElement') this.bindPattern(param, this.ev(given), given);
          });
        }
        const cbParam = this.models.callbacks.get(method);
        if (cbParam !== undefined) {
          for (const a of args) {
            const cb = this.callbackOf(a);
            const param = cb?.params[cbParam];
            if (cb && param) {
              if (receiver.labels.length || receiver.path !== undefined)
                // A callback is handed a part of the receiver (an element, a match), not its start.
                this.bindPattern(
                  param,
                  {
                    labels: withoutFragment(receiver.labels),
                    ...(receiver.path !== undefined ? { path: receiver.path } : {}),
                    // An element of a parameter's array: its fields are what callers' elements hold
                    // (`files.forEach((f) => unlink(f.path))` reads each upload's server-set path).
                    ...(receiver.param ? { param: true } : {}),
                    // An element of an array literal of object literals: which field holds what.
                    ...(receiver.elements ? { elementOf: receiver.elements } : {}),
                  },
                  a,
                );
              // What a mapper returns beside the elements (`''` for some) carries no label.
              if (method === 'then') result = this.union(result, this.returnVal(cb));
              else if (method === 'map' || method === 'flatMap')
                result = this.union(result, dropFlag(this.returnVal(cb), SHAPE));
            }
          }
        }
      }
    }

    // Library calls (path.join, Buffer.from, JSON.parse, new URL) carry their arguments' taint;
    // unknown functions of this program without a summary do not, nor those a React context hands
    // out (`useContext(AuthContext).apiCall(url, init)`): its provider's value is the program's.
    if (
      path !== undefined &&
      !path.startsWith('@') &&
      !CONTEXT_MEMBER.test(path) &&
      !fn &&
      !summary &&
      !readsStore &&
      !this.models.opaque.match(path).length
    ) {
      // A lookup answers what is stored under its key, not the key: `cache.get(id)` carries nothing
      // of `id`, `_.get(obj, path, fallback)` the object and the fallback, a function named for
      // finding a record by its key (`getFactTableById(id)`, `findUserByEmail(ctx, email)`) nothing.
      const lookup = callee.type === 'MemberExpression' && propName(callee) === 'get';
      const byKey = BY_KEY_LOOKUP.test(calleeName(callee) ?? '');
      // A getter's hook holds what the getter returns: `useMemo(fn, [value])`'s dependency list only
      // says when to run it again.
      const getter = this.models.callbackResults.match(path).length > 0;
      const given = lookup
        ? args.filter((_, i) => args.length > 1 && i !== 1)
        : getter
          ? args.slice(0, 1)
          : args;
      const argsVal = byKey ? EMPTY : this.unionAll(given.map((a) => this.ev(a)));
      // HTML from a template written here that escapes all it writes carries none of the data.
      if (argsVal.labels.length && !rendersEscaped(node, path, (n) => this.bindings.variableOf(n))) {
        const carried = parsedText(path, argsVal, node);
        const text = { labels: keepsFirst(path) ? carried : withoutFragment(carried) };
        result = this.union(result, this.librarySegments(path, args, text));
      }
      if (getter) {
        const cb = argsVal.fn ?? (args[0] && isFn(args[0]) ? args[0] : undefined);
        if (cb) result = this.union(result, this.returnVal(cb));
      }
    }
    // `Object.assign({}, req.body)` is a copy of the whole untrusted object, as `{ ...req.body }` is.
    if (path === 'Object.assign' && isFreshObject(args[0]) && args.slice(1).some((a) => this.ev(a).whole))
      result = { ...result, whole: true };
    // `promisify(exec)` runs `exec`: the same sinks, the same summary; `useCallback(fn, deps)` is `fn`.
    if (path !== undefined && RETURNS_FIRST.has(path) && args[0] && args[0].type !== 'SpreadElement')
      return this.ev(args[0]);
    // `inject(ActivatedRoute)`: an instance of the class, as a parameter typed with it is (a library's
    // class by its path, one of this program with its summary).
    if (path !== undefined && args[0] && this.models.injectors.match(path).length)
      return { ...this.ev(args[0]), labels: result.labels };
    if (path !== undefined && result.path === undefined && !fn && !summary)
      result = { ...result, path: this.models.returnsSelf.get(path) ?? `${path}()` };
    if (node.type === 'CallExpression') result = this.withSchemaChecks(node, path, result);
    // `_.omit(record, keys)`, `_.pick(record, keys)`: the record's own properties, some left out;
    // `_.cloneDeep(record)`, `structuredClone(record)`: all of them (a parameter's stay its fields).
    if (path !== undefined && RECORD_COPIERS.has(path) && args[0] && args[0].type !== 'SpreadElement') {
      const record = this.ev(args[0]);
      if (record.fields || record.param) return { ...record, path: result.path };
    }
    // `E.left(e)`: `e` under `left`, nothing under any other name.
    const tag = path !== undefined && !fn && !summary ? this.models.taggedResults.match(path)[0] : undefined;
    if (tag !== undefined && args[0] && args[0].type !== 'SpreadElement') {
      const { labels } = this.ev(args[0]);
      return { labels, ...(labels.length ? { fields: { [tag]: labels } } : {}), path: result.path };
    }
    const updated = result.labels.length && !fn && !summary ? this.updatedRecord(node, path) : undefined;
    if (updated) return { ...updated, ...(result.path !== undefined ? { path: result.path } : {}) };
    // `prisma.collection.create({ data: { name } })`: the record holds what `data` gave it and what
    // the database made (`id`, `createdAt`), nothing else: its fields are the literal's.
    const created = result.labels.length && !fn && !summary ? this.createdRecord(node, path) : undefined;
    if (created) return { ...this.ev(created), ...(result.path !== undefined ? { path: result.path } : {}) };
    return result;
  }

  /**
   * The record a store call gives back, as the node it was given: Prisma's `data` literal, or the
   * document of a call FrameworkModel.recordResults names.
   */
  private createdRecord(
    node: TSESTree.CallExpression | TSESTree.NewExpression,
    path: string | undefined,
  ): Node | undefined {
    const prisma = prismaCreatedRecord(node);
    if (prisma) return prisma;
    const [doc, ...rest] = node.arguments;
    return node.type === 'CallExpression' &&
      path !== undefined &&
      doc !== undefined &&
      doc.type !== 'SpreadElement' &&
      !rest.length &&
      this.models.recordResults.match(path).length
      ? doc
      : undefined;
  }

  /**
   * The record an update call gives back (FrameworkModel.updateResults): what its update's `$set`
   * literal writes, by name, or the update itself when it holds plain fields, while the other
   * operators' values and spreads hold no taint. Undefined for any other shape.
   */
  private updatedRecord(
    node: TSESTree.CallExpression | TSESTree.NewExpression,
    path: string | undefined,
  ): Val | undefined {
    const update = node.arguments[1];
    if (
      path === undefined ||
      update?.type !== 'ObjectExpression' ||
      !this.models.updateResults.match(path).length
    )
      return undefined;
    let set: Node | undefined;
    let others: Val = EMPTY;
    for (const p of update.properties) {
      if (p.type === 'Property' && propName(p) === '$set') set = p.value;
      else others = this.union(others, this.ev(p.type === 'SpreadElement' ? p.argument : p.value));
    }
    // Another operator writing request data (`$push: { tags: req.body.tag }`): the record as a whole.
    if (others.labels.length) return undefined;
    if (set) return this.ev(set);
    const plain = update.properties.every((p) => p.type === 'Property' && !propName(p)?.startsWith('$'));
    return plain ? this.ev(update) : undefined;
  }

  /**
   * zod (zod-schemas.ts): a schema carries what it lets through, built by zod's functions and kept
   * or narrowed by its methods; `schema.parse(x)` gives `x` with those checks, `safeParse(x)` its
   * `data`.
   */
  private withSchemaChecks(node: TSESTree.CallExpression, path: string | undefined, result: Val): Val {
    const arg = node.arguments[0];
    const built = zodFunctionChecks(path, () => this.shapeChecks(arg));
    if (built) return { ...result, checks: built };
    const callee = node.callee;
    const method = callee.type === 'MemberExpression' ? propName(callee) : undefined;
    const schema =
      method !== undefined ? this.ev((callee as TSESTree.MemberExpression).object).checks : undefined;
    if (!schema || method === undefined) return result;
    const parse = method === 'parse' || method === 'parseAsync';
    if (parse || method === 'safeParse' || method === 'safeParseAsync') {
      const given: Val = { ...result, labels: mergeLabels(result.labels, arg ? this.ev(arg).labels : []) };
      if (!parse) return { ...given, checks: underData(schema) };
      const { own, fields } = parsedChecks(schema);
      const flagged = own.length ? this.withFlags(given, flagBits(own)) : given;
      return fields ? { ...flagged, checks: fields } : flagged;
    }
    const next = schemaMethodChecks(schema, method, {
      ...(arg?.type === 'Literal' && typeof arg.value === 'number' ? { number: arg.value } : {}),
      fields: () => this.shapeChecks(arg),
      schema: () => (arg ? this.ev(arg).checks : undefined),
    });
    return next ? { ...result, checks: next } : result;
  }

  /** Each field of a zod shape (`{ id: z.number(), tags: Tags.optional() }`) with its schema's checks. */
  private shapeChecks(
    shape: TSESTree.CallExpressionArgument | undefined,
  ): Array<[string, SchemaChecks | undefined]> | undefined {
    if (shape?.type !== 'ObjectExpression') return undefined;
    const out: Array<[string, SchemaChecks | undefined]> = [];
    for (const p of shape.properties) {
      const name = p.type === 'Property' ? propName(p) : undefined;
      if (name !== undefined) out.push([name, this.ev((p as TSESTree.Property).value).checks]);
    }
    return out;
  }

  /** The database read this method call is (FrameworkModel.storeReads), if any. */
  private storeRead(
    path: string | undefined,
    callee: TSESTree.MemberExpression,
  ): { sqlText?: SqlText } | undefined {
    const method = propName(callee);
    return method === undefined ? undefined : this.models.storeRead(path, method, () => chainCalls(callee));
  }

  /**
   * What a database read gives back of untrusted data: nothing of the keys and filters it was given,
   * but a database the request chose (`MongoClient.connect(args.url)`: the object its chain starts
   * from) and rows chosen by SQL text the request wrote.
   */
  private readVal(read: TSESTree.CallExpression, sql: SqlText | undefined): Val {
    const links = [read, ...callsBefore(read.callee)];
    const first = links[links.length - 1]!.callee;
    const store = this.ev(first.type === 'MemberExpression' ? first.object : first);
    return { labels: mergeLabels(store.labels, sql ? this.injectedSql(links, sql).labels : []) };
  }

  /**
   * SQL text a read runs, given to it or to a link before it (`whereRaw(sql)`, `prepare(sql)`), or
   * as a fragment in their options (`sequelize.literal(sql)`): the rows are the database's unless
   * that text is the request's, whose `UNION SELECT` chooses them.
   */
  private injectedSql(links: readonly TSESTree.CallExpression[], sql: SqlText): Val {
    const names = links.map((l) => receiverName(l.callee));
    // Links after `prepare(sql)` take bind parameters; a chain's start (`Model.query(trx)`) no SQL.
    const bound = names.lastIndexOf(sql.bound);
    const texts: Node[] = [];
    links.forEach((link, i) => {
      if (i < bound) return;
      const name = names[i];
      if (name !== undefined && sql.methods.has(name) && !(i > 0 && sql.chainStarts.test(name)))
        texts.push(...sqlTextOf(link, sql));
      for (const arg of link.arguments)
        traverseShallow(arg, (n) => {
          const fragment = n.type === 'CallExpression' ? receiverName(n.callee) : undefined;
          if (fragment !== undefined && sql.fragments.has(fragment))
            texts.push(...sqlTextOf(n as TSESTree.CallExpression, sql));
        });
    });
    // Text escaped for SQL, or a number, rewrites no statement.
    const inert = flagBits(['sql', 'numeric']);
    const labels = this.unionAll(texts.map((t) => this.ev(t))).labels.filter((l) => !(l.flags & inert));
    return this.withStep({ labels }, links[0]!, 'rows of a query built from it');
  }

  /**
   * `s.match(re)`, `re.exec(s)` with a regex written in the code: the text's taint, no longer
   * starting as the text did, with what the regex guarantees of each part of the match. A global
   * `match` (an array of whole matches) has no parts.
   */
  protected regexMatch(
    node: TSESTree.CallExpression | TSESTree.NewExpression,
    method: 'match' | 'exec',
    result: Val,
  ): Val {
    const use = regexUse(node, this.bindings);
    if (!use) return result;
    const { pattern, flags } = use.regex.regex;
    const matched =
      method === 'exec' ? this.union(result, this.matchedText(use.text, pattern, flags)) : result;
    const parts = method === 'match' && flags.includes('g') ? undefined : matchParts(pattern, flags);
    return parts && matched.labels.length ? { ...matched, match: parts } : matched;
  }

  /**
   * A library call's result, as far as path segments go: lodash's element pickers keep them,
   * `_.filter(_.split(s, '/'), Boolean)` makes them, `_.join` joins them, `path.parse(seg)` keeps a
   * segment in its `name` and `base` (Propagation.member); anything else keeps no shape.
   */
  protected librarySegments(path: string, args: readonly TSESTree.CallExpressionArgument[], text: Val): Val {
    const [list, predicate] = args;
    if (path === 'lodash.join' && list) return this.joined(list, this.ev(list), text);
    const picked = LODASH_PICKS.has(path) || path === 'path.parse';
    const shaped = dropFlag(text, picked ? SHAPE & ~flagBit('segment') : SHAPE);
    return path === 'lodash.filter' && list && predicate && this.segmentsKept(list, predicate)
      ? this.withFlags(shaped, flagBit('segment'))
      : shaped;
  }

  /**
   * Does filtering `list` with `predicate` keep only path segments: the list is a split at `/`
   * (in place, or held in a variable nothing puts elements into) and the predicate rejects ''?
   */
  protected segmentsKept(list: Node, predicate: Node): boolean {
    if (!rejectsEmpty(predicate, (n) => this.bindings.variableOf(n))) return false;
    const pathOf = (callee: Node) => this.ev(callee).path;
    if (splitsAtSlash(list, pathOf)) return true;
    const variable = list.type === 'Identifier' ? this.bindings.variableOf(list) : undefined;
    const init = list.type === 'Identifier' ? constInit(list, (n) => this.bindings.variableOf(n)) : undefined;
    return !!variable && !!init && splitsAtSlash(init, pathOf) && arrayPuts(variable, pathOf)?.length === 0;
  }

  /**
   * `list.join(sep)`: text that never starts with `/` (`rootless`) when the list holds path
   * segments alone (segmentsOnly).
   */
  protected joined(list: Node, elements: Val, text: Val): Val {
    const shapeless = dropFlag(text, SHAPE);
    const segment = flagBit('segment');
    const all = elements.labels.length > 0 && elements.labels.every((l) => l.flags & segment);
    return all && this.segmentsOnly(list, new Set())
      ? this.withFlags(shapeless, flagBit('rootless'))
      : shapeless;
  }

  /**
   * Is `n` made of path segments and nothing else, by the way it is written? A filter that makes
   * them, an element pick from such a list (`shift()`, `[0]`, `_.last`, `path.parse(seg).name`),
   * or a variable whose every value and every element put in later is one. A literal, a condition,
   * a fallback (`x || ''`), a mapper or another function's result may add a constant `''`, which
   * carries no strand to say so. `seen`: variables being checked (a pick from the list itself).
   */
  protected segmentsOnly(n: Node, seen: Set<Variable>): boolean {
    const m = unwrap(n);
    if (m.type === 'Identifier') {
      const variable = this.bindings.variableOf(m);
      if (!variable) return false;
      if (seen.has(variable)) return true;
      seen.add(variable);
      const def = variable.defs.length === 1 ? variable.defs[0]!.node : undefined;
      const init = def?.type === 'VariableDeclarator' ? def.init : undefined;
      const puts = arrayPuts(variable, (callee) => this.ev(callee).path);
      return !!init && !!puts && [init, ...puts].every((p) => this.segmentsOnly(p, seen));
    }
    if (m.type === 'MemberExpression') {
      const name = propName(m);
      if (name !== undefined && /^\d+$/.test(name)) return this.segmentsOnly(m.object, seen);
      const parsed = name === 'name' || name === 'base' ? this.parsedPathOf(m.object) : undefined;
      return !!parsed && this.segmentsOnly(parsed, seen);
    }
    if (m.type !== 'CallExpression') return false;
    const [first, second] = m.arguments;
    const path = this.ev(m.callee).path;
    if (path?.startsWith('lodash.')) {
      if (path === 'lodash.filter' && first && second && this.segmentsKept(first, second)) return true;
      return LODASH_PICKS.has(path) && !!first && this.segmentsOnly(first, seen);
    }
    if (m.callee.type !== 'MemberExpression') return false;
    const method = propName(m.callee) ?? '';
    if (method === 'filter' && first && this.segmentsKept(m.callee.object, first)) return true;
    return ELEMENT_PICKS.has(method) && this.segmentsOnly(m.callee.object, seen);
  }

  /** The text `path.parse(text)` is given, written in place or held in a `const`. */
  protected parsedPathOf(n: Node): Node | undefined {
    const held = n.type === 'Identifier' ? constInit(n, (id) => this.bindings.variableOf(id)) : n;
    const call = held && unwrap(held);
    if (call?.type !== 'CallExpression' || this.ev(call.callee).path !== 'path.parse') return undefined;
    return call.arguments[0];
  }

  /** The function an argument passes: written in place or named. */
  protected callbackOf(arg: TSESTree.CallExpressionArgument): Fn | undefined {
    if (isFn(arg)) return arg;
    return arg.type === 'Identifier' ? this.ev(arg).fn : undefined;
  }

  protected replaceBits(pattern: Node, replacement: Node | undefined, all: boolean): number {
    // `s.replaceAll('<', '&lt;')`: every `<` goes, as with a global regex.
    if (pattern.type === 'Literal' && pattern.value === '<' && all)
      return escapesMarkup({ pattern: '<', flags: 'g' }, literalText(replacement)) ? flagBit('html') : 0;
    if (pattern.type === 'Literal' && pattern.value === '\\' && all) {
      const text = literalText(replacement);
      return text !== undefined && !text.includes('\\') ? flagBit('backslash') : 0;
    }
    // Written in place or held in a variable nothing writes again (`const collapse = /\s+/g`).
    const regex = regexOf(pattern, this.bindings)?.regex;
    if (!regex) return 0;
    let bits = 0;
    // A first-match replace leaves every later occurrence.
    if (regex.flags.includes('g'))
      for (const r of this.models.replaces) if (r.regex.test(regex.pattern)) bits |= r.bits;
    if (escapesMarkup(regex, literalText(replacement))) bits |= flagBit('html');
    if (replacement?.type === 'Literal' && typeof replacement.value === 'string') {
      bits |= flagBits(stripClassFlags(regex.pattern, regex.flags, replacement.value));
      if (stripsDotDot(regex, replacement.value) || stripsSeparators(regex, replacement.value))
        bits |= flagBit('path');
      if (stripsLineBreaks(regex, replacement.value)) bits |= flagBit('crlf');
      if (stripsBackslashes(regex, replacement.value)) bits |= flagBit('backslash');
    }
    return bits;
  }

  /**
   * The text a regex ran over, as its match holds it: no longer starting as the text did, unless the
   * match starts where the text does (`^…` without `m`, or a leading `.*` over text with no line
   * break): `/.*\/p\/[^/]+/.exec(location.pathname)` starts as the path does.
   */
  private matchedText(text: Node, pattern: string, flags: string): Val {
    const v = this.ev(text);
    const fromStart =
      (pattern.startsWith('^') && !flags.includes('m')) ||
      (/^\.[*+]/.test(pattern) &&
        (flags.includes('s') || v.labels.every((l) => (l.flags & flagBit('crlf')) !== 0)));
    return { labels: fromStart ? v.labels : dropFlag(v, flagBits(['prefixed', 'delimited'])).labels };
  }

  /**
   * What the checks a return is reached only past say of the value returned (`if
   * (rel.startsWith('..')) throw …; return full`): flags its callers' values then carry.
   */
  protected abstract returnGuardFlags(returned: Node): number;

  protected returnVal(fn: Fn): Val {
    // A function's result is worked out once a round (retMemo): whoever uses it reads what it read.
    const cached = this.retMemo.get(fn);
    if (cached) {
      this.read(this.retSpans.get(fn)!);
      return cached;
    }
    if (this.inProgress.has(fn)) {
      this.read(UNORDERED);
      return EMPTY;
    }
    const start = this.reads.length;
    this.inProgress.add(fn);
    let v: Val = EMPTY;
    try {
      const rets = this.returns.get(fn) ?? [];
      for (const r of rets) {
        let rv = this.ev(r);
        const bits = rv.labels.length ? this.returnGuardFlags(r) : 0;
        if (bits) rv = this.withFlags(rv, bits);
        v = v === EMPTY ? rv : this.union(v, rv);
      }
    } finally {
      this.inProgress.delete(fn);
    }
    if (v.labels.length > 0 && vetsKeys(fn, this.sourceText))
      v = { ...v, labels: v.labels.map((l) => ({ ...l, flags: l.flags | flagBit('key') })) };
    this.retMemo.set(fn, v);
    if (this.logging) this.retSpans.set(fn, this.span(start));
    return v;
  }

  /**
   * What each property of the object `fn` returns holds, when every return gives a record of known
   * properties (Propagation.recordFields; one a return lacks is undefined there). Undefined
   * otherwise, or when the result holds a strand none of them accounts for (an object a mutator or
   * a call changed).
   */
  protected returnFields(fn: Fn): ReadonlyMap<string, Val> | undefined {
    const rets = this.returns.get(fn) ?? [];
    if (rets.length === 0 || this.recordsInProgress.has(fn)) return undefined;
    this.recordsInProgress.add(fn);
    try {
      // A Map: property names are the program's (`constructor`, `__proto__`).
      const out = new Map<string, Val>();
      for (const r of rets) {
        const fields = this.recordFields(unwrap(r)) ?? this.knownFields(r);
        if (!fields) return undefined;
        for (const [k, v] of fields) out.set(k, out.has(k) ? this.union(out.get(k)!, v) : v);
      }
      const { labels } = this.returnVal(fn);
      const byName = Object.fromEntries([...out].map(([k, v]) => [k, v.labels]));
      return labels.length && fieldsCover({ labels, fields: byName }) ? out : undefined;
    } finally {
      this.recordsInProgress.delete(fn);
    }
  }

  private readonly recordsInProgress = new Set<Fn>();

  /**
   * A function whose every return is a copy of one parameter with some properties written
   * (`const r = { ...raw }; if (!r.id) r.id = newId(); return r;`, `cloneDeep(orig)` and writes,
   * another such function's result, or the parameter itself): that parameter, and what each
   * written property holds (Val.overlay). A name one return writes and another does not is the
   * parameter's own there.
   */
  protected copyOf(fn: Fn): Copy | undefined {
    // Worked out once a round, as a function's result is (returnVal): a use reads what it read.
    const cached = this.copyMemo.get(fn);
    if (cached !== undefined) {
      this.read(this.copySpans.get(fn)!);
      return cached ?? undefined;
    }
    const rets = this.returns.get(fn) ?? [];
    if (rets.length === 0 || this.recordsInProgress.has(fn)) return undefined;
    const start = this.reads.length;
    const copy = this.copyOfReturns(fn, rets);
    this.copyMemo.set(fn, copy ?? null);
    if (this.logging) this.copySpans.set(fn, this.span(start));
    return copy;
  }

  private copyOfReturns(fn: Fn, rets: readonly Node[]): Copy | undefined {
    this.recordsInProgress.add(fn);
    try {
      const copies = [];
      for (const r of rets) {
        const c = this.copied(fn, unwrap(r));
        const first = copies[0];
        if (!c || (first && (c.param !== first.param || c.field !== first.field))) return undefined;
        copies.push({ ...c, at: r });
      }
      const names = new Set(copies.flatMap((c) => [...c.fields.keys()]));
      const fields = new Map<string, Val>();
      for (const k of names)
        fields.set(k, this.unionAll(copies.map((c) => c.fields.get(k) ?? this.member(c.base, k, c.at))));
      const { param, field } = copies[0]!;
      return { param, ...(field !== undefined ? { field } : {}), fields };
    } finally {
      this.recordsInProgress.delete(fn);
    }
  }

  /** A returned value that is a copy of a parameter of `fn` (or of a property of one): see copyOf. */
  private copied(fn: Fn, r: Node): (Copy & { base: Val }) | undefined {
    const copy = r.type === 'Identifier' ? this.recordCopy(r) : undefined;
    if (copy) return this.copiedFrom(fn, copy.base, r, copy.fields);
    // A variable written into at its properties is no longer what it was given.
    if (r.type === 'Identifier' && this.fieldsWrittenThrough(r)?.size) return undefined;
    const v = this.ev(r);
    const written = new Map(Object.entries(v.overlay?.fields ?? {}).map(([k, labels]) => [k, { labels }]));
    const base = v.overlay?.base ?? v;
    // An object literal spreading one value (`{ id: newId(), ...data }`): a copy of that value.
    const path = paramPath(fn, base);
    const literal = base.obj && spreadCopy(base.obj);
    if (path || !literal) return path && { ...path, base, fields: written };
    const own = literal.own.map((k) => [k, written.get(k) ?? this.member(base, k, r)] as const);
    return this.copiedFrom(fn, literal.base, r, new Map([...written, ...own]));
  }

  /** A copy of the value at `node` (the parameter's, with what was written into it by `at`). */
  private copiedFrom(
    fn: Fn,
    node: Node,
    at: Node,
    fields: Map<string, Val>,
  ): (Copy & { base: Val }) | undefined {
    const copied = this.copiedValue(node, at);
    const path = copied && paramPath(fn, copied.base);
    if (!path) return undefined;
    for (const [k, v] of copied!.written) if (!fields.has(k)) fields.set(k, v);
    return { ...path, base: copied!.base, fields };
  }

  /**
   * A copy's value at a call: the argument, with what the function writes over it (Val.overlay);
   * where the argument's property names are all known, its properties by name too (Val.fields).
   */
  private overlaid(v: Val, base: Val, written: Iterable<[string, readonly Label[]]>, call: Node): Val {
    const fields = Object.fromEntries(written);
    const names =
      base.fields && fieldsCover(base)
        ? Object.keys(base.fields)
        : base.obj
          ? this.recordFields(base.obj)?.keys()
          : undefined;
    if (!names) return { ...v, overlay: { base, fields } };
    const all = new Set([...names, ...Object.keys(fields)]);
    const byName = [...all].map((k) => [k, fields[k] ?? this.member(base, k, call).labels]);
    return { ...v, overlay: { base, fields }, fields: Object.fromEntries(byName) };
  }

  /**
   * The properties of a returned value that is no literal, when its value says what each holds
   * (Val.fields: `E.left(message)`); none for a value holding no taint at all.
   */
  private knownFields(r: Node): ReadonlyMap<string, Val> | undefined {
    const v = this.ev(r);
    if (!v.labels.length) return new Map();
    if (!v.fields || !fieldsCover(v)) return undefined;
    return new Map(Object.keys(v.fields).map((k) => [k, { labels: heldField(v, k) ?? [] }]));
  }

  /** Does every return of `fn` give an object or array literal (at least one does)? */
  protected returnsRecord(fn: Fn): boolean {
    const rets = this.returns.get(fn) ?? [];
    return (
      rets.length > 0 && rets.every((r) => ['ObjectExpression', 'ArrayExpression'].includes(unwrap(r).type))
    );
  }

  /** A call of a function of this file: its result, and what each of its properties holds. */
  private called(fn: Fn, call: TSESTree.CallExpression | TSESTree.NewExpression): Val {
    const given = this.substitute(this.returnVal(fn), fn, call);
    const v = given.labels.length && this.returnsRecord(fn) ? { ...given, record: true } : given;
    const copy = v.labels.length ? this.copyOf(fn) : undefined;
    if (copy) {
      const written = [...copy.fields].map(
        ([k, f]) => [k, this.substitute(f, fn, call).labels] as [string, readonly Label[]],
      );
      return this.overlaid(v, this.argField(fn, copy.param, copy.field, call), written, call);
    }
    const fields = v.labels.length ? this.returnFields(fn) : undefined;
    if (!fields) return this.passedFields(v, this.returnVal(fn).labels, fn, call);
    const each = [...fields].map(([k, f]) => [k, this.substitute(f, fn, call).labels]);
    return { ...v, fields: Object.fromEntries(each) };
  }

  /**
   * A function whose result is one of its parameters, whole and unchanged (`toInterface(doc)`
   * returning `doc`, or a copy of it that keeps its properties), gives back the argument with the
   * properties it is known to have (Val.fields), or, given the caller's own parameter, that
   * parameter (Val.param).
   */
  private passedFields(
    v: Val,
    returned: ReadonlyArray<{ param?: number; field?: string; flags: number; fn?: Fn }>,
    fn: Fn | undefined,
    call: TSESTree.CallExpression | TSESTree.NewExpression,
  ): Val {
    const param = returned[0]?.param;
    if (
      param === undefined ||
      !returned.every((r) => r.param === param && r.field === undefined && r.flags === 0 && r.fn === fn)
    )
      return v;
    const arg = this.argVal(fn, param, call);
    // The caller's own parameter, handed back: its property reads still name its callers' fields.
    if (arg.param && arg.labels.every((l) => l.param !== undefined && l.field === undefined))
      return { ...v, param: true };
    // An object literal handed back: each property is what the literal wrote there.
    return {
      ...v,
      ...(arg.obj ? { obj: arg.obj } : {}),
      ...(arg.fields && fieldsCover(arg) ? { fields: arg.fields } : {}),
    };
  }

  /** Replace a function's parameter labels with the taint of the call's arguments. */
  protected substitute(v: Val, fn: Fn, call: TSESTree.CallExpression | TSESTree.NewExpression): Val {
    // A factory's result keeps the function it returns (a UMD wrapper's `factory(global)`).
    const kept = {
      ...(v.path !== undefined ? { path: v.path } : {}),
      ...(v.fn && v.fn !== fn ? { fn: v.fn } : {}),
    };
    if (v.labels.length === 0) return kept.path !== undefined || kept.fn ? { labels: [], ...kept } : EMPTY;
    let labels: readonly Label[] = [];
    for (const l of v.labels) {
      if (l.fn === fn && l.param !== undefined) {
        const arg = this.argField(fn, l.param, l.field, call);
        // What the function did to its parameter's first character is not known here.
        const through = asPassed(arg.labels).map((a) => ({
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
    return labels.length ? { labels, ...kept } : EMPTY;
  }

  /**
   * The part of argument `index` a parameter's strand was read from: the whole, or one property.
   * An object literal written in the call without that property (nor spreads or computed keys)
   * gives it nothing: `t({ id })` brings no `placeholders`.
   */
  protected argField(
    fn: Fn | undefined,
    index: number,
    field: string | undefined,
    call: TSESTree.CallExpression | TSESTree.NewExpression,
  ): Val {
    const written = fn?.params[index]?.type === 'RestElement' ? undefined : call.arguments[index];
    if (field === KEYS && written && written.type !== 'SpreadElement') return this.keysOf(written);
    if (field === undefined) return this.argVal(fn, index, call);
    // A property of a property (`({ data }) => data.id`): the argument's, read name by name.
    const [first, ...deeper] = field.split(FIELD_PATH);
    if (deeper.length)
      return deeper.reduce((v, name) => this.member(v, name, call), this.argField(fn, index, first, call));
    // `data.organization = org.id; save(data)`: the callee's `data.organization` is the write's.
    if (written?.type === 'Identifier' && field !== KEYS) return this.fieldThrough(written, field, written);
    const arg = this.argVal(fn, index, call);
    if (
      written?.type === 'ObjectExpression' &&
      written.properties.every(
        (p) => p.type === 'Property' && propName(p) !== undefined && propName(p) !== field,
      )
    )
      return EMPTY;
    return this.member(arg, field, call);
  }

  protected argVal(
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

  protected applySummary(s: FunctionSummary, call: TSESTree.CallExpression | TSESTree.NewExpression): Val {
    const labels = this.applyFlows(s, call);
    const v: Val =
      labels.length || s.returnPath
        ? {
            labels,
            ...(s.returnPath ? { path: s.returnPath } : {}),
            ...(s.record && labels.length ? { record: true } : {}),
          }
        : EMPTY;
    if (!labels.length) return v;
    if (s.copies) {
      const written = Object.entries(s.copies.fields).map(
        ([k, f]) => [k, this.applyFlows(f, call)] as [string, readonly Label[]],
      );
      return this.overlaid(v, this.argField(undefined, s.copies.param, s.copies.field, call), written, call);
    }
    if (!s.fields) return this.passedFields(v, s.returns, undefined, call);
    const each = Object.entries(s.fields).map(([k, f]) => [k, this.applyFlows(f, call)]);
    return { ...v, fields: Object.fromEntries(each) };
  }

  /** What an imported function's result (or one property of it) holds at this call. */
  private applyFlows(
    s: ReturnFlows,
    call: TSESTree.CallExpression | TSESTree.NewExpression,
  ): readonly Label[] {
    let labels: readonly Label[] = [];
    for (const r of s.returns) {
      const arg = this.argField(undefined, r.param, r.field, call);
      labels = mergeLabels(
        labels,
        asPassed(arg.labels).map((a) => ({
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
    return labels;
  }

  protected remoteLabel(src: SourceSummary, at: Node): Label {
    let o = this.origins.get(at);
    if (!o || o.label !== src.label) {
      o = { id: this.nextOrigin++, kind: src.kind, label: src.label, remote: src.steps };
      this.origins.set(at, o);
    }
    return { origin: o, flags: src.flags, steps: [{ node: at, message: 'imported' }] };
  }

  // ---- parameters: framework roles, decorators, or symbolic labels for summaries ----

  protected argumentsVal(fn: Fn): Val {
    if (isCallbackArg(fn, this.models.callbacks) || this.rolesOf(fn)) return EMPTY;
    // `options = arguments[i]` in a variadic function (jQuery-style `extend()`): each position a
    // caller fills, as far as the summaries follow positions.
    const count = Math.max(fn.params.length, ARGUMENTS_FOLLOWED);
    return { labels: Array.from({ length: count }, (_, param) => ({ fn, param, flags: 0, steps: [] })) };
  }

  protected paramVal(fn: Fn, index: number): Val {
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
      if (model?.source) {
        const checks = this.checksOfType(param);
        return {
          ...(checks ? { checks } : {}),
          labels: [
            {
              origin: this.origin(param, model.source.kind, model.source.label),
              flags:
                (model.source.flags ? flagBits(model.source.flags) : 0) |
                (inAdministratorOnlyCode(param) ? flagBit('limited') : 0),
              steps: [],
            },
          ],
          whole: true,
        };
      }
      if (model?.role) return this.roleVal(param, model.role);
    }
    const roles = this.rolesOf(fn);
    if (roles) {
      const role = roles[index];
      return role ? this.roleVal(param, role) : EMPTY;
    }
    if (isCallbackArg(fn, this.models.callbacks)) return EMPTY;
    const role = this.roleFromCallers(fn, index);
    // A function literal passed straight to an immediately called function is what the parameter
    // calls (a UMD wrapper's `factory`).
    const iife = fn.parent?.type === 'CallExpression' && fn.parent.callee === fn ? fn.parent : undefined;
    const passed = iife?.arguments[index];
    // Whole as far as this function knows: whether callers pass the request object itself is
    // theirs to say (ParamSink.needs).
    return {
      labels: [{ fn, param: index, flags: 0, steps: [] }],
      whole: true,
      param: true,
      ...(role !== undefined ? { path: role } : {}),
      ...(passed && isFn(passed) ? { fn: passed } : {}),
    };
  }

  /**
   * The fields a parameter's class checks (`@Body() dto: RemoveIconDto`): a class of this file, or
   * one another module exports (its summary's `checks`).
   */
  private checksOfType(param: TSESTree.Parameter): Val['checks'] {
    const annotation = (param as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation
      ?.typeAnnotation;
    if (annotation?.type !== 'TSTypeReference' || annotation.typeName.type !== 'Identifier') return undefined;
    const type = this.ev(annotation.typeName);
    return type.cls ? checkedFields(type.cls, this.sourceText) : type.checks;
  }

  /**
   * A helper's parameter that its callers in this file fill with a framework object (`go(url, res)`
   * called as `go(req.body.next, res)`) is that object inside the helper: `res.redirect(url)` is a
   * redirect sink and `req.query` a source there, as in the handler itself. A helper nobody in its
   * file calls is called from other files, which this one cannot see: there a parameter named as a
   * response is taken for one, so its sinks reach the summary (`sendPage(res, html)` in a views
   * module). Only the response's sinks: a request by name alone would make sources of guesses.
   */
  private roleFromCallers(fn: Fn, index: number): string | undefined {
    const name = bindingName(fn);
    const variable = name ? this.bindings.variableOf(name) : undefined;
    const param = fn.params[index];
    // `exports.sendPage = (res, html) => …`: exported where it is written, with no variable for
    // this file's calls: its callers are elsewhere.
    if (!variable)
      return exportedName(fn) !== undefined && param?.type === 'Identifier'
        ? RESPONSE_PARAMS.get(param.name)
        : undefined;
    const calls = this.callsTo(variable);
    for (const call of calls) {
      const arg = call.arguments[index];
      if (!arg || arg.type === 'SpreadElement') continue;
      const path = this.ev(arg).path;
      if (path !== undefined && path.startsWith('@') && !path.includes('.')) return path;
    }
    if (calls.length > 0 || param?.type !== 'Identifier') return undefined;
    return RESPONSE_PARAMS.get(param.name);
  }

  private callsByCallee?: Map<Variable, Array<TSESTree.CallExpression | TSESTree.NewExpression>>;

  private callsTo(variable: Variable): ReadonlyArray<TSESTree.CallExpression | TSESTree.NewExpression> {
    if (!this.callsByCallee) {
      this.callsByCallee = new Map();
      for (const call of this.calls) {
        const v = call.callee.type === 'Identifier' ? this.bindings.variableOf(call.callee) : undefined;
        if (!v) continue;
        // Appended in place: a copy per call was quadratic in the calls of one function.
        let calls = this.callsByCallee.get(v);
        if (!calls) this.callsByCallee.set(v, (calls = []));
        calls.push(call);
      }
    }
    return this.callsByCallee.get(variable) ?? [];
  }

  protected roleVal(node: Node, role: string): Val {
    const labels = this.sourceVal(node, role, false);
    return { labels, path: role, ...(labels.length ? { whole: true } : {}) };
  }

  protected rolesOf(fn: Fn): string[] | null {
    const known = this.roles.get(fn);
    if (known !== undefined) return known;
    this.roles.set(fn, null);
    const roles = this.findRoles(fn);
    this.roles.set(fn, roles);
    return roles;
  }

  private workerScript: boolean | undefined;

  private inWorkerScript(): boolean {
    this.workerScript ??= isWorkerScript(this.filename, this.sourceText);
    return this.workerScript;
  }

  /** The roles a handler model gives `fn`, passed as `arg` to `call` (a route, an event listener). */
  private handlerRoles(
    fn: Fn,
    call: TSESTree.CallExpression,
    arg: Node,
    byName: { params: string[] } | undefined,
  ): string[] | undefined {
    const key = this.calleeKey(call.callee, call.callee.type === 'Super' ? EMPTY : this.ev(call.callee));
    if (key === undefined) return undefined;
    for (const h of this.models.routeHandlers.match(key)) {
      const first = call.arguments[0];
      if (h.route && (!first || first === arg || !isRouteLike(first))) continue;
      if (h.exceptCall?.includes(key)) continue;
      // A key with no receiver is the global scope's own listener (`self.` is dropped).
      if (h.windowOnly && !key.includes('.') && this.inWorkerScript()) continue;
      if (h.firstArg !== undefined && !(first?.type === 'Literal' && first.value === h.firstArg)) continue;
      if (
        h.exceptFirstArg &&
        (first?.type !== 'Literal' ||
          typeof first.value !== 'string' ||
          h.exceptFirstArg.includes(first.value))
      )
        continue;
      if (h.arity !== undefined) {
        if (fn.params.length === h.arity) return h.params;
        continue;
      }
      return byName?.params ?? h.params;
    }
    return undefined;
  }

  private readonly heldLookup: HeldLookup = {
    variableOf: (id) => this.bindings.variableOf(id),
    optionHandlers: (place: Placement) => {
      const callee = place.call.callee;
      const key = this.calleeKey(callee, callee.type === 'Super' ? EMPTY : this.ev(callee));
      if (key === undefined) return [];
      return this.models.optionHandlers
        .match(key)
        .filter((h) => (place.option !== undefined ? h.option === place.option : h.optionArg === place.arg));
    },
  };

  protected findRoles(fn: Fn): string[] | null {
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
      const roles = this.handlerRoles(fn, parent, fn, byName);
      if (roles) return roles;
    } else {
      // A named handler registered elsewhere in the file: `addEventListener('message', onMessage)`.
      const id = bindingName(fn);
      for (const ref of (id && this.bindings.variableOf(id)?.references) ?? []) {
        const call = ref.identifier.parent;
        if (call?.type !== 'CallExpression' || call.callee === ref.identifier) continue;
        const roles = this.handlerRoles(fn, call, ref.identifier as Node, byName);
        if (roles) return roles;
      }
    }
    const held = heldRoles(fn, this.models.mapHandlers, this.heldLookup);
    if (held) return held;
    const exported = exportedName(fn);
    if (exported !== undefined) {
      const h = this.models.exportHandlers.find(
        (m) =>
          m.exportNames!.includes(exported) &&
          (!m.file || new RegExp(m.file).test(this.filename)) &&
          (!m.paramNames || m.paramNames.every((re, i) => new RegExp(re).test(names[i] ?? '\0'))),
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
}

/** The SQL text a call is given first: its first argument, or a query config's text (`{ text, values }`). */
function sqlTextOf(call: TSESTree.CallExpression, sql: SqlText): Node[] {
  const first = call.arguments[0];
  const text =
    first?.type === 'ObjectExpression'
      ? sql.configKeys.map((k) => findProperty(first, k)?.value).find(Boolean)
      : first;
  return text ? [text] : [];
}

/** The `data` object literal of a Prisma-style `model.create({ data: { … } })`, if the call is one. */
function prismaCreatedRecord(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): TSESTree.ObjectExpression | undefined {
  const callee = call.callee;
  const [options, ...rest] = call.arguments;
  if (
    call.type !== 'CallExpression' ||
    callee.type !== 'MemberExpression' ||
    callee.object.type !== 'MemberExpression' ||
    propName(callee) !== 'create' ||
    rest.length ||
    options?.type !== 'ObjectExpression'
  )
    return undefined;
  const data = options.properties.find((p) => p.type === 'Property' && propName(p) === 'data');
  return data?.type === 'Property' && data.value.type === 'ObjectExpression' ? data.value : undefined;
}

/**
 * The parameter of `fn` that `v` is, as given (no flag), whole or one property of it read as it
 * is (`data` of `({ data })`, Val.param).
 */
function paramPath(fn: Fn, v: Val): { param: number; field?: string } | undefined {
  // Another function's parameter strands (`docs.map(toInterface)` binding `toInterface`'s parameter
  // to its caller's elements) come with a call of it as a callback, not with a call of it here.
  const own = v.labels.filter((l) => !(l.fn && l.fn !== fn && l.param !== undefined));
  const first = own[0];
  if (first?.param === undefined || (first.field !== undefined && !v.param)) return undefined;
  const same = own.every(
    (l) => l.fn === fn && l.param === first.param && l.field === first.field && l.flags === 0,
  );
  if (!same) return undefined;
  return { param: first.param, ...(first.field !== undefined ? { field: first.field } : {}) };
}
