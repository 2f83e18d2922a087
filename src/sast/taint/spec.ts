import type { FlowStep, Precision } from '../../core/finding.ts';

/**
 * Taint specifications are data. The engine knows how values flow; rule modules and framework
 * models say where untrusted data enters (sources), where it must not arrive (sinks) and what
 * makes it harmless (sanitisers and guards).
 *
 * Paths name values symbolically: `child_process.exec` (a module member, `node:` prefix and
 * `fs/promises` folded), `location.hash` (a browser or Node global; `window.`/`globalThis.`
 * dropped), `@Request.query` (a role given to a handler parameter by a framework model),
 * `express().get` (the result of calling `express`). A pattern is a path, or `*.name` for "a
 * member called name of anything".
 */

/**
 * Where untrusted data came from. `env` is weak: only rules that ask for it see it. `library`: the
 * arguments of a library package's exported API (library mode, src/sast/library/), for the rules
 * where a caller's data is the attack. `remote-extra`: a request property no framework documents
 * (`req.data`, `req.vbody`), which middleware most often fills from the request; every rule that
 * accepts `remote` accepts it, and its findings are `medium` precision (the flow is not proven).
 * `network`: what an HTTP client's response carries, chosen by the server it asked (often the
 * application's own): treated like `remote-extra`, a likely flow, not a proven attack.
 * `exception`: what a caught error carries about the server's internals (its stack trace), only
 * for the rule about exposing it.
 */
export type SourceKind =
  | 'remote'
  | 'remote-extra'
  | 'network'
  | 'cli'
  | 'env'
  | 'dom'
  | 'storage'
  | 'archive'
  | 'library'
  | 'exception';

/**
 * What has been done to a value on its way. Each rule says which of these make a value harmless
 * for it: `numeric` clears every injection, `html` clears XSS but not SQL, and so on.
 */
export const FLAGS = [
  'numeric',
  'string',
  'html',
  'url',
  'path',
  'sql',
  'shell',
  'regex',
  'crlf',
  'prefixed',
  'json',
  'nosql',
  'sanitised',
  'bounded',
  /** Returned by a function that rejects `__proto__` and `constructor`/`prototype` (pathval's `parsePath`). */
  'key',
  /** An uploaded file's record: the server chose some of its fields (SERVER_UPLOAD_FIELDS). */
  'upload',
  /**
   * Text that starts with `/`, `?` or `#` (the page's own path, query, fragment): after a base the
   * program chose it stays on that base's host. Any method called on it drops this.
   */
  'delimited',
  /**
   * Chosen by whoever sends the request, for that request alone (the `Host` header and what is
   * derived from it): a link cannot make a victim's browser send another.
   */
  'requester',
  /**
   * Markup an HTML sanitiser cleaned (DOMPurify, sanitize-html, xss): safe as elements and text,
   * not inside an attribute value, where a quote or space it kept ends the attribute.
   */
  'markup',
  /**
   * Text that is empty or starts with `#` (the page's fragment, `'#' + id`): jQuery (1.6.3 on) reads
   * it as a selector, never as HTML. Only what keeps the first character keeps it.
   */
  'fragment',
  /**
   * Text of ASCII letters, digits and `_` alone (a regex match allowed nothing else): no quote,
   * space, dash, dot, slash or markup, so it breaks out of no syntax; it can still name anything
   * (`__proto__`, a module, a method).
   */
  'word',
  /**
   * Pieces of text cut at `/` that a filter kept only when not empty (`s.split('/').filter(Boolean)`),
   * or one of them: no `/` in it and at least one character, so none starts with `/`. Any method
   * that may change the text drops it; picking elements keeps it.
   */
  'segment',
  /** Text joined from `segment`s: possibly empty, never starting with `/` (`//` appears nowhere). */
  'rootless',
  /** Text with no `\` left in it (a global replace removed every one). */
  'backslash',
  /**
   * Text that starts with one `/` and then neither a second nor a `\` (`'/' + rootless`): a path on
   * this host, save that a URL parser drops a tab or line break that follows (`/\t/evil.com` reads
   * as `//evil.com`). Harmless where the sink percent-encodes those (Express's `res.redirect`).
   */
  'local',
  /**
   * The request target as the request line gave it (`req.originalUrl`): every browser starts it
   * with `/`; only a client writing its own request line sends another form
   * (`GET http://host/ HTTP/1.1`), and whatever that does is done to that client alone.
   */
  'target',
  /**
   * The `Referer` header: the page the client came from. Sending the client back there (Express's
   * `res.redirect('back')`) takes it nowhere it was not; a link from another site makes that site
   * the Referer, and the user is on it already.
   */
  'referrer',
  /**
   * Read where only an administrator, or only a development build, sends it (administrator-only.ts,
   * development-only.ts): a flow from it is worth a look, not proof of an attack from outside.
   */
  'limited',
  /**
   * Text cut to a constant length of at most SHORT_TEXT (`s.substring(0, 20)`, `s.slice(0, 64)`):
   * a polynomial regex over it ends in milliseconds. Any method that may lengthen it drops this.
   */
  'short',
  /**
   * A request header's value, not the Referer's: only the request's sender chooses it. No link or
   * form makes a victim's browser send a header of the attacker's choosing (a cross-origin `fetch`
   * with one needs the server's CORS consent), so reflected into a page it reaches that sender
   * alone — CodeQL's reflected XSS counts only third-party controllable inputs and the Referer.
   */
  'header',
] as const;

