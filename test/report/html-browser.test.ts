/**
 * The HTML report in a real browser (Debian's Chromium): it loads without a console error, its
 * filters and search change what is shown, a taint flow opens, axe-core finds no serious or
 * critical accessibility violation, and 10,000 findings stay responsive next to 100.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.ts';
import { runScan } from '../../src/core/scan.ts';
import type { ScanResult } from '../../src/core/scanner.ts';
import { sastScanner } from '../../src/sast/scanner.ts';
import { SEVERITIES } from '../../src/core/severity.ts';
import { render } from '../../src/report/index.ts';
import { launchChromium, skipWithoutChromium } from '../support/chromium.ts';
import { HOSTILE_MESSAGE, HOSTILE_PATH, RAW_SECRET, sampleResult } from './sample-result.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** `n` findings shaped like real ones: several rules, files and severities, some with flows. */
export function manyFindings(n: number): ScanResult {
  const base = sampleResult();
  const template = base.findings.find((f) => f.flow?.length)!;
  const findings: Finding[] = Array.from({ length: n }, (_, i) => ({
    ...template,
    ruleId: `js/rule-${i % 17}`,
    severity: SEVERITIES[i % SEVERITIES.length]!,
    title: `Finding number ${i}`,
    location: {
      ...template.location,
      path: `src/module-${i % 211}/file-${i % 7}.ts`,
      startLine: 1 + (i % 400),
    },
    fingerprint: `fp-${i}`,
  }));
  return { ...base, findings };
}

describe.skipIf(skipWithoutChromium)('HTML report in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'vigil-html-'));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a report; every console error, page error and dialog is collected. */
  async function open(result: ScanResult, name: string) {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, render('html', result, { failOn: 'high' }));
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    // Nothing may leave the page: a request other than the file itself is a failure.
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`);
    });
    const started = Date.now();
    await page.goto(pathToFileURL(file).href);
    await page.locator('#findings li').first().waitFor();
    return { page, problems, loadMs: Date.now() - started };
  }

  const count = (page: Page) => page.locator('#count').textContent();

  it('loads with no console error, runs no scanned text, and masks the secret', async () => {
    const { page, problems } = await open(sampleResult(), 'sample');
    expect(problems).toEqual([]);
    const html = await page.content();
    expect(html).not.toContain(RAW_SECRET);
    // The hostile message is shown as text, never as markup.
    const hostile = page.locator('#findings li', { hasText: 'Code injection through eval' });
    await hostile.locator('button').click();
    expect(await hostile.locator('.detail').textContent()).toContain(HOSTILE_MESSAGE);
    expect(await hostile.locator('.where').first().textContent()).toContain(HOSTILE_PATH);
    expect(await page.locator('.detail script').count()).toBe(0);
    await page.close();
  });

  it('filters, searches and sorts what it shows', async () => {
    const { page } = await open(sampleResult(), 'filters');
    const total = sampleResult().findings.length;
    expect(await count(page)).toBe(`${total} of ${total} findings`);

    await page.selectOption('#f-kind', 'sca');
    const sca = sampleResult().findings.filter((f) => f.kind === 'sca').length;
    expect(await count(page)).toBe(`${sca} of ${total} findings`);
    await page.selectOption('#f-kind', '');

    await page.selectOption('#f-status', 'suppressed');
    expect(await page.locator('#findings li').count()).toBe(
      sampleResult().findings.filter((f) => f.suppression).length,
    );
    await page.selectOption('#f-status', '');

    await page.fill('#q', 'lodash');
    await expect.poll(() => page.locator('#findings li').count()).toBeLessThan(total);
    for (const text of await page.locator('#findings li').allTextContents())
      expect(text.toLowerCase()).toContain('lodash');
    await page.fill('#q', '');

    // Severity order by default: the first row is the most severe.
    const first = await page.locator('#findings li .sev').first().textContent();
    const worst = SEVERITIES.find((s) =>
      sampleResult().findings.some((f) => f.severity === s && !f.suppression),
    );
    expect(first).toBe(worst);
    await page.close();
  });

  it('opens a taint flow as numbered steps, by keyboard', async () => {
    const { page } = await open(sampleResult(), 'flow');
    const withFlow = sampleResult().findings.find((f) => f.flow?.length)!;
    const toggle = page.locator('#findings li button', { hasText: withFlow.title }).first();
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const steps = page.locator('.detail:not([hidden]) ol.flow > li');
    expect(await steps.count()).toBe(withFlow.flow!.length);
    expect(await steps.first().textContent()).toContain(withFlow.flow![0]!.message);
    await page.close();
  });

  it('has no serious or critical accessibility violation (axe-core), in light and dark themes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page } = await open(sampleResult(), `a11y-${colorScheme}`);
      await page.emulateMedia({ colorScheme });
      await page.locator('#findings li button').first().click();
      await page.addScriptTag({ content: axeSource });
      const violations = (await page.evaluate(
        `axe.run().then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact })))`,
      )) as { id: string; impact: string }[];
      expect(
        violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
        colorScheme,
      ).toEqual([]);
      await page.close();
    }
  });

  it('renders the examples/ scan, screenshot included (VIGIL_UPDATE_SCREENSHOT=1 refreshes docs/img)', async () => {
    const result = await runScan({
      root: fileURLToPath(new URL('../../examples', import.meta.url)),
      scanners: [sastScanner],
    });
    // The root as a reader would name it, not this machine's path.
    const { page, problems } = await open({ ...result, root: 'examples' }, 'examples');
    expect(problems).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 1500 });
    await page.locator('#findings li', { hasText: 'js/command-injection' }).first().locator('button').click();
    await page.evaluate('window.scrollTo(0, 0)');
    const shot = join(dir, 'html-report.png');
    await page.screenshot({ path: shot, fullPage: false });
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    if (process.env['VIGIL_UPDATE_SCREENSHOT'] === '1')
      copyFileSync(shot, fileURLToPath(new URL('../../docs/img/html-report.png', import.meta.url)));
    await page.close();
  });

  it('stays responsive with 10,000 findings (first paint and a filter change against 100)', async () => {
    const measure = async (n: number) => {
      const { page, problems, loadMs } = await open(manyFindings(n), `n${n}`);
      expect(problems).toEqual([]);
      // The paint entry is recorded after the frame is presented, which may follow `load`: wait for it.
      const paint = (await (
        await page.waitForFunction(
          () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
          undefined,
          { timeout: 10_000 },
        )
      ).jsonValue()) as number;
      // Page-side code as text: the test's TypeScript has no DOM types.
      const filterMs = (await page.evaluate(`(() => {
        const select = document.querySelector('#f-severity');
        const started = performance.now();
        select.value = 'high';
        select.dispatchEvent(new Event('change'));
        document.body.getBoundingClientRect(); // layout included
        return performance.now() - started;
      })()`)) as number;
      expect(await count(page)).toBe(`${n / SEVERITIES.length} of ${n} findings`);
      await page.close();
      return { loadMs, paint, filterMs };
    };
    const small = await measure(100);
    const large = await measure(10_000);
    const ratios = { paint: large.paint / small.paint, filter: large.filterMs / Math.max(small.filterMs, 1) };
    console.log(
      `html report: 100 findings ${JSON.stringify(small)}; 10,000 ${JSON.stringify(large)}; ratios ${JSON.stringify(ratios)}`,
    );
    // Paged rendering: a filter change re-renders one page, whatever the total.
    expect(large.filterMs).toBeLessThan(Math.max(50 * Math.max(small.filterMs, 1), 500));
    expect(large.paint).toBeLessThan(Math.max(20 * small.paint, 3_000));
  }, 120_000);
});
