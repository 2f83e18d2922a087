import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { AdvisoryDatabase } from '../../../src/sca/osv/db.ts';
import { fixesFor, isAffected } from '../../../src/sca/osv/match.ts';
import { OsvRecordError, parseRecordText } from '../../../src/sca/osv/schema.ts';
import { ZipReadError } from '../../../src/sca/osv/zip.ts';
import { corpusRecordFiles } from '../support/corpus.ts';
import { makeZip } from '../support/zip-writer.ts';

const files = corpusRecordFiles();
const texts = files.filter((_, i) => i % 7 === 0).map((f) => readFileSync(f, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'vigil-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Replace one value somewhere in a parsed record with an arbitrary JSON value. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const entries = Object.entries(value as object);
  if (entries.length === 0) return replacement;
  const [head, ...rest] = path;
  const k = head! % entries.length;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value)
    ? [...value]
    : { ...(value as object) };
  (copy as Record<string, unknown>)[entries[k]![0]] = mutate(entries[k]![1], rest, replacement);
  return copy;
}

const versions = fc.oneof(
  fc.constantFrom('0', '1.0.0', '2.88.2', 'v1.2.3', '1.0.0-rc.1', '', '.', '9'.repeat(40)),
  fc.string({ maxLength: 20 }),
);

describe('fuzz: OSV records', () => {
  it('a mutated or truncated real record parses, or fails naming its origin; matching never throws', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.jsonValue({ maxDepth: 3 }),
        fc.option(fc.nat(), { nil: undefined }),
        versions,
        (text, path, replacement, cut, version) => {
          const mutated =
            cut === undefined
              ? JSON.stringify(mutate(JSON.parse(text), path, replacement))
              : text.slice(0, cut % text.length);
          let record;
          try {
            record = parseRecordText(mutated, 'fuzz.json');
          } catch (error) {
            expect(error).toBeInstanceOf(OsvRecordError);
            expect((error as Error).message.startsWith('fuzz.json')).toBe(true);
            return;
          }
          for (const a of record.affected ?? []) {
            if (!a.package) continue;
            const pkg = { ...a.package, version };
            expect(typeof isAffected(record, pkg)).toBe('boolean');
            expect(Array.isArray(fixesFor(record, pkg).fixedVersions)).toBe(true);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('hostile shapes are refused plainly', () => {
    for (const text of [
      'null',
      '[]',
      '"x"',
      '{"id": 5}',
      '{"id": "A", "modified": "x", "affected": {}}',
      '{"id": "A", "modified": "x", "aliases": [1]}',
    ]) {
      expect(() => parseRecordText(text, 'h.json'), text).toThrow(OsvRecordError);
    }
  });
});

describe('fuzz: zip import', () => {
  const good = readFileSync(files[0]!);
  const archive = makeZip([
    { name: 'a.json', data: good, deflate: true },
    { name: 'b.json', data: good },
  ]);

  it('random, truncated and bit-flipped archives import or fail naming the file, never crash', async () => {
    const db = AdvisoryDatabase.open(join(dir, 'fuzz.db'), { create: true });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
          fc.nat().map((cut) => archive.subarray(0, cut % archive.length)),
          fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
            const copy = Buffer.from(archive);
            const i = at % copy.length;
            copy[i] = copy[i]! ^ x;
            return copy;
          }),
        ),
        async (bytes) => {
          const path = join(dir, `f${n++}.zip`);
          writeFileSync(path, bytes);
          try {
            const r = await db.importZip(path);
            for (const d of r.diagnostics) expect(d.path!.startsWith(path)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(ZipReadError);
            expect((error as Error).message.startsWith(path)).toBe(true);
          } finally {
            rmSync(path);
          }
        },
      ),
      { numRuns: 150 },
    );
    db.close();
  });
});