/** `Referer` (as HTTP spells it) or `Referrer`, in any case: a header name whose value is `referrer`. */
export const REFERRER_HEADER = /^referr?er$/i;
export type Flag = (typeof FLAGS)[number];

export function flagBit(flag: Flag): number {
  return 1 << FLAGS.indexOf(flag);
}

export function flagBits(flags: readonly Flag[]): number {
  return flags.reduce((bits, f) => bits | flagBit(f), 0);
}

/** The role of a caught error: a `catch` parameter, the first of Express error middleware. */
export const ERROR_ROLE = '@Error';

/** The role of a `req` no scope declares (see the Express model). */
export const UNBOUND_REQUEST = '@UnboundRequest';

export interface SourceModel {
  /** Reading this path (or calling it, with `call`) yields untrusted data. */
  path: string;
  call?: boolean;
  kind: SourceKind;
  /** Not a source in code that runs only outside production (inDevelopmentOnlyCode). */
  notInDevelopmentCode?: boolean;
  /** How the flow names the source ("Express request query"). */
  label: string;
  /**
   * What the value always is, whatever the sender does: `string` for route parameters, URLs and
   * header values (text, never an object that could carry query operators).
   */
  flags?: Flag[];
  /**
   * With a `role.*` path: every direct member of the role except the ones other sources name and
   * these (framework-set, server-side state such as `req.session`, `req.user`, `req.app`).
   */
  except?: string[];
}

export interface SanitiserModel {
  /** A callee pattern: its result carries these flags on the taint of its arguments. */
  call: string;
  flags: Flag[];
  /** Arguments before this index pass into the result as they are (the SQL of `mysql.format(sql, values)`). */
  from?: number;
}

/** A `.replace(/pattern/, …)` whose regex source matches `regex` marks its result with `flags`. */
export interface ReplaceSanitiser {
  regex: string;
  flags: Flag[];
}

/**
 * Functions a framework calls with untrusted parameters. The parameter at index i gets the role
 * `params[i]` (a path such as `@Request`), and sources and sinks are written against roles.
 */
