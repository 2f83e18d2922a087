import { describe, expect, it } from 'vitest';
import { sastRules } from '../../../rules/index.ts';
import type { DraftFinding } from '../../../src/core/finding.ts';
import { componentProgram } from '../../../src/sast/components.ts';
import { runRules } from '../../../src/sast/engine.ts';
import { jsImports } from '../../../src/sca/reachability/js-imports.ts';
import { resolveRelative } from '../../../src/sast/scope/modules.ts';
import { expectLinear, fill, shaped } from '../../support/linear-time.ts';

// Components written for these tests from what Vue and Svelte document about script blocks,
// `v-html` and `{@html}`: where a finding stands, which values make one, and malformed input.

const env = { resolveImport: () => undefined };

function scan(path: string, code: string) {
  const out = runRules(path, code, sastRules, { taint: env });
  const at = (f: DraftFinding) =>
    `${f.ruleId} ${f.location.startLine}:${f.location.startColumn} ${f.precision ?? ''}`.trim();
  return { ...out, at: out.findings.map(at).sort() };
}

describe('script blocks', () => {
  it('Vue, classic script in JavaScript: findings at the component line and column', () => {
    const code = [
      '<template>',
      '  <button @click="run">Run</button>',
      '</template>',
      '',
      '<script>',
      'export default {',
      '  methods: {',
      '    run() {',
      '      const code = location.hash.slice(1);',
      '      setTimeout(code, 10);',
      '    },',
      '  },',
      '};',
      '</script>',
    ].join('\n');
    expect(scan('src/Run.vue', code).at).toEqual(['js/code-injection 10:7 very-high']);
  });

  it('Vue, <script setup lang="ts"> after the template: TypeScript syntax, real columns', () => {
    const code = [
      '<template><div ref="box" /></template>',
      '<script setup lang="ts">',
      "import { onMounted, ref } from 'vue';",
      'const box = ref<HTMLElement | null>(null);',
      'onMounted(() => {',
      '  const where = document.referrer as string;',
      "  box.value!.insertAdjacentHTML('beforeend', where);",
      '});',
      '</script>',
    ].join('\n');
    expect(scan('src/Box.vue', code).at).toEqual(['js/dom-xss 7:3 very-high']);
  });

  it('Svelte, module and instance scripts (TypeScript) in one program', () => {
    const code = [
      '<script context="module" lang="ts">',
      '  export function jump(to: string): void {',
      '    window.location.href = to;',
      '  }',
      '</script>',
      '<script lang="ts">',
      "  const next: string = new URLSearchParams(location.search).get('next') ?? '/';",
      '  jump(next);',
      '</script>',
      '<a href="/">home</a>',
    ].join('\n');
    const { at, diagnostics } = scan('src/routes/+page.svelte', code);
    expect(diagnostics).toEqual([]);
    expect(at).toEqual(['js/open-redirect 3:5 very-high']);
  });

  it('JSX is off: `<` in a JavaScript block is a comparison', () => {
    const code = '<script>\n  let a = 1, b = 2;\n  const less = a <b> (b);\n  eval(name);\n</script>\n';
    const { at, diagnostics } = scan('Cmp.svelte', code);
    expect(diagnostics).toEqual([]);
    expect(at).toEqual(['js/code-injection 4:3 very-high']);
  });
  it('a Vue 2 render function in JSX (no lang) is read with JSX after a plain parse fails', () => {
    const code = [
      '<script>',
      'export default {',
      '  functional: true,',
      '  render(h, ctx) {',
      '    const label = <span class="label">{ctx.props.title}</span>;',
      "    document.getElementById('crumb').innerHTML = document.referrer;",
      '    return label;',
      '  },',
      '};',
      '</script>',
    ].join('\n');
    const { at, diagnostics } = scan('Crumb.vue', code);
    expect(diagnostics).toEqual([]);
    expect(at).toEqual(['js/dom-xss 6:5 very-high']);
  });
});

