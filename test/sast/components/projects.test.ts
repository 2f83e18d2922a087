import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DraftFinding } from '../../../src/core/finding.ts';
import { runCli } from '../../cli/helpers.ts';

// A small Vue application and a small SvelteKit one written for these tests (fixtures/*), scanned
// through the CLI: template sinks fed from the router, a helper module, a component's own fetch,
// a prop, a sanitised value and a constant, link URLs with and without a constant path in front;
// script-block findings beside them.

async function scan(project: string) {
  const root = fileURLToPath(new URL(`./fixtures/${project}`, import.meta.url));
  const run = await runCli(['scan', root, '--scanners', 'sast', '--format', 'json', '-q']);
  const report = JSON.parse(run.stdout) as { findings: DraftFinding[]; diagnostics?: unknown[] };
  const at = (f: DraftFinding) => `${f.ruleId} ${f.precision} ${f.location.path}:${f.location.startLine}`;
  return {
    code: run.code,
    findings: report.findings,
    at: report.findings.map(at).sort(),
    diagnostics: report.diagnostics ?? [],
  };
}

const steps = (f: DraftFinding | undefined) =>
  f?.flow?.map((s) => `${s.location.path}:${s.location.startLine}`);

describe('component projects through the CLI', () => {
  it('Vue: options-API members from the route and from a helper module; props are a low look, sanitised values none; a link from the route', async () => {
    const { at, findings, diagnostics } = await scan('vue-app');
    expect(diagnostics).toEqual([]);
    expect(at).toEqual(
      [
        'js/dom-xss very-high src/views/SearchView.vue:3', // heading = headingFromHash() (location.hash)
        'js/dom-xss very-high src/views/SearchView.vue:4', // summary computed from this.$route.query
        'js/dom-xss low src/components/RawNote.vue:2', // a prop: whatever the parent passes
        'js/dom-url-injection very-high src/views/SearchView.vue:8', // :href="$route.query.back"
        // not SafeNote.vue's computed(() => DOMPurify.sanitize(…)), nor the footer's constant,
        // nor the link to `/search?q=${…}`
      ].sort(),
    );
    const heading = findings.find((f) => f.location.startLine === 3);
    expect(heading?.location.snippet).toBe('v-html="heading"');
    expect(steps(heading)?.slice(0, 2)).toEqual(['src/markup.js:3', 'src/views/SearchView.vue:29']);
    expect(steps(heading)?.at(-1)).toBe('src/views/SearchView.vue:3');
  });

  it('SvelteKit: $page.url into {@html} and a link, a fetch through a module at medium, data as server data', async () => {
    const { at, findings, diagnostics } = await scan('svelte-app');
    expect(diagnostics).toEqual([]);
    expect(at).toEqual(
      [
        'js/dom-xss very-high src/routes/search/+page.svelte:16', // query from $page.url
        'js/dom-xss medium src/routes/search/+page.svelte:18', // the API response (lib/api.ts)
        'js/dom-xss low src/routes/search/+page.svelte:17', // data.intro: the load function's data
        'js/dom-xss low src/routes/search/Card.svelte:10', // a prop through marked
        'js/open-redirect very-high src/routes/search/Card.svelte:5', // window.open in the script block
        'js/dom-url-injection very-high src/routes/search/+page.svelte:20', // href={$page.url…get('next')}
        // not href="/search?q={query}": the path in front keeps it on the site
      ].sort(),
    );
    const preview = findings.find((f) => f.location.startLine === 18);
    expect(steps(preview)?.[0]).toBe('src/lib/api.ts:3');
    expect(preview?.location.snippet).toBe('{@html preview}');
  });
});
