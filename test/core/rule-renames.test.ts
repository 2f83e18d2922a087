/**
 * One id per weakness: the ids the taint and pattern halves had before they became one rule still
 * mean that rule wherever a user names one (rules:, ignore:, vigil-ignore comments, --rule), and
 * SARIF lists them as deprecatedIds. Scanned for real, with the shipped rules.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRuleIds } from '../../src/cli/rule-ids.ts';
import { parseConfig } from '../../src/core/config/loader.ts';
import { currentRuleId, previousRuleIds, RENAMED_RULES } from '../../src/core/rule-renames.ts';
import { runScan } from '../../src/core/scan.ts';
import { buildSarifLog } from '../../src/report/sarif.ts';
import { sastRules } from '../../rules/index.ts';
import { sastScanner } from '../../src/sast/scanner.ts';

const APP = `const { exec } = require('child_process');
app.get('/a', (req, res) => {
  exec('ls ' + req.query.dir);
  // vigil-ignore-next-line js/tainted-sql -- reviewed: the id is checked by the gateway
  db.query('SELECT * FROM t WHERE id = ' + req.query.id);
  res.json(new RegExp(req.query.re).test('x'));
});
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-renames-'));
  await writeFile(join(dir, 'app.js'), APP);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('renamed rule ids', () => {
  it('map every old id to a rule that ships, and back', () => {
    const shipped = new Set(sastRules.map((r) => r.meta.id));
    for (const [old, current] of RENAMED_RULES) {
      expect(shipped.has(old), old).toBe(false);
      expect(shipped.has(current), current).toBe(true);
      expect(previousRuleIds(current)).toContain(old);
    }
    expect(currentRuleId('JS/Tainted-SQL')).toBe('js/sql-injection');
    expect(currentRuleId('js/weak-hash')).toBe('js/weak-hash');
  });

  it('report one finding per weakness under the current id', async () => {
    const result = await runScan({ root: dir, scanners: [sastScanner] });
    const found = result.findings.map((f) => `${f.location.startLine} ${f.ruleId} ${f.precision}`);
    expect(found).toEqual([
      '3 js/command-injection very-high',
      '5 js/sql-injection very-high',
      '6 js/regexp-injection very-high',
    ]);
    // The comment names the old id of the SQL rule, and still suppresses it.
    expect(result.findings.find((f) => f.ruleId === 'js/sql-injection')?.suppression?.kind).toBe('inline');
  });

  it('apply rules: and ignore: entries written for an old id, with a note naming the new one', async () => {
    const { config, configSource } = parseConfig(
      [
        'rules:',
        '  js/tainted-regexp: off',
        '  js/tainted-sql: low',
        'ignore:',
        '  - id: js/tainted-command',
        '    reason: accepted until the gateway ships',
      ].join('\n'),
      '.vigil.yml',
    );
    const result = await runScan({ root: dir, config, configSource, scanners: [sastScanner] });
    expect(result.findings.map((f) => `${f.ruleId}=${f.severity}`).sort()).toEqual([
      'js/command-injection=critical',
      'js/sql-injection=low',
    ]);
    expect(result.findings.find((f) => f.ruleId === 'js/command-injection')!.suppression).toMatchObject({
      kind: 'config',
      justification: 'accepted until the gateway ships',
    });
    const notes = result.diagnostics.filter((d) => d.source === 'config').map((d) => d.message);
    expect(notes).toContain(
      'rules.js/tainted-regexp: "js/tainted-regexp" is now part of "js/regexp-injection", which it applies to; write the new id',
    );
  });

  it('select by an old id on the command line', async () => {
    expect(() => checkRuleIds(['js/tainted-command', 'js/regexp-non-literal'], '--rule')).not.toThrow();
    expect(() => checkRuleIds(['js/tainted-cmd'], '--rule')).toThrow(/no such rule/);
    const only = await runScan({
      root: dir,
      scanners: [sastScanner],
      select: { rules: { only: ['js/tainted-command'] } },
    });
    expect(only.findings.map((f) => f.ruleId)).toEqual(['js/command-injection']);
  });

  it('list the old ids as SARIF deprecatedIds', async () => {
    const result = await runScan({ root: dir, scanners: [sastScanner] });
    const rules = buildSarifLog(result).runs.flatMap((run) => run.tool.driver.rules ?? []);
    const sql = rules.find((r) => r.id === 'js/sql-injection')!;
    expect(sql.deprecatedIds).toEqual(['js/tainted-sql']);
    const dom = previousRuleIds('js/dom-xss');
    expect(dom).toEqual(['js/tainted-dom-html', 'js/react-dangerous-html']);
  });
});
