import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runIacRules } from '../../src/iac/engine.ts';
import { iacRules } from '../../rules/iac-index.ts';

/**
 * Hostile and half-written files built from the pieces that trip parsers: continuations,
 * heredoc markers, quotes, flags, JSON brackets, `${{`, YAML indicators. No input may throw, and
 * no rule may crash (a crash becomes a `rule … failed` diagnostic, which these tests forbid).
 */
const dockerPieces = [
  'FROM ',
  'RUN ',
  'USER ',
  'ENV ',
  'ARG ',
  'ADD ',
  'COPY ',
  'EXPOSE ',
  'HEALTHCHECK ',
  'CMD ',
  'ONBUILD ',
  'node:20',
  'AS b',
  'b',
  'scratch',
  '${A}',
  '${A:-x}',
  '$A',
  '--platform=x ',
  '--mount=type=cache,target=/var/lib/apt ',
  '--checksum=sha256:0 ',
  'https://x/y',
  ' | ',
  ' && ',
  ' || ',
  ';',
  '\\\n',
  '`\n',
  '\n',
  '\n\n',
  '# c\n',
  '# escape=`\n',
  '<<EOF',
  '<<-"E"',
  'EOF\n',
  '\tE\n',
  '"',
  "'",
  '$(',
  ')',
  '<(',
  '[',
  ']',
  '["sh", "-c", "curl x | sh"]',
  '=',
  ' ',
  'apt-get install -y',
  'apk add',
  'curl -fsSL u',
  'sh',
  'sudo',
  'chmod 777',
  'rm -rf /var/lib/apt/lists/*',
  'root',
  'TOKEN=abc123def',
  'API_KEY',
  '\r\n',
  '\u0000',
  '\uFFFD',
];
const yamlPieces = [
  'on: ',
  'push',
  'pull_request_target',
  '[push, issue_comment]',
  'jobs:',
  'permissions: ',
  'write-all',
  '{}',
  'a:',
  'steps:',
  '- ',
  'uses: ',
  'actions/checkout@v4',
  './x',
  'docker://a',
  'run: ',
  '|',
  '>-',
  'with:',
  'ref: ',
  'env:',
  'secrets: ',
  'inherit',
  '${{ github.event.issue.title }}',
  '${{ secrets.X }}',
  '${{',
  '}}',
  'refs/pull/1/merge',
  'gh pr checkout 1',
  '\n',
  '\n  ',
  '\n    ',
  '\n      ',
  '  ',
  '"',
  "'",
  '&a ',
  '*a',
  '!!str ',
  '? ',
  ': ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '#',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '\t',
  '\u0000',
];

const textFrom = (pieces: string[]) =>
  fc.array(fc.constantFrom(...pieces), { maxLength: 80 }).map((p) => p.join(''));

function assertNoCrash(path: string, text: string): void {
  const result = runIacRules(path, text, iacRules);
  const crashes = result.diagnostics.filter((d) => d.message.startsWith('rule '));
  expect(crashes).toEqual([]);
  for (const d of result.diagnostics) expect(d.path).toBe(path);
  for (const f of result.findings) {
    expect(f.location.startLine).toBeGreaterThanOrEqual(1);
    expect(f.location.startColumn).toBeGreaterThanOrEqual(1);
  }
}

describe('IaC parsers and rules on hostile input', () => {
  it('Dockerfiles', () => {
    fc.assert(
      fc.property(textFrom(dockerPieces), (text) => assertNoCrash('Dockerfile', text)),
      { numRuns: 400 },
    );
  });

  it('workflows', () => {
    fc.assert(
      fc.property(textFrom(yamlPieces), (text) => assertNoCrash('.github/workflows/f.yml', text)),
      { numRuns: 400 },
    );
  });

  it('arbitrary unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        assertNoCrash('Dockerfile', text);
        assertNoCrash('.github/workflows/f.yml', text);
      }),
      { numRuns: 200 },
    );
  });
});
