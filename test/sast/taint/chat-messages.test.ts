/**
 * Chat message lists as sinks (SinkSpec.roles), framed prompts (SinkSpec.framed) and a sink's own
 * precision (SinkSpec.precision), through js/prompt-injection: a model's instructions are proven
 * sinks; the user's seat is one only for text the program wrote around the data, at low precision,
 * also when a helper in another file builds it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import promptInjection from '../../../rules/js/prompt-injection.ts';
import { runRules } from '../../../src/sast/engine.ts';
import { scanJsFiles } from '../../../src/sast/workers/index.ts';

const scan = (code: string) =>
  runRules('app.ts', code, [promptInjection]).findings.map(
    (f) => `${f.location.startLine} ${f.precision} ${f.message}`,
  );

describe('chat message lists', () => {
  it('reports instructions very-high and a framed user prompt low, a raw one not at all', () => {
    const code = `import OpenAI from 'openai';
import { generateText } from 'ai';
const openai = new OpenAI();
app.post('/chat', async (req, res) => {
  await openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: \`Summarise this review: \${req.body.review}\` }] });
  await openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: req.body.review }] });
  await generateText({ model, prompt: 'Translate into French: ' + req.body.text });
  await generateText({ model, prompt: req.body.text });
  await openai.chat.completions.create({ model: 'm', messages: [
    { role: 'system', content: 'Answer as ' + req.body.persona },
    { role: 'user', content: \`Rate this: \${req.body.review}\` },
  ] });
});`;
    expect(scan(code)).toEqual([
      "5 low Untrusted data from request body (line 5) reaches a prompt of the program's own for a language model (user message).",
      "7 low Untrusted data from request body (line 7) reaches a prompt of the program's own for a language model (prompt).",
      // Both seats at one call: one finding, the instructions' (a more precise flow replaces a less precise one).
      '9 very-high Untrusted data from request body (line 10) reaches the instructions of a language model (system message).',
    ]);
  });

  it('reports a message list the client built, whose roles it chooses, at medium', () => {
    const code = `import OpenAI from 'openai';
const openai = new OpenAI();
app.post('/chat', async (req, res) => {
  await openai.chat.completions.create({ model: 'm', messages: req.body.messages });
  await openai.chat.completions.create({ model: 'm', messages: [{ role: 'system', content: 'Be brief.' }, ...req.body.history] });
  await openai.chat.completions.create({ model: 'm', messages: req.body.history.map((m) => ({ role: 'user', content: m.text })) });
});`;
    expect(scan(code)).toEqual([
      '4 medium Untrusted data from request body (line 4) reaches the instructions of a language model (messages whose role the client chooses).',
      '5 medium Untrusted data from request body (line 5) reaches the instructions of a language model (messages whose role the client chooses).',
    ]);
  });

  it('reads a message list from a variable declared with one and pushed to, not from one assigned again', () => {
    const code = `import OpenAI from 'openai';
const openai = new OpenAI();
app.post('/a', async (req, res) => {
  const messages = [{ role: 'user', content: req.body.q }];
  messages.push({ role: 'system', content: req.body.rules });
  await openai.chat.completions.create({ model: 'm', messages });
});
app.post('/b', async (req, res) => {
  let messages = [{ role: 'system', content: req.body.rules }];
  messages = [{ role: 'system', content: 'fixed' }];
  await openai.chat.completions.create({ model: 'm', messages });
});`;
    expect(scan(code)).toEqual([
      '6 very-high Untrusted data from request body (line 5) reaches the instructions of a language model (system message).',
    ]);
  });

  it('carries a framed prompt built by a helper in another file at low precision', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-prompt-'));
    try {
      await writeFile(
        join(dir, 'llm.ts'),
        `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
export function classify(text: string) {
  return anthropic.messages.create({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'Classify this ticket: ' + text }] });
}
export function persona(who: string) {
  return anthropic.messages.create({ model: 'm', max_tokens: 10, system: who, messages: [] });
}`,
      );
      await writeFile(
        join(dir, 'app.ts'),
        `import { classify, persona } from './llm.ts';
app.post('/t', (req, res) => { classify(req.body.text); persona(req.body.who); });`,
      );
      const files = ['llm.ts', 'app.ts'].map((path) => ({ path, absPath: join(dir, path) }));
      const result = await scanJsFiles(files, { rules: [promptInjection], root: dir, workers: 0 });
      expect(result.findings.map((f) => `${f.location.path}:${f.location.startLine} ${f.precision}`)).toEqual(
        ['llm.ts:4 low', 'llm.ts:7 very-high'],
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