describe('template HTML sinks', () => {
  const vue = (template: string, script: string) =>
    `<template>\n${template}\n</template>\n<script setup>\n${script}\n</script>\n`;

  it('v-html, :innerHTML and v-bind:innerHTML of the route stand at the template line with the flow', () => {
    const code = vue(
      [
        '  <p v-html="greeting"></p>',
        '  <p :innerHTML="route.params.slug"></p>',
        '  <p v-bind:innerHTML="$route.hash"></p>',
      ].join('\n'),
      [
        "import { computed } from 'vue';",
        "import { useRoute } from 'vue-router';",
        'const route = useRoute();',
        "const greeting = computed(() => '<h1>Hi ' + route.query.name + '</h1>');",
      ].join('\n'),
    );
    const { findings, at } = scan('Hello.vue', code);
    expect(at).toEqual(['js/dom-xss 2:6 very-high', 'js/dom-xss 3:6 very-high', 'js/dom-xss 4:6 very-high']);
    const first = findings.find((f) => f.location.startLine === 2)!;
    expect(first.location.snippet).toBe('v-html="greeting"');
    expect(first.flow?.map((s) => `${s.location.startLine}: ${s.message}`)).toEqual([
      '10: source: useRoute().query',
      '10: assigned to greeting',
      '2: sink: an HTML sink',
    ]);
    expect(first.message).toBe('Untrusted data from useRoute().query (line 10) reaches an HTML sink.');
  });

  it('a fetch response is a finding at its own (medium) precision', () => {
    const code = [
      '<script>',
      '  let post = $state("");',
      '  async function load(id) {',
      '    const res = await fetch(`/api/posts/${id}`);',
      '    post = (await res.json()).html;',
      '  }',
      '</script>',
      '<article>{@html post}</article>',
    ].join('\n');
    expect(scan('Post.svelte', code).at).toEqual(['js/dom-xss 8:10 medium']);
  });

  it('refs written in lifecycle hooks: a message event (very-high) and a fetch response (medium)', () => {
    const code = vue(
      '  <div v-html="latest"></div>\n  <div v-html="page"></div>',
      [
        "import { onMounted, ref } from 'vue';",
        "const latest = ref('');",
        "const page = ref('');",
        'onMounted(async () => {',
        "  window.addEventListener('message', (event) => { latest.value = event.data.html; });",
        "  page.value = await (await fetch('/fragments/home')).text();",
        '});',
      ].join('\n'),
    );
    // The handler checks no origin either: that is a finding of its own, in the script.
    expect(scan('Live.vue', code).at).toEqual([
      'js/dom-xss 2:8 very-high',
      'js/dom-xss 3:8 medium',
      'js/postmessage-origin-unchecked 10:3 medium',
    ]);
  });

  it('a constant or a sanitised value is no finding; a prop is a low-precision look', () => {
    const code = [
      '<script>',
      "  import DOMPurify from 'dompurify';",
      "  import { page } from '$app/state';",
      '  export let data;',
      '  let { intro } = $props();',
      "  const clean = DOMPurify.sanitize(page.url.searchParams.get('q'));",
      "  const rule = '<hr>';",
      '</script>',
      '{@html rule}',
      '{@html clean}',
      '{@html data.body}',
      '{@html intro}',
    ].join('\n');
    expect(scan('src/routes/+page.svelte', code).at).toEqual(['js/dom-xss 11:1 low', 'js/dom-xss 12:1 low']);
  });

  it('Vue options API: members of data, computed and methods, and each block aliases', () => {
    const code = [
      '<template>',
      '  <li v-for="(entry, i) in entries" :key="i" v-html="entry.html"></li>',
      '  <p v-html="format(summary)"></p>',
      '  <p v-html="intro"></p>',
      '</template>',
      '<script>',
      'export default {',
      "  props: ['intro'],",
      '  data: () => ({ entries: [], summary: "" }),',
      '  methods: {',
      '    format(s) { return `<b>${s}</b>`; },',
      '    load() {',
      '      this.entries = [{ html: this.$route.query.entry }];',
      '      this.summary = window.name;',
      '    },',
      '  },',
      '};',
      '</script>',
    ].join('\n');
    expect(scan('List.vue', code).at).toEqual([
      'js/dom-xss 2:46 very-high',
      'js/dom-xss 3:6 very-high',
      'js/dom-xss 4:6 low',
    ]);
  });

  it('Vue options API through defineComponent: computed get/set, arrows in methods, watchers', () => {
    const code = [
      '<template>',
      '  <div v-html="preview"></div>',
      '  <div v-html="shown"></div>',
      '  <div v-html="fixed"></div>',
      '</template>',
      '<script lang="ts">',
      "import { defineComponent } from 'vue';",
      'export default defineComponent({',
      "  data: () => ({ shown: '', fixed: '<b>ok</b>' }),",
      '  computed: {',
      '    preview: {',
      '      get() { return this.$route.hash; },',
      '      set(v: string) { this.shown = v; },',
      '    },',
      '  },',
      '  watch: {',
      "    '$route.query': { handler() { setTimeout(() => { this.shown = this.$route.query.tab as string; }); } },",
      '  },',
      '});',
      '</script>',
    ].join('\n');
    // `fixed` starts constant, but any method may assign it: the pattern half's low look.
    expect(scan('Tabs.vue', code).at).toEqual([
      'js/dom-xss 2:8 very-high',
      'js/dom-xss 3:8 very-high',
      'js/dom-xss 4:8 low',
    ]);
  });

  it('Nuxt: useRoute() without an import', () => {
    const code = vue('  <article v-html="route.query.body" />', 'const route = useRoute();');
    expect(scan('pages/preview.vue', code).at).toEqual(['js/dom-xss 2:12 very-high']);
  });

  it('Svelte each blocks bind their alias to the list, and a global name in an alias is not window.name', () => {
    const code = [
      '<script>',
      '  const items = [{ body: decodeURIComponent(location.hash) }];',
      "  const names = ['<b>a</b>'];",
      '</script>',
      '{#each items as item, i (i)}{@html item.body}{/each}',
      '{#each names as name}{@html name}{/each}',
    ].join('\n');
    const { at } = scan('Each.svelte', code);
    expect(at).toContain('js/dom-xss 5:29 very-high');
    expect(at.filter((a) => a.startsWith('js/dom-xss 6:'))).toEqual(['js/dom-xss 6:22 low']);
  });
});

