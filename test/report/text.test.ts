import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderText, terminalSafe } from '../../src/report/text.ts';
import { sampleResult } from './sample-result.ts';

const plain = renderText(sampleResult(), { failOn: 'high' });
const lines = plain.split('\n');

function indexOfLine(text: string): number {
  const i = lines.findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`no line with ${text}\n${plain}`);
  return i;
}

describe('text report', () => {
  it('prints no escape codes without colour, and the same text with colour', () => {
    expect(plain).not.toContain('\u001b');
    const colored = renderText(sampleResult(), { failOn: 'high', color: true });
    expect(colored).toContain('\u001b[');
    expect(stripVTControlCharacters(colored)).toBe(plain);
  });

  it('groups by file, the most severe first (then by name), packages inside their lockfile', () => {
    const headers = lines.filter((l) => l !== '' && !l.startsWith(' ')).slice(0, 8);
    expect(headers).toEqual([
      'package-lock.json',
      'src/odd|name <b>`x`.ts',
      'yarn.lock',
      'config/aws.ts',
      'registry.example/app:1.0 (image)',
      'src/routes/users.ts',
      'src/auth.ts',
      'Dockerfile',
    ]);
    const reversed = { ...sampleResult(), findings: sampleResult().findings.reverse() };
    expect(renderText(reversed, { failOn: 'high' })).toBe(plain);
  });

  it('shows a package section with its fix, paths and its findings, most serious first', () => {
    const start = indexOfLine('lodash@4.17.20 (npm)');
    expect(lines[start]).toBe(
      '  lodash@4.17.20 (npm)  transitive  fixed in 4.17.21  (lockfile refresh suffices)',
    );
    expect(lines.slice(start + 1, start + 3)).toEqual([
      '    path: app → express-utils → lodash',
      '    path: app → lodash',
    ]);
    expect(lines[start + 3]).toMatch(
      /^ {4}\[CRITICAL\] +GHSA-35jh-r3h4-6jhm {2}42:1 {2}Command injection in lodash$/,
    );
    expect(indexOfLine('GHSA-29mw-wpgm-hmr9  42:1')).toBeGreaterThan(start + 3);
    expect(plain).toContain('    layer: layer 3 sha256:bbbbbbbbbbbb (RUN apt-get install -y openssl)');
  });

  it('shows a finding with its badge, location, snippet, taint flow and fix', () => {
    const at = indexOfLine('sql-injection  12:18');
    expect(lines.slice(at, at + 10)).toEqual([
      '  [HIGH]      sql-injection  12:18  SQL injection',
      '      User input from req.query.id reaches a SQL query.',
      '      │ db.query("SELECT * FROM users WHERE id = " + userId)',
      '      cwe: CWE-89',
      '      flow:',
      '        1. source src/routes/users.ts:10:14  Source: req.query.id (Express request)',
      '        2. step   src/routes/users.ts:11:9  Assigned to userId',
      '        3. sink   src/routes/users.ts:12:18  Sink: SQL text passed to db.query',
      '      fix: Use a parameterised query.',
      '        + db.query("SELECT * FROM users WHERE id = ?", [userId])',
    ]);
  });

  it('hides suppressed findings but counts them; shows them on request', () => {
    expect(plain).not.toContain('src/cache.ts');
    expect(plain).toContain('9 findings: 3 critical, 3 high, 2 medium, 1 low (1 suppressed, not shown)');
    const shown = renderText(sampleResult(), { showSuppressed: true });
    expect(shown).toContain('src/cache.ts');
    expect(shown).toContain('suppressed (inline): Cache key only, not a security use.');
    expect(shown).toContain('(1 suppressed)');
  });

  it('summarises diagnostics at the end, errors first', () => {
    const at = indexOfLine('Diagnostics: 1 error, 1 warning, 1 note');
    expect(lines.slice(at + 1, at + 4)).toEqual([
      "  error    src/broken.ts:3  Unexpected token ')' [sast]",
      '  warning  public/app.min.js  Skipped: minified bundle [walker]',
      '  note     OSV database is 3 days old [sca]',
    ]);
  });

  it('says whether the fail-on threshold was met', () => {
    expect(plain.trimEnd().split('\n').at(-1)).toBe('fail-on high: 6 findings at or above high — failed');
    const clean = {
      ...sampleResult(),
      findings: sampleResult().findings.filter((f) => f.severity === 'low'),
    };
    expect(renderText(clean, { failOn: 'high' })).toContain(
      'fail-on high: nothing at or above high — passed',
    );
    expect(renderText(clean, {})).not.toContain('fail-on');
    expect(renderText({ ...clean, findings: [], diagnostics: [] }, {})).toBe('No findings\n');
  });

  it('never lets scanned text drive the terminal', () => {
    const result = sampleResult();
    result.findings[0]!.message = 'evil \u001b[2J\u001b]0;title\u0007 text\r\nnext';
    result.findings[0]!.location.path = 'src/\u001b[31mred.ts';
    const out = renderText(result, { color: false });
    const controls = [...out].filter((ch) => ch !== '\n' && (ch < ' ' || (ch >= '\u007f' && ch <= '\u009f')));
    expect(controls).toEqual([]);
    expect(out).toContain('evil \\u001b[2J\\u001b]0;title\\u0007 text next');
    expect(terminalSafe('a\u009bb')).toBe('a\\u009bb');
  });

  it('bounds long lines and snippets', () => {
    const result = sampleResult();
    result.findings[0]!.message = 'x'.repeat(10_000);
    result.findings[0]!.location.snippet = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n');
    const out = renderText(result, {});
    expect(Math.max(...out.split('\n').map((l) => l.length))).toBeLessThan(300);
    expect(out).toContain('│ … 46 more lines');
  });

  it('folds skipped files into one line per reason, unless --verbose', () => {
    const skipped = (path: string, message: string) => ({
      level: 'note' as const,
      path,
      message,
      source: 'walker',
    });
    const result = {
      ...sampleResult(),
      diagnostics: [
        ...Array.from({ length: 70 }, (_, i) => skipped(`img/${i}.png`, 'skipped: binary file')),
        skipped('dist/app.min.js', 'skipped: minified file'),
        skipped('data/big.json', 'skipped: 3.0 MiB is over the 1.0 MiB size limit'),
        { level: 'error' as const, path: 'src/bad.ts', message: 'cannot parse', source: 'sast' },
      ],
    };
    const folded = renderText(result, {});
    expect(folded).toContain('72 files skipped: 70 binary, 1 minified, 1 over the size limit');
    expect(folded).toContain('src/bad.ts  cannot parse');
    expect(folded).not.toContain('img/3.png');
    const verbose = renderText(result, { verbose: true });
    expect(verbose).toContain('img/3.png  skipped: binary file');
    expect(verbose).not.toContain('files skipped:');
  });

  it('names the other sources that reach a sink', () => {
    const result = sampleResult();
    const sql = result.findings.find((f) => f.ruleId === 'sql-injection')!;
    sql.otherFlows = [
      [{ location: { ...sql.location, startLine: 40, endLine: 40 }, message: 'source: req.body.id' }],
    ];
    expect(stripVTControlCharacters(renderText(result, {}))).toContain(
      'also from: src/routes/users.ts:40:18',
    );
  });
});
