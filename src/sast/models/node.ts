import type { FrameworkModel } from '../taint/spec.ts';
import { FS_OPAQUE_RESULTS } from './fs.ts';

/** Array methods whose callback is handed each element, and the parameter it comes as. */
export const ARRAY_CALLBACKS: ReadonlyArray<{ method: string; param: number }> = [
  ...['map', 'forEach', 'filter', 'find', 'findLast', 'flatMap', 'some', 'every', 'sort', 'findIndex'].map(
    (method) => ({ method, param: 0 }),
  ),
  { method: 'reduce', param: 1 },
  { method: 'reduceRight', param: 1 },
];

/** Node itself: command-line arguments, the environment (weak), stdin, WebSocket messages, archives. */
export const node: FrameworkModel = {
  framework: 'node',
  // How code reaches process.argv/env (`process.argv`, `= process`, `require('process')`) and the
  // listeners given a role.
  hints: [
    '\\bprocess\\s*(\\.\\s*(argv|env)\\b|\\[)',
    '=\\s*process\\b',
    '[\'"](node:)?process[\'"]',
    'createServer',
    '\\b(on|once|addListener)\\s*\\(\\s*[\'"](message|entry)[\'"]',
    '\\b(getEntries|entryName)\\b',
    'readline-sync',
  ],
  handlers: [
    { framework: 'node', call: 'http.createServer', params: ['@Request', '@Response'] },
    { framework: 'node', call: 'https.createServer', params: ['@Request', '@Response'] },
    // A message between this program's own processes and threads (IPC from the parent, a worker's
    // reply) is its own data, not a client's: these take the pattern before `*.on` does.
    ...['process.on', 'worker_threads.parentPort.on', 'child_process.fork().on', 'cluster.fork().on'].map(
      (call) => ({ framework: 'node', call, firstArg: 'message', params: ['@OwnProcessMessage'] }),
    ),
    { framework: 'node', call: '*.on', firstArg: 'message', params: ['@WebSocketMessage'] },
    { framework: 'node', call: '*.on', firstArg: 'entry', params: ['@ArchiveEntry'] },
  ],
  opaqueResults: FS_OPAQUE_RESULTS,
  sources: [
    { path: 'process.argv', kind: 'cli', label: 'process.argv' },
    { path: 'process.env', kind: 'env', label: 'process.env' },
    { path: '@WebSocketMessage', kind: 'remote', label: 'WebSocket message' },
    { path: '@ArchiveEntry.path', kind: 'archive', label: 'archive entry path' },
    { path: '@ArchiveEntry.fileName', kind: 'archive', label: 'archive entry fileName' },
    // tar-stream: `extract.on('entry', (header, stream, next) => …)`, the entry's name in `header.name`.
    { path: '@ArchiveEntry.name', kind: 'archive', label: 'archive entry name' },
    { path: '*.getEntries().entryName', kind: 'archive', label: 'zip entry name' },
    // A whole archive read into memory: every name in it is the archive's (`directory.files[i].path`,
    // JSZip's `zip.files` keys and `zip.forEach((relativePath, file) => …)`).
    ...['file', 'buffer', 'url', 's3', 's3_v3', 'custom'].map((m) => ({
      path: `unzipper.Open.${m}`,
      call: true,
      kind: 'archive' as const,
      label: `unzipper.Open.${m}()`,
    })),
    ...['jszip.loadAsync', 'jszip().loadAsync'].map((path) => ({
      path,
      call: true,
      kind: 'archive' as const,
      label: 'JSZip.loadAsync()',
    })),
    { path: 'readline-sync.question', call: true, kind: 'cli', label: 'readline-sync question()' },
  ],
  // Array, Promise and event callbacks: the receiver's data arrives as this parameter.
  callbacks: [...ARRAY_CALLBACKS, { method: 'then', param: 0 }],
};