describe('template URL attributes', () => {
  const vue = (template: string, script: string) =>
    `<template>\n${template}\n</template>\n<script setup>\n${script}\n</script>\n`;
  const route = ["import { useRoute } from 'vue-router';", 'const next = useRoute().query.next;'].join('\n');

  it('a Vue :href of the route stands at the template line, with the flow, as js/dom-url-injection', () => {
    const { findings, at } = scan('Back.vue', vue('  <a class="btn" :href="next">back</a>', route));
    expect(at).toEqual(['js/dom-url-injection 2:18 very-high']);
    const [f] = findings;
    expect(f?.location.snippet).toBe(':href="next"');
    expect(f?.message).toBe('Untrusted data from useRoute().query (line 6) reaches a URL attribute.');
    expect(f?.flow?.map((s) => `${s.location.startLine}: ${s.message}`)).toEqual([
      '6: source: useRoute().query',
      '6: assigned to next',
      '2: sink: a URL attribute',
    ]);
  });

  it('each URL attribute on the elements that follow it; the same names elsewhere are none', () => {
    const sinks = [
      '  <a :href="next"></a><area v-bind:href="next">',
      '  <svg><a :xlink:href="next"></a></svg>',
      '  <iframe :src="next"></iframe><frame :src="next"><embed :src="next">',
      '  <form :action="next"><button :formaction="next"></button><input :formAction="next"></form>',
      '  <object :data="next"></object>',
    ];
    const none = [
      '  <img :src="next"><video :src="next"></video><link :href="next">',
      '  <div :href="next" :action="next" :data="next"></div><use :xlink:href="next" />',
      '  <A :href="next"></A><router-link :to="next" :href="next"></router-link><el-form :action="next" />',
      '  <p> :href="next" </p><p title=" :href=\'next\'"></p>',
    ];
    const { at } = scan('All.vue', vue([...sinks, ...none].join('\n'), route));
    expect(at.map((a) => a.replace(/:\d+ very-high$/, ''))).toEqual([
      'js/dom-url-injection 2',
      'js/dom-url-injection 2',
      'js/dom-url-injection 3',
      'js/dom-url-injection 4',
      'js/dom-url-injection 4',
      'js/dom-url-injection 4',
      'js/dom-url-injection 5',
      'js/dom-url-injection 5',
      'js/dom-url-injection 5',
      'js/dom-url-injection 6',
    ]);
  });

  it('the tag is followed past `<` and `>` in its values: the element stays the one opened', () => {
    const code = vue(
      [
        '  <a v-if="items.length<limit" title="1 > 0" :href="next">one</a>',
        '  <p v-if="a<b"></p><a :href="next">two</a>',
      ].join('\n'),
      `${route}\nconst items = [];\nconst limit = 2;`,
    );
    expect(scan('Lt.vue', code).at).toEqual([
      'js/dom-url-injection 2:46 very-high',
      'js/dom-url-injection 3:24 very-high',
    ]);
  });

  it('Vue: a constant, or a constant path or host before the data, is no finding; a constant scheme-less start is', () => {
    const code = vue(
      [
        `  <a :href="'/home'"></a><a :href="\`/user/\${next}\`"></a><a :href="'/u/' + next"></a>`,
        `  <a :href="'https://example.com/go?to=' + encodeURIComponent(next)"></a>`,
        `  <a :href="\`\${next}/details\`"></a>`,
      ].join('\n'),
      route,
    );
    expect(scan('Prefix.vue', code).at).toEqual(['js/dom-url-injection 4:6 very-high']);
  });

  it('Vue options API: a member read inside a template literal is the instance member', () => {
    const code = [
      '<template><a :href="`${next}`">go</a><a :href="`/u/${name}`">me</a></template>',
      '<script>',
      'export default {',
      "  data: () => ({ next: '', name: '' }),",
      '  created() { this.next = this.$route.query.next; },',
      '};',
      '</script>',
    ].join('\n');
    expect(scan('Opt.vue', code).at).toEqual(['js/dom-url-injection 1:14 very-high']);
  });

  it('Svelte: an expression, quoted text with expressions as a template literal, the {href} shorthand', () => {
    const code = [
      '<script>',
      "  import { page } from '$app/stores';",
      "  $: next = $page.url.searchParams.get('next');",
      '  const href = $page.url.hash;',
      '</script>',
      '<a href={next}>1</a>',
      "<a href='{next}'>2</a>",
      '<a href="{next}/more">3</a>',
      '<a href="/more/{next}">4</a>',
      '<a href="https://example.com/{next}">5</a>',
      '<a href="a`b${c}\\{next}">6</a>',
      '<a {href}>7</a>',
      '<p>{href}</p><a href=/x/{next}>9</a>',
      '<a href="/about">10</a><a href={"/about"}>11</a><img src={next} alt=""><Nav href={next} />',
    ].join('\n');
    const { at, diagnostics } = scan('src/routes/+page.svelte', code);
    expect(diagnostics).toEqual([]);
    expect(at).toEqual([
      'js/dom-url-injection 11:4 very-high',
      'js/dom-url-injection 12:4 very-high',
      'js/dom-url-injection 6:4 very-high',
      'js/dom-url-injection 7:4 very-high',
      'js/dom-url-injection 8:4 very-high',
    ]);
  });

  it('a prop in a URL attribute is no finding: the parent decides what it holds, as with JSX', () => {
    const code = ['<script>', '  export let link;', '</script>', '<a href={link}>go</a>'].join('\n');
    expect(scan('Link.svelte', code).at).toEqual([]);
  });

  it('an unterminated Svelte URL attribute value is a warning', () => {
    const { diagnostics } = scan('Bad.svelte', '<a href="/x/{next">x</a>\n');
    expect(diagnostics.map((d) => d.message)).toEqual(['line 1: unterminated {…} in the value of href']);
  });
});

