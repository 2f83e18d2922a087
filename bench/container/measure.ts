/**
 * One measurement in a fresh process, so peak RSS belongs to it alone:
 *   npx node bench/container/measure.ts gunzip|scan <oci-layout>
 * Prints one JSON line: { mode, ms (wall), cpuMs (user+system, robust on a busy machine), maxRssMb, … }.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { LAYER_CONCURRENCY, mapLimit, scanImage } from '../../src/container/scanner.ts';
import { openOciLayout } from '../../src/container/sources/oci-layout.ts';

const [mode, layout] = process.argv.slice(2);
if (!layout || (mode !== 'gunzip' && mode !== 'scan'))
  throw new Error('usage: measure.ts gunzip|scan <oci-layout>');
const source = await openOciLayout(layout, 'bench');
const started = performance.now();
const cpuStart = process.cpuUsage();
let bytes = 0;
if (mode === 'gunzip') {
  // The floor: read every layer blob and gunzip it, nothing else, as many layers at once as the
  // scan reads (sequential gunzip would hand the scan a wall-clock head start on a second core).
  await mapLimit(source.layers, LAYER_CONCURRENCY, async (layer) => {
    const hex = layer.digest!.slice(7);
    await pipeline(
      createReadStream(join(layout, 'blobs/sha256', hex)),
      createGunzip({ chunkSize: 256 * 1024 }), // the output chunk size the scanner uses (faster for gunzip alone too)
      new Writable({
        write(chunk: Buffer, _e, done) {
          bytes += chunk.length;
          done();
        },
      }),
    );
  });
} else {
  const report = await scanImage(source, {});
  bytes = report.packages.length;
  if (report.diagnostics.some((d) => d.level === 'error'))
    throw new Error(JSON.stringify(report.diagnostics));
}
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as { manifests: unknown[] };
console.log(
  JSON.stringify({
    mode,
    ms: Math.round(ms),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    layers: source.layers.length,
    bytes,
    manifests: index.manifests.length,
  }),
);