export interface HandlerModel {
  framework: string;
  /** A callee pattern the function is passed to (`*.get` for `app.get('/x', handler)`). */
  call?: string;
  /** Callee paths `call` matches that are not this handler's (a same-origin event source). */
  exceptCall?: string[];
  /**
   * The window's event: in a Web Worker's own script (worker-script.ts) the same listener on the
   * worker's global scope (`self.addEventListener`, a bare `addEventListener`) hears only the pages
   * of its own origin, and is not this handler.
   */
  windowOnly?: boolean;
  /** The call's first argument must be a string/regex/array route (or a literal of this value). */
  route?: boolean;
  firstArg?: string;
  /** …or the first argument must be a string literal other than these (an event the library emits itself). */
  exceptFirstArg?: string[];
  /** Parameter names (regex) every listed parameter must match: name-based recognition, or a condition on `exportNames`. */
  paramNames?: string[];
  /** TypeScript type annotation names (last segment) of the first parameter. */
  paramType?: string[];
  /** Exported functions with these names (Next.js route handlers). */
  exportNames?: string[];
  /** Only in files whose path matches this regex. */
  file?: string;
  /** Only functions with exactly this many parameters (Express tells error middleware by its four). */
  arity?: number;
  /**
   * With `call`: the function is not passed itself but held in an object literal given to the call
   * as this option of an object argument (`graphqlHTTP({ rootValue: { user(args) {…} } })`), written
   * there or in a variable it names. With `resolverMap`: the resolver map is given so.
   */
  option?: string;
  /** With `call`, in place of `option`: the object is the call's argument at this index (`graphql(schema, source, root)`). */
  optionArg?: number;
  /**
   * A GraphQL-style resolver map (`{ Query: { user(parent, args) {…} }, User: {…} }`): the function
   * is a field (or a field's `resolve`/`subscribe`) of an object held under a key of an object that
   * has a key matching this regex holding an object of functions, or that is given as `option` to
   * `call`. Keys starting with `__` are the library's own hooks (`__resolveType`), not fields.
   */
  resolverMap?: string;
  params: string[];
}

/** A NestJS-style parameter decorator: the decorated parameter gets a role or becomes a source. */
export interface DecoratorModel {
  framework: string;
  decorator: string;
  role?: string;
  source?: { kind: SourceKind; label: string; flags?: Flag[] };
}

/**
 * Where a read on an SQL module's object, or in a chain from `chainStarts`, is given SQL text: the
 * first argument (or a config object's `configKeys`) of the read or of a link before it named in
 * `methods` (`query(sql)`, `whereRaw(sql)`, `prepare(sql)`), save the links after one named `bound`
 * (`prepare(sql).get(id)` binds `id`), and the first argument of a call named in `fragments` written
 * in their arguments (`findAll({ where: sequelize.literal(sql) })`). The read's result keeps what
 * that text holds: an injected `UNION SELECT` chooses the rows.
 */
export interface SqlTextModel {
  modules: readonly string[];
  methods: readonly string[];
  fragments: readonly string[];
  bound: string;
  configKeys: readonly string[];
}