describe('malformed and hostile components', () => {
  it('an unterminated <script> or comment is a warning; what was read before it still counts', () => {
    const code = '<template><p v-html="$route.query.q"></p></template>\n<script>\nconst a = 1;\n';
    const { at, diagnostics } = scan('Broken.vue', code);
    expect(diagnostics.map((d) => `${d.level} ${d.path}: ${d.message}`)).toEqual([
      'warning Broken.vue: line 2: <script> without </script>',
    ]);
    expect(at).toEqual(['js/dom-xss 1:14 very-high']);
    const comment = scan('Note.svelte', '<script>\n  eval(location.hash);\n</script>\n<!-- {@html x}\n');
    expect(comment.diagnostics.map((d) => d.message)).toEqual(['line 4: unterminated <!-- comment']);
    expect(comment.at).toEqual(['js/code-injection 2:3 very-high']);
  });

  it('`</script>` inside a string ends the block, as in HTML: a parse error naming the file', () => {
    const code = '<script>\n  const tag = "</script>";\n  eval(location.hash);\n</script>\n';
    const { diagnostics } = scan('Tag.svelte', code);
    expect(diagnostics.map((d) => `${d.level} ${d.path}:${d.line}: ${d.message}`)).toEqual([
      'error Tag.svelte:2: cannot parse: Tag.svelte:2: Unterminated string literal.',
    ]);
  });

  it('a template expression that is not code is left out with a warning; the script is still read', () => {
    const code =
      '<template><p v-html="a +"></p><i v-html=\'b\n</template>\n<script>\neval(location.hash)\n</script>\n';
    const { at, diagnostics } = scan('Odd.vue', code);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'line 1: unterminated attribute value',
      'line 1: a template sink whose expression cannot be read',
    ]);
    expect(at).toEqual([]);
    const ok = scan(
      'Ok.vue',
      '<template><p v-html="a +"></p></template>\n<script>\neval(location.hash)\n</script>\n',
    );
    expect(ok.at).toEqual(['js/code-injection 3:1 very-high']);
  });

  it('a 100,000-line component is read in time linear in its size', () => {
    const body = '<div class="row"><span>{{ item.name }}</span><p v-html="note"></p></div>\n';
    const code = `<template>\n${body.repeat(100_000)}</template>\n<script setup>\nconst note = location.hash;\n</script>\n`;
    const start = performance.now();
    const program = componentProgram('vue', code);
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(program.sinks.length).toBe(500);
    expect(program.warnings).toEqual(['line 502: over 500 template sinks: the rest are not read']);
  });

  it('a deeply nested template expression neither crashes the parser nor loses the script', () => {
    const deep = `${'('.repeat(100_000)}x${')'.repeat(100_000)}`;
    const code = `<template><p v-html="${deep}"></p></template>\n<script>\neval(location.hash)\n</script>\n`;
    const { at, diagnostics } = scan('Deep.vue', code);
    expect(at).toEqual(['js/code-injection 3:1 very-high']);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'line 1: a template sink whose expression cannot be read',
    ]);
  });

  it('aliases in scope at every sink are bounded: distinct loops and many sinks stay linear', () => {
    const loops = Array.from({ length: 20_000 }, (_, n) => `{#each list${n} as item${n}}{/each}`).join('\n');
    const code = `${loops}\n${'{@html item1}\n'.repeat(2_000)}`;
    const program = componentProgram('svelte', code);
    expect(program.sinks.length).toBe(500);
    expect(program.text.length).toBeLessThan(code.length + 500 * 2_000);
  });

  it('the reader stays linear on adversarial text', () => {
    const benign = (size: number) =>
      fill('<template>\n  <p class="x" v-html="post.body"></p>\n  {{ a + b }}\n</template>\n', size);
    for (const kind of ['vue', 'svelte'] as const) {
      expectLinear(`${kind} component reader`, (t) => componentProgram(kind, t), benign, [
        shaped('<script repeated', '', '<script '),
        shaped('open comment', '<!--', '<p>'),
        shaped('one unterminated script', '<script>', 'let a = 1;\n'),
        shaped('v-html= repeated', '', ' v-html='),
        shaped('unterminated v-html', '<p v-html="', 'a + '),
        shaped('{@html repeated', '', '{@html '),
        shaped('{#each repeated', '', '{#each a as b}'),
        shaped('unterminated {#each', '{#each ', 'a as {b, '),
        shaped('v-for without in', '', ' v-for="('),
        shaped('let: repeated', '', ' let:x={'),
        shaped('spaces in an attribute', '<p v-for="a', ' '),
        shaped(':href= repeated in a tag', '<a', ' :href="x"'),
        shaped('unterminated :href', '<a :href="', 'a + '),
        shaped('tags in a value', '<a title="', "<a title='<a "),
        shaped('`<` in an expression', '<a {', '<a {'),
        shaped('href= repeated in a tag', '<a', ' href={x}'),
        shaped('unterminated href={', '<a href={', 'a + '),
        shaped('unterminated href text', '<a href="/x/{', 'a + '),
        shaped('{href} repeated', '<a', ' {href}'),
        shaped('template literal in a binding', '<a :href="`', '${`'),
      ]);
    }
  });
});

describe('imports', () => {
  it('`./Foo.vue` and `./Bar.svelte` resolve to the scanned components', () => {
    const files = new Set(['src/App.vue', 'src/components/Foo.vue', 'src/Bar.svelte']);
    expect(resolveRelative('src/App.vue', './components/Foo.vue', files)).toBe('src/components/Foo.vue');
    expect(resolveRelative('src/App.vue', './Bar.svelte', files)).toBe('src/Bar.svelte');
  });

  it('reachability reads the script blocks of a component', () => {
    const code =
      '<template><p>{{ when }}</p></template>\n<script setup>\nimport dayjs from "dayjs";\nconst when = dayjs().format();\n</script>\n';
    const found = jsImports('src/When.vue', code);
    expect(found.imports.map((i) => `${i.module}:${i.line}`)).toEqual(['dayjs:3']);
  });
});
