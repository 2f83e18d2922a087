/**
 * Is a file a Web Worker's own script (dedicated, shared or service worker)? Its global `message`
 * events come from the pages of its own origin that started it or share it, running the program's
 * own code: no other site can post to it (the window's `message` event is another matter). Known
 * by the bundlers' naming convention (`stylesheet.worker.ts`, `worker.js`, `sw.js`,
 * `service-worker.js`), TypeScript's `/// <reference lib="webworker" />` or `importScripts(…)`.
 */
const WORKER_NAME = /(?:^|[./_-])(?:worker|sw|service-?worker)\.[cm]?[jt]sx?$/i;
const WORKER_TEXT = /\/\/\/\s*<reference\s+lib\s*=\s*["']webworker["']|\bimportScripts\s*\(/;

export function isWorkerScript(filename: string, text: string): boolean {
  return WORKER_NAME.test(filename.slice(filename.lastIndexOf('/') + 1)) || WORKER_TEXT.test(text);
}
