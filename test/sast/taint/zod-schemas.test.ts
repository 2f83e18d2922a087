/**
 * zod object schemas say what each field lets through: a request value parsed with one
 * (`schema.parse(x)`, `schema.safeParse(x).data`) reads a `z.number()`, enum or UUID field as a
 * value no injection uses and a `z.string().max(n)` field as short text, in the same file and
 * through an imported schema's summary. Plain strings, transforms and values joined with unparsed
 * data keep their taint.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../../src/sast/engine.ts';
import pathRule from '../../../rules/js/path-traversal.ts';
import redosRule from '../../../rules/js/polynomial-redos.ts';
import { findingsOf, treeForBlock } from '../../support/sast-tree.ts';

function lines(code: string): number[] {
  const result = runRules('case.ts', code, [pathRule, redosRule]);
  expect(result.diagnostics).toEqual([]);
  return result.findings
    .filter((f) => f.flow)
    .map((f) => f.location.startLine)
    .sort((a, b) => a - b);
}

const head = `import fs from 'node:fs';
import { z } from 'zod';
const app = require('express')();
const Schema = z.object({
  id: z.number(),
  kind: z.enum(['a', 'b']),
  owner: z.string().uuid(),
  name: z.string().trim().max(200).nullish(),
  path: z.string(),
  slug: z.string().transform((s) => s.toLowerCase()),
  collection: z.object({ id: z.coerce.number(), title: z.string() }).strict(),
}).strict();
`;
/** The handler's first line is line 14. */
const handler = (...body: string[]) => head + `app.post('/x', async (req, res) => {\n${body.join('\n')}\n});`;

describe('zod object schemas in the same file', () => {
  it('reads numbers, enums, formats and nested objects as values no injection uses', () => {
    const code = handler(
      'const v = Schema.safeParse(req.body);',
      'if (!v.success) return;',
      'fs.readFileSync(`a/${v.data.id}/${v.data.kind}/${v.data.owner}`);',
      'const p = await Schema.parseAsync(req.body);',
      'fs.readFileSync(`a/${p.collection.id}`);',
      "res.send(String(p.name).replace(/\\s+$/, ''));",
      // Trimmed or lower-cased, short text stays short.
      "res.send(p.name?.trim().toLowerCase().replace(/\\s+$/, ''));",
    );
    expect(lines(code)).toEqual([]);
  });

  it('keeps plain strings, transforms, nested strings and values not parsed', () => {
    const code = handler(
      'const p = Schema.parse(req.body);',
      'fs.readFileSync(`a/${p.path}`);',
      'fs.readFileSync(`a/${p.slug}`);',
      'fs.readFileSync(`a/${p.collection.title}`);',
      'let q = Schema.parse(req.body);',
      'if (req.query.raw) q = req.body;',
      'fs.readFileSync(`a/${q.id}`);',
    );
    expect(lines(code)).toEqual([15, 16, 17, 20]);
  });
});

describe('zod object schemas across files', () => {
  const tree = {
    'package.json': '{ "name": "app", "dependencies": { "express": "^4.18.0", "zod": "^3.22.0" } }',
    'languages.ts': `import { z } from 'zod';
export const Language = z.enum(['en', 'de', 'fr']);
`,
    'base.ts': `import { z } from 'zod';
import { Language } from './languages';
export const BaseSchema = z.object({ language: Language.optional(), title: z.string() });
`,
    'schemas.ts': `import { z } from 'zod';
import { BaseSchema } from './base';
// Composed: a base schema imported and extended, a field given as an imported schema constant.
export const UpdateLinkSchema = BaseSchema.extend({ collection: z.object({ id: z.number() }), name: z.string() });
`,
    'routes.ts': `import fs from 'node:fs';
import express from 'express';
import { UpdateLinkSchema } from './schemas';
const app = express();
app.post('/links', (req, res) => {
  const checked = UpdateLinkSchema.safeParse(req.body);
  if (!checked.success) return res.sendStatus(400);
  fs.renameSync('a', \`archives/\${checked.data.collection.id}\`);
  fs.renameSync('a', \`archives/\${checked.data.name}\`);
  fs.renameSync('a', \`archives/\${checked.data.language}\`);
  fs.renameSync('a', \`archives/\${checked.data.title}\`);
  res.end();
});
`,
  };
  const dir = treeForBlock(tree);

  it("reads an imported schema's checks from its summary, through constants and extend", async () => {
    const found = await findingsOf(dir(), tree, 'js/path-traversal');
    expect(found.map((f) => `${f.location.path}:${f.location.startLine}`).sort()).toEqual([
      'routes.ts:11',
      'routes.ts:9',
    ]);
  });
});