export interface FrameworkModel {
  framework: string;
  sources?: SourceModel[];
  handlers?: HandlerModel[];
  decorators?: DecoratorModel[];
  sanitisers?: SanitiserModel[];
  replaceSanitisers?: ReplaceSanitiser[];
  /** Callee patterns whose function arguments receive the receiver's data as parameter n. */
  callbacks?: Array<{ method: string; param: number }>;
  /** Library calls whose result is not made of their arguments (`fs.readFileSync(path)` is the file's contents). */
  opaqueResults?: readonly string[];
  /**
   * Calls that read a database: a method named in `methods` on an object of one of `modules` (by
   * its path: a driver's connection, an ORM's model), or after a call named by `chainStarts` in its
   * chain (Objection's `Model.query().findById(id)`). Their result carries nothing of their
   * arguments nor of their receiver, the builder that holds the query, save its SQL text (`sqlText`).
   */
  storeReads?: {
    modules: readonly string[];
    methods: readonly string[];
    chainStarts: string;
    /**
     * Reads known by their name on any receiver the program does not define: Prisma's model
     * finders (`db.user.findFirst(…)`), whose client a workspace package often builds and exports.
     */
    anyReceiver: readonly string[];
    sqlText: SqlTextModel;
  };
  /** Library calls whose result is what their function argument returns (Vue's `computed(() => x)`). */
  callbackResults?: readonly string[];
  /**
   * Library calls that store the record they are given and hand it back (Mongoose's
   * `Model.create(doc)`): their result is that argument, with the fields it has, and what the
   * database adds (`_id`, timestamps) holds nothing.
   */
  recordResults?: readonly string[];
  /**
   * Library calls that update a stored record and hand it back (Mongoose's
   * `Model.findOneAndUpdate(filter, update, { new: true })`): their result holds what the update's
   * `$set` (or its plain fields) writes, by name, and the stored record's other fields, which are
   * the database's; without `new: true` it is the record before the update.
   */
  updateResults?: readonly string[];
  /**
   * Library calls whose result holds their argument under one property and nothing else of it:
   * fp-ts's `E.left(e)` is `{ _tag: 'Left', left: e }`, so its `right` holds nothing.
   */
  taggedResults?: ReadonlyArray<{ call: string; field: string }>;
  /**
   * Dependency injection calls whose result is an instance of the class they are given (Angular's
   * `inject(ActivatedRoute)`): it takes the class's path, as a parameter typed with it does.
   */
  injectors?: readonly string[];
  /** Methods of a role that return the object itself: `res.status(500).send(x)` writes to `res`. */
  returnsSelf?: Array<{ role: string; methods: string[] }>;
  /**
   * Regex sources (matched against a file's text) of which at least one appears in any file where
   * this model can produce a source. The scanner skips taint analysis in files that match none of
   * any model's hints and cannot receive untrusted data through their imports.
   */
  hints?: string[];
  /**
   * Hints that count only in files whose path (from the scan root) matches `file`: those of a
   * handler that applies only there (a Next.js page's `({ params })`, which validators' and
   * renderers' callbacks outside `page.tsx` write too).
   */
  fileHints?: ReadonlyArray<{ file: string; hints: readonly string[] }>;
  /**
   * Every source of this model is a likely one (`network`): a file holding only these still gets
   * the pattern halves of taint rules, as a file with no source does.
   */
  likelyOnly?: boolean;
}

/** A condition on an options object argument (`spawn(cmd, args, { shell: true })`). */
export interface OptionCondition {
  arg: number;
  key: string;
  /** `true`: the key must be present and not literally false; `false`: must be absent or false. */
  present: boolean;
  /** With `present: true`, the value's source text must match this regex. */
  matches?: string;
}

