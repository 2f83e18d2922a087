import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'an element made from constant markup, its attribute set from the page URL, appended',
      code: `const title = decodeURIComponent(location.hash.slice(1));
const $content = $('<div class="preview">');
const $audio = $('<audio controls></audio>').attr('title', title).css('width', '100%');
$content.append($audio);`,
    },
    {
      name: 'HTML parsed into a document a server builds to read it (happy-dom)',
      code: `import { Window } from 'happy-dom';
app.post('/import', (req, res) => {
  const parser = new (new Window().DOMParser)();
  const doc = parser.parseFromString(\`<body>\${req.body.html}</body>\`, 'text/html');
  res.json(toProseMirror(doc));
});`,
    },
    {
      name: 'jQuery reads text starting with # as a selector',
      code: `$(location.hash);
const scrollTo = $(\`\${window.location.hash}\`);
const el = $(utils.escapeHTML(window.location.hash));
const target = location.hash;
$(target.toLowerCase()).addClass('active');
const selector = '#' + decodeURIComponent(location.search.slice(1));
jQuery(selector).show();
$(decodeURIComponent(location.hash));`,
    },
    {
      name: 'markup a sanitiser cleaned, as content after attributes; escaped text inside one',
      code: `import DOMPurify from 'dompurify';
import escapeHtml from 'escape-html';
const q = location.hash.slice(1);
el.innerHTML = \`<p title="note">\${DOMPurify.sanitize(q)}</p>\`;
el.innerHTML = \`<a title="\${escapeHtml(q)}">x</a>\`;`,
    },
    {
      name: 'the legacy global escape()',
      code: `const q = new URLSearchParams(location.search).get('q');
document.getElementById('e').innerHTML = '<b>' + escape(q) + '</b>';`,
    },
    {
      name: 'constant markup',
      code: `const EMPTY = '<p>No results</p>';\nel.innerHTML = '<b>hi</b>';\nlist.innerHTML = EMPTY;\nel.innerHTML = '';`,
    },
    { name: 'text, not HTML', code: `el.textContent = comment;\nel.innerText = comment;` },
    {
      name: 'numbers in markup',
      code: `badge.innerHTML = '<b>' + Number(count) + '</b>';\nbar.innerHTML = \`<i style="width:\${Math.round(p * 100)}%"></i>\`;\ncount.innerHTML = \`<b>\${rows.length}</b>\`;`,
    },
    {
      name: 'sanitised',
      code: `import DOMPurify from 'dompurify';\nel.innerHTML = DOMPurify.sanitize(html);\nel.insertAdjacentHTML('beforeend', escapeHtml(label));`,
    },
    {
      name: 'tags stripped by striptags, as element content',
      code: `import striptags from 'striptags';
export function showTitle(title) {
  heading.innerHTML = '<em>' + striptags(title) + '</em>';
  const note = striptags(location.hash.slice(1));
  footer.innerHTML = \`<small>\${note}</small>\`;
}`,
    },
    {
      name: 'sanitised through a constant binding',
      code: `import { sanitize } from 'dompurify';\nconst clean = sanitize(await res.text());\nmain.innerHTML = clean;\nmain.insertAdjacentHTML('beforeend', '<section>' + clean + '</section>');`,
    },
    {
      name: 'an escaped value inside an attribute',
      code: `import escapeHtml from 'escape-html';\nlink.outerHTML = \`<a title="\${escapeHtml(title)}">x</a>\`;`,
    },
    {
      name: 'an escaping template tag',
      code: `panel.innerHTML = Sanitizer.escapeHTML\`<h3>\${heading}</h3>\`;\ndocument.write(Sanitizer.escapeHTML\`<p>\${msg}</p>\`);\npanel.innerHTML += Sanitizer.unwrapSafeHTML(snippet);`,
    },
    {
      name: 'a variable every write of which is constant',
      code: `let label;\nif (done) label = '<b>done</b>';\nelse label = 'pending';\nlabel += '!';\nstatus.innerHTML = label;\nlet empty;\nrow.insertAdjacentHTML('afterend', \`\${empty}\`);`,
    },
    {
      name: "a class's own innerHTML property",
      code: `class Snippet {\n  innerHTML: string;\n  constructor(html: string) { this.innerHTML = html; }\n}\nconst s = new Snippet('x');\ns.innerHTML = input;`,
    },
    {
      name: 'escaped values by attribute quoting, copied markup, constant render props',
      code: `import escapeHtml from 'escape-html';
row.innerHTML = \`<a href="/u?id=\${encodeURIComponent(id)}" title='\${escapeHtml(name)}'>\${escapeHtml(name)}</a>\`;
note.innerHTML = 'Total < ' + escapeHtml(total);
clone.innerHTML = template.innerHTML;
const vnode = h('div', { innerHTML: '<b>static</b>', class: cls });
const opts = { innerHTML: html };`,
    },
    {
      name: 'hand-written escapers',
      code: `function esc(s) {
  const d = document.createElement('div');
  d.textContent = s;
  return d.innerHTML;
}
const enc = (s) => String(s).replace(/&/g, '&amp;').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
function list(items) {
  let out = '';
  for (const it of items) out += '<li>' + esc(it) + '</li>';
  return out;
}
ul.innerHTML = list(names);
p.innerHTML = '<b>' + enc(msg) + '</b>';
q.innerHTML = msg.replaceAll('<', '&lt;');`,
    },
    {
      name: 'script URLs with a fixed origin, and other elements',
      code: `const s = document.createElement('script');
s.src = 'https://cdn.example.net/sdk/' + version + '/sdk.js';
s.setAttribute('src', \`/static/\${bundle}.js\`);
const LOCAL = 'vendor/chart.js';
s.src = LOCAL;
const img = document.createElement('img');
img.src = avatarUrl;`,
    },
    {
      name: 'a write method that is not document.write',
      code: `stream.write(chunk);\nlogger.writeln(line);\nres.write(body);`,
    },
    { name: 'document.write of a constant', code: `document.write('<p>loading…</p>');` },
    {
      name: 'jQuery text, elements and constant markup',
      code: `$('#name').text(user.name);\n$list.append(item);\n$('#box').append(document.createElement('hr'));\n$('#box').html('<p>none</p>');\n$('#box').html(() => counter);\nconst $row = $('<tr></tr>');`,
    },
    {
      name: 'an html method that is not jQuery',
      code: `editor.html(source);\nchart.append(label + '<br>');`,
    },
    {
      name: 'script element with constant code, other elements with text',
      code: `const s = document.createElement('script');\ns.text = 'window.ready = true';\nconst p = document.createElement('p');\np.textContent = msg;\nbtn.setAttribute('onclick', 'toggle()');\nbtn.setAttribute('title', hint);`,
    },
    {
      name: 'textContent is not HTML',
      code: `document.getElementById('out')!.textContent = location.hash.slice(1);`,
    },
    {
      name: 'sanitised with DOMPurify',
      code: `import DOMPurify from 'dompurify';
el.innerHTML = DOMPurify.sanitize(location.hash.slice(1));`,
    },
    {
      name: 'String() of a length in markup',
      code: `el.innerHTML = '<li>' + String(items.length) + '</li>';`,
    },
    {
      name: 'React text rendering',
      filename: 'page.tsx',
      code: `export default function Page({ searchParams }: any) { return <p>{searchParams.q}</p>; }`,
    },
    {
      name: 'the URL written as text or escaped',
      code: `import escapeHtml from 'escape-html';
preview.contentDocument.body.textContent = location.search;
host.setHTMLUnsafe(escapeHtml(location.hash));`,
    },
    {
      name: 'jQuery selectors built from the URL',
      code: `const tab = new URLSearchParams(location.search).get('tab');
$('#' + tab).addClass('active');
jQuery(\`.panel-\${location.hash.slice(1)}\`).show();`,
    },
    {
      name: 'jQuery text()',
      code: `$('#note').text(localStorage.getItem('note'));`,
    },
    {
      name: 'constant dangerouslySetInnerHTML',
      filename: 'a.jsx',
      code: `const Logo = () => <span dangerouslySetInnerHTML={{ __html: '<b>v</b>' }} />;`,
    },
    {
      name: 'dangerouslySetInnerHTML sanitised with DOMPurify',
      filename: 'a.jsx',
      code: `import DOMPurify from 'dompurify';\nexport const Bio = ({ bio }) => <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(bio) }} />;`,
    },
    {
      name: 'rendered as text',
      filename: 'a.jsx',
      code: `export const Bio = ({ bio }) => <div>{bio}</div>;`,
    },
    {
      name: 'constant object through a binding',
      filename: 'a.tsx',
      code: `const ICON = { __html: '<svg/>' };\nexport const Icon = () => <i dangerouslySetInnerHTML={ICON} />;`,
    },
    {
      name: 'unrelated prop name',
      filename: 'a.jsx',
      code: `export const A = ({ h }) => <Editor setInnerHTML={{ __html: h }} />;`,
    },
    {
      name: 'Vue: constant and sanitised v-html',
      filename: 'Note.vue',
      code: `<template>
  <p v-html="'<b>new</b>'"></p>
  <p v-html="DOMPurify.sanitize($route.query.note)"></p>
  <p v-html="clean"></p>
</template>
<script setup>
import DOMPurify from 'dompurify';
import { computed } from 'vue';
import { useRoute } from 'vue-router';
const route = useRoute();
const clean = DOMPurify.sanitize(route.query.text);
</script>`,
    },
    {
      name: 'Svelte: constant and sanitised {@html}, text interpolation',
      filename: 'Note.svelte',
      code: `<script>
  import DOMPurify from 'dompurify';
  const q = $page.url.searchParams.get('q');
  const safe = DOMPurify.sanitize(q);
</script>
<p>{q}</p>
{@html '<hr>'}
{@html safe}`,
    },
    {
      name: 'JSX innerHTML props of constants and sanitised HTML',
      filename: 'a.jsx',
      code: `import DOMPurify from 'dompurify';
export const Rule = () => <hr innerHTML={'<b>x</b>'} />;
export const Safe = (p) => <div domPropsInnerHTML={DOMPurify.sanitize(p.html)} />;`,
    },
  ],
  invalid: [
    {
      name: 'markup of the page URL appended through a jQuery set made from it',
      code: `const html = '<a href="' + location.hash.slice(1) + '">x</a>';
$content.append($(html).addClass('link')); // vigil-expect
$('#out').html(location.hash.slice(1)).show(); // vigil-expect`,
    },
    {
      name: "the page's fragment set as a query parameter of a URL, written out through its href and text",
      code: `const url = new URL('/edit', window.location.origin);
url.searchParams.set('next', location.hash.slice(1));
c.innerHTML = url.href; // vigil-expect
d.innerHTML = url.toString(); // vigil-expect`,
    },
    {
      name: "markup from the URL parsed by the page's own DOMParser",
      code: `const doc = new DOMParser().parseFromString(decodeURIComponent(location.hash.slice(1)), 'text/html'); // vigil-expect
document.body.append(...doc.body.childNodes);`,
    },
    {
      name: 'a variable declared further down, as a loop variable (hoisted var: not yet walked)',
      code: `export function show(el, props) {
  $(el).html(key); // vigil-expect
  for (var key in props) log(key);
}`,
    },
    {
      name: 'markup a sanitiser cleaned, placed inside an attribute value (its quotes end the attribute)',
      code: `import DOMPurify from 'dompurify';
const clean = DOMPurify.sanitize(location.hash.slice(1));
el.innerHTML = \`<a href="\${clean}">link</a>\`; // vigil-expect
el.innerHTML = '<img alt=' + clean + '>'; // vigil-expect`,
    },
    {
      name: 'tags stripped by striptags, placed inside an attribute value (its quotes stay)',
      code: `const striptags = require('striptags');
const label = striptags(location.hash.slice(1));
badge.innerHTML = '<span title="' + label + '">new</span>'; // vigil-expect
export function tip(text) {
  badge.innerHTML = \`<abbr title=\${striptags(text)}>?</abbr>\`; // vigil-expect
}`,
    },
    {
      name: 'React Router hooks, directly and through component state',
      filename: 'notice.jsx',
      code: `import { useEffect, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
export function Notice() {
  const [params] = useSearchParams();
  const location = useLocation();
  const [banner, setBanner] = useState('');
  useEffect(() => setBanner(decodeURIComponent(location.hash.slice(1))), [location]);
  return (
    <div>
      <p
        dangerouslySetInnerHTML={{ __html: params.get('msg') }} // vigil-expect
      />
      <p
        dangerouslySetInnerHTML={{ __html: banner }} // vigil-expect
      />
    </div>
  );
}`,
    },
    {
      name: 'Angular route query parameters, through the observable',
      filename: 'banner.component.ts',
      code: `import { Component, OnInit } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
@Component({ selector: 'app-banner', template: '<p id="b"></p>' })
export class BannerComponent implements OnInit {
  constructor(private route: ActivatedRoute) {}
  ngOnInit() {
    this.route.queryParams.subscribe((params) => {
      document.getElementById('b')!.innerHTML = params['title']; // vigil-expect
    });
  }
}`,
    },
    {
      name: 'a number beside text that is not one',
      code: `badge.innerHTML = '<b>' + Number(count) + '</b>' + label; // vigil-expect`,
    },
    {
      name: 'innerHTML from a template',
      code: `card.innerHTML = \`<h2>\${item.title}</h2>\`; // vigil-expect`,
    },
    {
      name: 'outerHTML and += on innerHTML',
      code: `node.outerHTML = html; // vigil-expect\nlog.innerHTML += '<li>' + msg + '</li>'; // vigil-expect`,
    },
    {
      name: 'insertAdjacentHTML and document.write',
      code: `el.insertAdjacentHTML('afterbegin', banner); // vigil-expect\ndocument.write(location.hash.slice(1)); // vigil-expect\nwindow.document.writeln(msg); // vigil-expect`,
    },
    {
      name: 'sanitised markup placed inside an attribute',
      code: `import DOMPurify from 'dompurify';\nconst bio = DOMPurify.sanitize(raw);\nbox.innerHTML = \`<img alt="\${bio}" src="a.png">\`; // vigil-expect`,
    },
    {
      name: 'escaped values where the escaping does not hold',
      code: `import escapeHtml from 'escape-html';
a.innerHTML = \`<a title=\${escapeHtml(t)}>x</a>\`; // vigil-expect
b.innerHTML = "<a href='/u?q=" + encodeURIComponent(q) + "'>x</a>"; // vigil-expect`,
    },
    {
      name: 'filters and helpers that are not escapers',
      code: `const strip = (s) => s.replace(/<script>/g, '');
function wrap(s) { return '<b>' + s + '</b>'; }
a.innerHTML = strip(input); // vigil-expect
b.innerHTML = wrap(input); // vigil-expect
c.innerHTML = input.replace(/[<>]/, ''); // vigil-expect
d.innerHTML = input.replace(/[<>]/g, '<'); // vigil-expect
e.innerHTML = \`<a title="\${input.replace(/</g, '&lt;')}">x</a>\`; // vigil-expect`,
    },
    {
      name: 'script URLs from a variable',
      code: `const s = document.createElement('script');
s.src = params.get('plugin'); // vigil-expect
s.setAttribute('src', base + '/x.js'); // vigil-expect`,
    },
    {
      name: 'srcdoc and render-function innerHTML props',
      code: `frame.srcdoc = page; // vigil-expect
const a = h('div', { innerHTML: props.body }); // vigil-expect
const b = createElement('div', { domProps: { innerHTML: this.html } }); // vigil-expect`,
    },
    {
      name: 'a variable with one non-constant write',
      code: `let msg = '<i>none</i>';\nif (err) msg = err.message;\nout.innerHTML = msg; // vigil-expect`,
    },
    {
      name: 'the escaping tag called as a plain function',
      code: `out.innerHTML = Sanitizer.escapeHTML(comment); // vigil-expect`,
    },
    {
      name: 'documents of frames and windows, and every argument of write',
      code: `frame.contentDocument.write(page); // vigil-expect\npopup.document.writeln('<h1>', title, '</h1>'); // vigil-expect\ngetPreviewDocument().write(markup); // vigil-expect\ndocument.write\`<p>\${note}</p>\`; // vigil-expect`,
    },
    {
      // A tag receives the template's strings first: the first expression is insertAdjacentHTML's markup.
      name: 'an HTML method called as a template tag',
      code: `el.insertAdjacentHTML\`before \${markup}\`; // vigil-expect
el.insertAdjacentHTML\`\${'<b>fixed</b>'}\`;`,
    },
    {
      name: 'the method called through a sequence or an assignment',
      code: `(0, el.insertAdjacentHTML)('beforeend', snippet); // vigil-expect\n(fn = el.insertAdjacentHTML)('beforeend', snippet); // vigil-expect`,
    },
    {
      name: 'setHTMLUnsafe and the WinJS unsafe setters',
      code: `shadow.setHTMLUnsafe(tpl); // vigil-expect\nWinJS.Utilities.setInnerHTMLUnsafe(host, markup); // vigil-expect\nWinJS.Utilities.insertAdjacentHTMLUnsafe(host, 'beforeend', markup); // vigil-expect`,
    },
    {
      name: 'jQuery html and markup appended',
      code: `$('#out').html(data.body); // vigil-expect\n$items.append('<li>' + item.name + '</li>'); // vigil-expect\nthis.$el.find('.t').after(\`<em>\${note}</em>\`); // vigil-expect\n$('<div class="m">' + msg + '</div>').appendTo(document.body); // vigil-expect`,
    },
    {
      name: 'script element text and event-handler attributes from a variable',
      code: `const s = document.createElement('script');\ns.textContent = code; // vigil-expect\nimg.setAttribute('onerror', handler); // vigil-expect`,
    },
    {
      name: 'innerHTML from location.hash',
      code: `const msg = decodeURIComponent(location.hash.slice(1));
document.getElementById('out')!.innerHTML = '<b>' + msg + '</b>'; // vigil-expect`,
    },
    {
      name: 'postMessage data into insertAdjacentHTML',
      code: `window.addEventListener('message', (e) => {
  const { html } = e.data;
  panel.insertAdjacentHTML('beforeend', html); // vigil-expect
});`,
    },
    {
      name: 'React dangerouslySetInnerHTML from searchParams',
      filename: 'app/search/page.tsx',
      code: `export default function Page({ searchParams }: { searchParams: { q: string } }) {
  return <div dangerouslySetInnerHTML={{ __html: searchParams.q }} />; // vigil-expect
}`,
    },
    {
      name: 'jQuery markup from the URL',
      code: `$('<div class="note">' + location.hash.slice(1) + '</div>').appendTo('body'); // vigil-expect`,
    },
    {
      name: 'the fragment cut or placed after markup is HTML to $()',
      code: `$(location.hash.slice(1)); // vigil-expect
$(decodeURIComponent(location.hash.substr(1))); // vigil-expect
$('<div>' + location.hash); // vigil-expect
$(location.hash.replace('#', '')); // vigil-expect
location.hash.split('#').forEach((part) => $(part)); // vigil-expect
function stripHash(h) { return h.substring(1); }
$(stripHash(window.location.hash)); // vigil-expect`,
    },
    {
      name: 'a leading # does not make other HTML sinks safe',
      code: `$('#out').html(location.hash); // vigil-expect
document.getElementById('out').innerHTML = window.location.hash; // vigil-expect`,
    },
    {
      name: 'jQuery html from localStorage',
      code: `const saved = localStorage.getItem('note');
$('#note').html(saved); // vigil-expect`,
    },
    {
      name: 'the URL into a frame document, setHTMLUnsafe and jQuery wrap',
      code: `const q = new URLSearchParams(location.search).get('q') ?? '';
preview.contentDocument.write('<p>', q, '</p>'); // vigil-expect
host.setHTMLUnsafe(location.hash.slice(1)); // vigil-expect
$('#box').wrapInner(document.referrer); // vigil-expect`,
    },
    {
      name: 'prop value',
      filename: 'a.jsx',
      code: `export function Comment({ body }) {\n  return <div dangerouslySetInnerHTML={{ __html: body }} />; // vigil-expect\n}`,
    },
    {
      name: 'opaque object',
      filename: 'a.tsx',
      code: `export const Post = (p: { html: { __html: string } }) => (\n  <article dangerouslySetInnerHTML={p.html} /> // vigil-expect\n);`,
    },
    {
      name: 'createElement props',
      code: `React.createElement('div', { dangerouslySetInnerHTML: { __html: marked(md) } }); // vigil-expect`,
    },
    {
      name: 'template literal',
      filename: 'a.jsx',
      code: `const Card = ({ t }) => <p dangerouslySetInnerHTML={{ __html: \`<em>\${t}</em>\` }} />; // vigil-expect`,
    },
    {
      name: 'Vue options API: v-html of a route query through data and computed',
      filename: 'Search.vue',
      code: `<template>
  <section v-html="results"></section> // vigil-expect
  <h2 v-html="title"></h2> // vigil-expect
</template>
<script>
export default {
  data() {
    return { results: '' };
  },
  computed: {
    title() {
      return 'Results for ' + this.$route.query.q;
    },
  },
  created() {
    this.results = this.$route.params.term;
  },
};
</script>`,
    },
    {
      name: 'Vue script setup: :innerHTML of a computed over useRoute()',
      filename: 'Panel.vue',
      code: `<script setup lang="ts">
import { computed } from 'vue';
import { useRoute } from 'vue-router';
const route = useRoute();
const banner = computed(() => String(route.query.banner ?? ''));
</script>
<template>
  <div :innerHTML="banner"></div> // vigil-expect
</template>`,
    },
    {
      name: 'Svelte: {@html} of the page URL, and innerHTML in the script block',
      filename: 'Page.svelte',
      code: `<script>
  import { page } from '$app/stores';
  $: term = $page.url.searchParams.get('term');
  function show(el) {
    el.innerHTML = location.hash; // vigil-expect
  }
</script>
<h1>{@html term}</h1> // vigil-expect`,
    },
    {
      name: 'JSX innerHTML props (Vue 2 Babel JSX, Vue 3 JSX, Preact, Solid)',
      filename: 'a.jsx',
      code: `export const Note = { render: (h) => <p domPropsInnerHTML={location.hash.slice(1)} /> }; // vigil-expect
export const Bio = (p) => <div innerHTML={p.bio} />; // vigil-expect`,
    },
  ],
} satisfies RuleCases;
