import type { SinkSpec } from '../taint/spec.ts';

/**
 * APIs that compile or run their argument as JavaScript, per library, from each library's
 * documented API. A sandbox's context object is data the code can read, not code, so it is not a
 * sink here; only the code text is. The js/code-injection rule reads these.
 */
export const CODE_SINKS: SinkSpec[] = [
  { call: ['eval', 'Function'], args: 'all', label: 'code evaluation' },
  { call: ['setTimeout', 'setInterval', 'setImmediate'], label: 'a timer given code as a string' },
  {
    call: [
      'vm.runInNewContext',
      'vm.runInThisContext',
      'vm.runInContext',
      'vm.compileFunction',
      'vm.Script',
      'vm.SourceTextModule',
    ],
    label: 'code run by the vm module',
  },
  {
    // vm2: new VM().run(code), new NodeVM().run(code), new VMScript(code); isolated-vm scripts.
    call: [
      'vm2.VM().run',
      'vm2.NodeVM().run',
      'vm2.VMScript',
      'isolated-vm.Isolate().compileScript',
      'isolated-vm.Isolate().compileScriptSync',
      'isolated-vm.Isolate().compileModule',
      'isolated-vm.Isolate().compileModuleSync',
    ],
    label: 'code run in a sandbox',
  },
  {
    // math.js's expression parser escaped its sandbox to run JavaScript before 3.17.0
    // (CVE-2017-1001002, CVE-2017-1001003); a package that declares only later versions is skipped.
    call: ['mathjs.eval', 'mathjs.evaluate', 'mathjs.compile', 'mathjs.parse'],
    args: [0],
    fixedFrom: { mathjs: '3.17.0' },
    label: "math.js's expression parser before 3.17 (its sandbox escapes run code)",
  },
  {
    // "Safe" evaluators that still run their input as JavaScript (each has known escapes);
    // static-eval evaluates the AST a parser made of the input.
    call: ['safe-eval', 'safer-eval', 'sandbox().run', 'notevil', 'static-eval'],
    label: 'code run by an evaluator library',
  },
];

/** Module loading: `require(x)` and `import(x)` run whatever file or package x names. */
export const MODULE_LOAD_SINKS: SinkSpec[] = [
  { call: ['require', 'module.require', 'import'], args: [0], label: 'a module to load' },
];

/**
 * Deserialisers that can rebuild functions from their input (node-serialize's `_$$ND_FUNC$$_`,
 * funcster, serialize-to-js, cryo's prototypes, js-yaml's `!!js/function`): the js/unsafe-
 * deserialization rule reads these.
 */
/** Deserialisers that rebuild functions from any input, whatever their options. */
export const CODE_DESERIALISERS = [
  'node-serialize.unserialize',
  'funcster.deepDeserialize',
  'serialize-to-js.deserialize',
  'cryo.parse',
  'yaml-js.load',
];

export const DESERIALISE_SINKS: SinkSpec[] = [
  {
    call: CODE_DESERIALISERS,
    args: [0],
    label: 'a deserialiser that can run code',
  },
  {
    // js-yaml 3's full schema (`yaml.load(x, { schema: DEFAULT_FULL_SCHEMA })`) or js-yaml 4 extended
    // with js-yaml-js-types.
    call: ['js-yaml.load', 'js-yaml.loadAll', 'js-yaml.safeLoad'],
    args: [0],
    when: [{ arg: 1, key: 'schema', present: true, matches: 'FULL|unsafe|js-types|JS_TYPES' }],
    label: 'js-yaml with the full schema',
  },
  {
    // js-yaml 3's `load` defaults to the full schema (`!!js/function`); `safeLoad` does not. Which
    // major a file gets is its package's: a range admitting 3 or older (`^3.14.0`) makes it one.
    call: ['js-yaml.load', 'js-yaml.loadAll'],
    args: [0],
    declared: { module: 'js-yaml', below: 4 },
    label: "js-yaml 3's load (full schema by default)",
  },
  {
    // …and where no package.json in view declares js-yaml its version is unknown: js-yaml 3 is still
    // installed widely (a transitive or hoisted dependency), so the same load is a likely weakness.
    call: ['js-yaml.load', 'js-yaml.loadAll'],
    args: [0],
    declared: { module: 'js-yaml', below: 4, unknownOnly: true },
    // A schema named is judged by the first entry (a full one) or chosen with care (a safe one).
    when: [{ arg: 1, key: 'schema', present: false }],
    precision: 'medium',
    label: "js-yaml's load, of a version no package.json in view declares",
  },
];