export interface SinkSpec {
  /** Callee patterns (calls and `new`). */
  call?: string[];
  /** Member assignment targets (`*.innerHTML`, `location.href`). */
  assign?: string[];
  /** Callee or target paths this sink does not cover (another rule's, such as `location.href`). */
  exclude?: string[];
  /** JSX attribute names whose value is the sink (`dangerouslySetInnerHTML`). */
  jsxAttribute?: string[];
  /** …only on these intrinsic elements (`href` of `<a>`, not of a component's prop). */
  jsxElements?: string[];
  /** Which arguments; default [0]. `'all'` for every one. `'last'` for the last. */
  args?: number[] | 'all' | 'last';
  /** Receiver identifier must match this regex, ignoring case (`db.query` but not `arr.query`)… */
  receiver?: string;
  /** …minding case (`[A-Z]\w*` for a model class). */
  receiverCaseSensitive?: boolean;
  /** …or the callee's path must start with one of these module names (`better-sqlite3`, `pg`). */
  /**
   * There must be a receiver (ts-pattern's imported `match(x)` has none), not one of the program's
   * modules (`groups.search(q)` is its own function), nor an object the code constructs
   * (`const fuse = new Fuse(list); fuse.search(q)`).
   */
  receiverNotModule?: boolean;
  /** A receiver that is an identifier must not match this regex (`OAuthToken.match(t)` is a class's own method). */
  receiverNot?: string;
  /**
   * No call earlier in the callee's chain may be named so (`Person.query().findById(id)` is an SQL
   * builder's chain, whatever link comes last).
   */
  chainNot?: string;
  modules?: string[];
  when?: OptionCondition[];
  /**
   * …or, in place of `when`, the file's package declares `module` at a range admitting a version
   * below `below`, a major or a `'major.minor'` (js-yaml's `load` was unsafe before 4.0): see
   * TaintEnv.declared.
   */
  declared?: {
    module: string;
    below: number | string;
    /** The converse: only where no package.json in view declares the module (its version unknown). */
    unknownOnly?: boolean;
  };
  /**
   * Modules of the call that fixed the weakness, by the first fixed version: the sink is skipped
   * where the file's package declares that module only at fixed versions (lodash's `merge` walks
   * `__proto__` before 4.17.12, not from it on). An undeclared module keeps the sink.
   */
  fixedFrom?: Readonly<Record<string, string>>;
  /**
   * The first argument must be a string or boolean literal whose text matches this regex
   * (`setHeader('Location', v)`, the `true` of `$.extend(true, target, src)`).
   */
  firstLiteral?: string;
  /**
   * The argument is read as a size: a variable the code declares with an object type (`data:
   * Buffer`, `Uint8Array`, an array) is copied, not counted (`new Uint8Array(data)`).
   */
  sizeArg?: boolean;
  /** The call must be written with at least this many arguments (`console.log` formats only then). */
  minArgs?: number;
  /** …and with at most this many (`String.prototype.search` takes one: `index.search(q, opts)` is another's). */
  maxArgs?: number;
  /**
   * The sink argument must be an array literal holding a string literal matching this regex: the
   * `-c` of `spawn('sh', ['-c', cmd])`, which makes the next element a shell command line.
   */
  arrayHolds?: string;
  /** Look inside object literal arguments at property values (NoSQL query objects). */
  objectValues?: boolean;
  /**
   * The argument is a URL, host or file name that may come as an options object: in an object
   * literal (written in the call or in a `const` never written through), only these properties
   * and spreads are the sink (`http.get({ host })`, `axios({ url })`); the rest is data.
   */
  keys?: string[];
  /**
   * With `keys`: only the options named are the sink; an argument that is not an object literal the
   * code proves, and a spread into one, are not (a chat call's options: its instructions are named,
   * the rest is the conversation). A key may name an option of an option (`config.systemInstruction`).
   */
  keysOnly?: boolean;
  /**
   * The argument (with `keys`, each option named) is a chat's message list: only the messages whose
   * role is one of these are the sink, at their content: `{ role: 'system', content }` or a
   * `['system', content]` pair, in an array literal or a variable declared with one and only pushed to.
   */
  roles?: string[];
  /**
   * The value must be text the program wrote around data (a template literal or `+` chain with
   * constant words, at the sink or in the variable it names): a prompt of the program's own that
   * carries the data, not the data handed on as it is (a chat user's own message).
   */
  framed?: boolean;
  /** The best precision of this sink's findings (a user prompt's is `low`). */
  precision?: Precision;
  /**
   * The converse of `keys`: in an object literal argument every property but these is the sink
   * (`writeHead(302, { Location })` is the open-redirect rule's, the other headers this one's).
   */
  exceptKeys?: string[];
  /** Property keys inside object literals that are sinks whatever their value's flags (`$where`). */
  dangerousKeys?: string[];
  /** Keys of object literals whose value is compared as it is, operators and all (MongoDB's `$eq`). */
  literalKeys?: string[];
  /** An object literal or array argument is not a sink (`res.send({...})` sends JSON). */
  skipLiteralObjects?: boolean;
  /**
   * Nor is the request's own parsed object given whole (`console.log('saved', req.body)`,
   * `req.query`, `req.params`, `req.headers`, `req.cookies`): a logger formats it as an object,
   * `util.inspect` or JSON, which escapes the line breaks in its strings.
   */
  skipRequestObjects?: boolean;
  /** The argument must be the untrusted object itself, not a field read from it (mass assignment). */
  wholeObject?: boolean;
  /**
   * The first argument must be an object that exists before the call: `Object.assign({}, x)` copies
   * into a new one, which is judged where it goes (the copy stays the untrusted object, as a spread).
   */
  intoExisting?: boolean;
  /** The argument must be able to be an object the client built: the untrusted object or a field of it. */
  objectValue?: boolean;
  /**
   * The argument must be able to be an object: untrusted data made text or a number on its way
   * (`String(x)`, a template, a string method, `Number(x)`) is not. Looser than `objectValue`: a
   * parsed text (`JSON.parse(body.raw)`) or an object literal holding untrusted values counts
   * (what a deep merge walks the keys of).
   */
  notText?: boolean;
  /**
   * The argument is a property path; written as an array literal, only the segments before the
   * last one count (`_.set(o, ['ui', key], v)` writes `o.ui[key]`, a flat write: no prototype is
   * reached by it).
   */
  pathSegments?: boolean;
  /**
   * The argument is the data of a server-side view (`res.render('profile', { bio })`) named by
   * argument 0 as a constant: each property is a sink of its own whose step carries the view and
   * the property (SinkStep.view). Whether it is a finding depends on the template, which the
   * scanner reads after the analysis (src/sast/templates/complete.ts): only a name the template
   * writes without escaping is one.
   */
  view?: boolean;
  /**
   * The argument names what the call does (the program `spawn` runs): an exported function's
   * parameter that reaches it is the API's purpose, as in a spawn wrapper, so library mode does not
   * report it (CodeQL's library-input queries likewise want input built into a command, not the
   * command). Application sources still count.
   */
  callerNamed?: boolean;
  /**
   * The argument is the argument array of a program run without a shell, and only what the program
   * may read as an option is the sink (CWE-88, argument injection): see ArgvSpec.
   */
  argv?: ArgvSpec;
  /**
   * A property or attribute of a DOM element: no sink in a module of Node server code
   * (isNodeServerModule), where no element exists.
   */
  dom?: boolean;
  /**
   * Only in a module of Node server code (isNodeServerModule): what a browser tab does to itself
   * (a timer it sets) exhausts nothing another user needs.
   */
  server?: boolean;
  /**
   * Not in a module of browser code (isBrowserModule), nor in a callback only the browser runs (a
   * React effect, a Vue or Svelte mount hook): the browser's console is its own user's, no log
   * another reads.
   */
  notInBrowser?: boolean;
  /**
   * Not where only a development build runs (`if (!env.isProduction) console.error(err)`): a
   * developer's own console, no log another reads.
   */
  notInDevelopment?: boolean;
  /**
   * An assignment to a name common on plain objects (`options.data`): a sink only on a receiver
   * shown to be an element (Sinks.isElement).
   */
  element?: boolean;
  /** Flags that make a value harmless at this sink alone, besides the rule's (`fragment` for `$(s)`). */
  sanitisedBy?: Flag[];
  /** How the flow names the sink ("shell command"). */
  label: string;
}

