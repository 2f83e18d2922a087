/** Web Worker scripts by name and text (src/sast/taint/worker-script.ts). */
import { describe, expect, it } from 'vitest';
import { isWorkerScript } from '../../../src/sast/taint/worker-script.ts';

describe('isWorkerScript', () => {
  it.each([
    ['src/stylesheet.worker.ts', ''],
    ['public/sw.js', ''],
    ['src/service-worker.js', ''],
    ['src/worker.mjs', ''],
    ['src/compile.ts', '/// <reference lib="webworker" />\nself.onmessage = () => {};'],
    ['public/legacy.js', "importScripts('lib.js');"],
  ])('%s is one', (path, text) => {
    expect(isWorkerScript(path, text)).toBe(true);
  });

  it.each([
    ['src/workers.ts', ''],
    ['src/networker.ts', ''],
    ['src/page.ts', "window.addEventListener('message', (e) => {});"],
    ['src/start.ts', "new Worker(new URL('./x.worker.ts', import.meta.url));"],
  ])('%s is not', (path, text) => {
    expect(isWorkerScript(path, text)).toBe(false);
  });
});
