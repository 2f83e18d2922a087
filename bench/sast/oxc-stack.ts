/**
 * How much native stack Oxc's parser needs per character of text, shape by shape: the figure
 * behind OXC_STACK_BYTES_PER_CHAR (src/sast/parse.ts). For each shape, a binary search for the
 * deepest nesting that parses on a worker thread with a 16 MB stack; each try runs in a child
 * process, since overflowing the native stack is a segmentation fault that kills the process.
 * Usage: npx node bench/sast/oxc-stack.ts (about a minute).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseSync } from 'oxc-parser';

const STACK_MB = 16;

const SHAPES: Record<string, (n: number) => string> = {
  paren: (n) => `x = ${'('.repeat(n)}1${')'.repeat(n)}`,
  array: (n) => `x = ${'['.repeat(n)}${']'.repeat(n)}`,
  object: (n) => `x = ${'{a:'.repeat(n)}1${'}'.repeat(n)}`,
  call: (n) => `x = ${'f('.repeat(n)}${')'.repeat(n)}`,
  not: (n) => `x = ${'!'.repeat(n)}a`,
  unary: (n) => `x = ${'-+'.repeat(n)}a`,
  assign: (n) => `${'a='.repeat(n)}1`,
  conditional: (n) => `x = ${'a?b:'.repeat(n)}c`,
  arrow: (n) => `x = ${'a=>'.repeat(n)}c`,
  new: (n) => `x = ${'new '.repeat(n)}A`,
  elseIf: (n) => `if(a)b;${'else if(a)b;'.repeat(n)}`,
  ifIf: (n) => `${'if(a)'.repeat(n)}b;`,
  jsx: (n) => `x = ${'<a>'.repeat(n)}${'</a>'.repeat(n)}`,
  label: (n) => `${'a:'.repeat(n)}x;`,
  block: (n) => `${'{'.repeat(n)}${'}'.repeat(n)}`,
  template: (n) => `x = ${'`${'.repeat(n)}1${'}`'.repeat(n)}`,
  class: (n) => `x = ${'class extends('.repeat(n)}A${'){}'.repeat(n)}`,
  function: (n) => `x = ${'function(){return '.repeat(n)}1${'}'.repeat(n)}`,
  spread: (n) => `x = ${'[...'.repeat(n)}a${']'.repeat(n)}`,
  await: (n) => `async function f(){x = ${'await '.repeat(n)}a}`,
  yield: (n) => `function* f(){x = ${'yield '.repeat(n)}a}`,
  pattern: (n) => `(${'[a='.repeat(n)}1${']'.repeat(n)}) => 1`,
  tsGeneric: (n) => `let x: ${'A<'.repeat(n)}B${'>'.repeat(n)}`,
  tsFunction: (n) => `let x: ${'()=>'.repeat(n)}B`,
  tsUnion: (n) => `let x: ${'(A|'.repeat(n)}B${')'.repeat(n)}`,
  tsTuple: (n) => `let x: ${'['.repeat(n)}${']'.repeat(n)}`,
  tsObject: (n) => `let x: ${'{a:'.repeat(n)}B${'}'.repeat(n)}`,
};

const self = fileURLToPath(import.meta.url);
const [role, shape, depth] = process.argv.slice(2);

if (!isMainThread) {
  const [name, n] = workerData as [string, number];
  try {
    // Reading `program` hands the tree over to JavaScript (raw transfer's deserialisation).
    void parseSync('a.tsx', SHAPES[name]!(n), {
      lang: name.startsWith('ts') ? 'ts' : 'jsx',
      astType: 'ts',
      range: true,
      experimentalRawTransfer: true,
    } as Parameters<typeof parseSync>[2]).program;
  } catch {
    // A JavaScript RangeError while the tree is handed over is an exception, not a crash.
  }
  parentPort!.postMessage('ok');
} else if (role === 'try') {
  // One try: a worker with the stack under test parses one shape at one depth.
  await new Promise((resolve) => {
    const worker = new Worker(self, {
      workerData: [shape, Number(depth)],
      resourceLimits: { stackSizeMb: STACK_MB },
    });
    worker.on('exit', resolve);
    worker.on('error', () => {});
  });
} else {
  let worst = 0;
  for (const [name, make] of Object.entries(SHAPES)) {
    let ok = 100;
    let crash = 2_000_000;
    while (crash / ok > 1.15) {
      const mid = Math.round(Math.sqrt(ok * crash));
      const run = spawnSync(process.execPath, [self, 'try', name, String(mid)]);
      if (run.status === 0) ok = mid;
      else crash = mid;
    }
    const perChar = (STACK_MB * 2 ** 20) / make(crash).length;
    worst = Math.max(worst, perChar);
    console.log(
      `${name.padEnd(12)} parses at depth ${ok}, crashes by ${crash}: ${perChar.toFixed(0)} bytes of stack per character`,
    );
  }
  console.log(
    `worst: ${worst.toFixed(0)} bytes per character (node ${process.version}, ${new Date().toISOString().slice(0, 10)})`,
  );
}