/**
 * How a program reads its argument array (SinkSpec.argv). In an array literal, or a variable the
 * code proves holds one, an element is a sink unless it comes after a `'--'` (or
 * `'--end-of-options'`) element, right after an option that takes the next element as its value,
 * or starts with fixed text that cannot begin an option (`'refs/heads/' + b`) or that names one
 * with its `=` (`'--depth=' + n`); a spread counts whole. An array built any other way (pushes,
 * a parameter) counts whole.
 */
export interface ArgvSpec {
  /**
   * Options whose value is the next element whatever it starts with, as a regex over
   * `"<subcommand> <option>"`; the subcommand is the first constant word that is not an option
   * or a value, empty before it (`^ -C$` is `git -C <path>`, `^commit -m$` is `git commit -m
   * <msg>`). Only what the tool's documentation says.
   */
  values?: string;
  /** `--` does not end the options (`find` reads `-exec` anywhere in its expression). */
  noEndOfOptions?: boolean;
  /** The first operand ends the options (`node script.js --x`: `--x` is the script's). */
  operandEnds?: boolean;
  /** The arguments may come one per parameter from the sink's on (`git.raw('log', '--', f)`). */
  variadic?: boolean;
  /** The subcommand before them (simple-git's `fetch(remote, branch)` runs `git fetch`). */
  sub?: string;
}

/**
 * How a caller's argument is read where a helper's parameter reaches a program's argument array
 * (SinkStep.argv): as the spec says, from the subcommand seen before the parameter.
 */
export type ArgvRead = Omit<ArgvSpec, 'variadic'>;

/** A value handed to a view: its name as given to `render`, and the data path it is under (`*`: every name). */
export interface ViewRef {
  view: string;
  local: string;
  /** Names under `local` that the same literal sets after a client-built object (`{ ...req.body, title }`): not the client's. */
  except?: string[];
}

