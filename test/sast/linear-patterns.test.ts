import { describe, expect, it } from 'vitest';
import { sastRules } from '../../rules/index.ts';
import { findRegexProblem } from '../../src/sast/regex-safety.ts';
import { frameworkModels } from '../../src/sast/models/index.ts';
import { ruleApplies } from '../../src/sast/rule.ts';
import { mayHoldSources } from '../../src/sast/taint/models.ts';
import { DETECTORS, findSecrets } from '../../src/sast/secrets/index.ts';
import { sampleSecrets } from '../../src/sast/secrets/samples.ts';
import { expectLinear, fill, type Adversary } from '../support/linear-time.ts';

/** Ordinary source text: identifiers, strings, numbers, a URL, a base64 blob; no secrets. */
const BENIGN = [
  "import { readFile } from 'node:fs/promises';\n",
  'export async function loadConfig(path: string, retries = 3): Promise<Config> {\n',
  "  const url = new URL('https://example.org/api/v2/items?page=1&sort=desc');\n",
  "  const blob = 'aGVsbG8gd29ybGQsIHRoaXMgaXMgbm90IGEgc2VjcmV0';\n",
  '  for (let i = 0; i < retries; i++) console.log(`try ${i} of ${retries}: ${path}`);\n',
  '}\n',
].join('');
const benign = (size: number) => fill(BENIGN, size);

/** Separators a pattern's runs may or may not eat: none, a token character, punctuation, space. */
const SEPARATORS = ['', '-', '.', ' '];

/**
 * Adversaries for one sample match: the sample repeated back to back (every match fails or
 * passes validation in turn), its prefixes repeated with each separator (near-matches: `sk-sk-…`),
 * and each prefix followed by one long run of the character after it (a quantifier that eats
 * everything).
 */
function adversariesFor(sample: string): Adversary[] {
  const cuts = new Set([1, 2, 3, 4, 5, 6, 8, 11, 16, Math.floor(sample.length / 2), sample.length - 1]);
  // Also cut after each punctuation mark of the head: `sk-proj-`, `xoxb-1-`, a whole PEM header line.
  for (let i = 1; i < Math.min(sample.length, 64); i++) if (/[^A-Za-z0-9]/.test(sample[i - 1]!)) cuts.add(i);
  const out: Adversary[] = [{ name: 'the sample repeated', text: (n) => fill(sample, n) }];
  for (const cut of [...cuts].filter((c) => c > 0 && c < sample.length)) {
    const prefix = sample.slice(0, cut);
    for (const sep of SEPARATORS)
      out.push({ name: `${JSON.stringify(prefix + sep)} repeated`, text: (n) => fill(prefix + sep, n) });
    const next = sample[cut]!;
    out.push({
      name: `${JSON.stringify(prefix)} then a run of ${JSON.stringify(next)}`,
      text: (n) => prefix + fill(next, n - prefix.length),
    });
  }
  return out;
}

describe('secret detectors run in time linear in their input', () => {
  const samples = sampleSecrets();

  it('has a sample for every detector, so each one below gets adversaries', () => {
    expect(DETECTORS.map((d) => d.id).filter((id) => !samples[id])).toEqual([]);
  });

  for (const detector of DETECTORS) {
    it(`${detector.id}: 1 MiB of adversarial text stays within budget`, () => {
      const sample = samples[detector.id]!;
      expect(findSecrets(sample).map((m) => m.detector.id)).toContain(detector.id);
      expectLinear(detector.id, findSecrets, benign, adversariesFor(sample));
    }, 120_000);
  }

  it('no detector pattern has a nested or overlapping quantifier', () => {
    const problems = DETECTORS.map((d) => [d.id, findRegexProblem(d.pattern)] as const).filter(([, p]) => p);
    expect(problems).toEqual([]);
  });
});

/** Literal runs of a regex source (`child_process`, `select`): the words its near-matches are made of. */
function literalWords(source: string): string[] {
  return [...new Set(source.match(/[A-Za-z_$][\w$]{2,}/g) ?? [])];
}

describe('rule hints run in time linear in their input', () => {
  const withHints = sastRules.filter((rule) => rule.hint);
  const words = [
    ...new Set(withHints.flatMap((r) => (r.hint instanceof RegExp ? literalWords(r.hint.source) : []))),
  ];
  /** Near-matches of every hint: each word cut short, and whole words with the glue SQL and names use. */
  const adversaries: Adversary[] = [
    ...words.flatMap((w): Adversary[] => [
      { name: `${w.slice(0, -1)} repeated`, text: (n) => fill(`${w.slice(0, -1)} `, n) },
      { name: `${w} then spaces`, text: (n) => w + fill(' ', n - w.length) },
    ]),
    ...['select ', 'update x ', 'where x ', 'insert ', 'delete ', 'create ', ')', '\\', '$', 'a.', '`'].map(
      (unit): Adversary => ({ name: `${JSON.stringify(unit)} repeated`, text: (n) => fill(unit, n) }),
    ),
  ];

  for (const rule of withHints) {
    it(`${rule.meta.id}: 1 MiB of adversarial text stays within budget`, () => {
      expectLinear(rule.meta.id, (text) => ruleApplies(rule, text), benign, adversaries);
    }, 120_000);
  }

  it('no hint regex has a nested or overlapping quantifier', () => {
    const problems = withHints
      .filter((r) => r.hint instanceof RegExp)
      .map((r) => [r.meta.id, findRegexProblem((r.hint as RegExp).source, (r.hint as RegExp).flags)] as const)
      .filter(([, p]) => p);
    expect(problems).toEqual([]);
  });
});

describe("framework models' source hints run in time linear in their input", () => {
  // Near-matches of each hint's shape: a request parameter never followed by a response, route
  // calls whose string never closes, imports that never name fetch, globals never read.
  const units = [
    'req ',
    'request x',
    '.get("',
    ".post('/",
    '.get(/',
    'require("a',
    'from "x',
    'import(',
    'process ',
    '= ',
    'location ',
    '(ctx',
    '( { params ',
    'export async function ',
    'addEventListener( "',
    // Leading comments are dropped before the second look: one never closed, one holding `${`.
    '/* (req, res)\n',
    '  /* ${ (req, res) */\n',
  ];
  const adversaries: Adversary[] = units.map((unit) => ({
    name: `${JSON.stringify(unit)} repeated`,
    text: (n) => fill(unit, n),
  }));

  it('1 MiB of adversarial text stays within budget', () => {
    // A page file's path: its own hints (FrameworkModel.fileHints) are tried too.
    expectLinear('source hints', (text) => mayHoldSources(text, 'app/page.tsx'), benign, adversaries);
  }, 120_000);

  it('no hint regex has a nested or overlapping quantifier', () => {
    const problems = frameworkModels
      .flatMap((m) => [...(m.hints ?? []), ...(m.fileHints ?? []).flatMap((f) => [f.file, ...f.hints])])
      .map((h) => [h, findRegexProblem(h, '')] as const)
      .filter(([, p]) => p);
    expect(problems).toEqual([]);
  });
});