/** The last step of a flow, at the sink: for a view's data, which view and name (see SinkSpec.view). */
export interface SinkStep {
  location: FlowStep['location'];
  message: string;
  view?: ViewRef;
  /** From SinkSpec.callerNamed. */
  callerNamed?: boolean;
  /** From SinkSpec.argv, for a helper's callers: how their argument is read. */
  argv?: ArgvRead;
  /** The bits of SinkSpec.sanitisedBy. */
  clearedBy?: number;
  /** From SinkSpec.precision. */
  precision?: Precision;
}

/** `array`: `Array.isArray(x)` holds (its `length` is then the real element count). */
/**
 * `type`: a check that the value is a number, boolean… (`typeof x === 'number'`, `isNaN`);
 * `text`: a check that it is a string, which clears only dangers that need an object.
 */
export type GuardKind =
  | 'allow'
  /**
   * The value names a property of an object of the program's own (`if (!table[x]) return`, `x in
   * table`): one of its names, or one it inherits (`constructor`, `toString`, `__proto__`), all
   * harmless as text. Not where the name selects a property (a method to call, a key to write):
   * there only an own-property check, a null-prototype object or a Map counts, which are `allow`.
   */
  | 'lookup'
  | 'prefix'
  | 'deny-dotdot'
  | 'deny-proto'
  | 'bound'
  /** A short text: `s.length` checked against at most 4,096 (regex backtracking). */
  | 'short'
  | 'type'
  | 'text'
  | 'array'
  /** A check of a parsed URL's scheme, port or path counts as one of the URL (`javascript:` sinks). */
  | 'scheme'
  /** A prefix check with a scheme, a host and the slash after it (`u.startsWith('https://api.x.com/')`). */
  | 'url-prefix'
  /** A value starting with `-` rejected (`x.startsWith('-')`, `/^-/.test(x)`, `x[0] === '-'`): no option. */
  | 'deny-dash';

export interface TaintSpec {
  /** Source kinds the rule accepts; default remote, cli, dom, storage. */
  sources?: SourceKind[];
  sinks: SinkSpec[];
  /** Flags that make a value harmless for this rule. */
  sanitisedBy: Flag[];
  /**
   * Flags that leave the weakness possible only under a condition the code does not show (the
   * page's own path starts with `//` only where it is served at one): findings whose strand
   * carries one are `medium` precision.
   */
  weakenedBy?: Flag[];
  /** Guard shapes that protect a sink when the guarding `if` checks the flowing value. */
  guards: GuardKind[];
  /** Computed-member assignments with tainted keys (`obj[a][b] = v`): prototype pollution. */
  taintedKeyWrite?: boolean;
  /** Computed-member calls with tainted method names (`handlers[name]()`). */
  taintedMethodCall?: boolean;
  /**
   * A literal regex (or a `const` holding one) that backtracks polynomially, run over text:
   * `re.test(s)`, `re.exec(s)`, `s.match(re)`, `s.replace(re, …)`, `s.split(re)`; the text is the sink.
   */
  slowRegexInput?: boolean;
  /**
   * `for (…; i < x.length; …)` where `x` may be an object the client built (`req.body`): it sends
   * `{ "length": 1e9 }` and the loop runs a billion times. `x` is the sink.
   */
  loopBoundInput?: boolean;
  /**
   * An equality test deciding an `if` whose two sides come from different parts of the same request
   * (`req.cookies.user === req.params.id`): the client writes both, so the test proves nothing. The
   * comparison is the sink.
   */
  comparedRequestParts?: boolean;
  /**
   * Keys that make an object literal a sink in an argument of any call the rule's sinks do not name
   * and the program does not define (`$where` runs JavaScript whichever query API takes it): the
   * finding stands at the key's value, as a dangerous key's does (SinkSpec.dangerousKeys).
   */
  anyCallKeys?: { keys: string[]; label: string };
}

export const DEFAULT_SOURCE_KINDS: readonly SourceKind[] = ['remote', 'cli', 'dom', 'storage'];
