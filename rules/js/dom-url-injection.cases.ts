import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
    {
      name: "a script loaded from the page the user came from runs that site's code",
      code: `const s = document.createElement('script');
s.src = document.referrer + 'widget.js'; // vigil-expect
document.head.appendChild(s);`,
    },
    {
      name: "a part of the page's own URL past its host (a search parameter, what follows a split)",
      code: `const u = new URL(location.href);
link.href = u.searchParams.get('next'); // vigil-expect
link.setAttribute('href', new URL(document.URL).searchParams.get('go')); // vigil-expect
link.href = location.href.split('next=')[1]; // vigil-expect`,
    },
    {
      name: "the page's own URL after a script scheme",
      code: `bookmarklet.href = \`javascript:void(0)//\${document.URL}\`; // vigil-expect
link.href = \`\${location.hash.slice(1)}\`; // vigil-expect`,
    },
    {
      name: 'jQuery attr of a link from the fragment',
      code: `const target = decodeURIComponent(window.location.hash.substring(1));
$('#continue').attr('href', target); // vigil-expect`,
    },
    {
      name: 'JSX link and frame URLs from the query string',
      filename: 'nav.jsx',
      code: `export function Back() {
  const next = new URLSearchParams(window.location.search).get('next');
  return (
    <div>
      <a
        href={next} // vigil-expect
      >
        back
      </a>
      <iframe
        src={window.location.hash.slice(1)} // vigil-expect
      />
    </div>
  );
}`,
    },
    {
      name: 'link href from the query string',
      code: `const params = new URLSearchParams(location.search);
document.querySelector('a#back')!.href = params.get('return'); // vigil-expect`,
    },
    {
      name: 'iframe src from postMessage',
      code: `window.addEventListener('message', (ev) => {
  frame.src = ev.data.url; // vigil-expect
});`,
    },
    {
      name: 'setAttribute href from localStorage',
      code: `const link = localStorage.getItem('homepage');
anchor.setAttribute('href', link); // vigil-expect`,
    },
    {
      name: 'Vue options API: :href and v-bind:href of the route query, an iframe :src',
      filename: 'Login.vue',
      code: `<template>
  <nav>
    <a :href="next">continue</a> // vigil-expect
    <a
      v-bind:href="$route.query.back" // vigil-expect
    >back</a>
    <iframe :src="preview"></iframe> // vigil-expect
  </nav>
</template>
<script>
export default {
  data() {
    return { next: '/' };
  },
  computed: {
    preview() {
      return this.$route.query.embed;
    },
  },
  created() {
    this.next = this.$route.query.next || '/';
  },
};
</script>`,
    },
    {
      name: 'Vue script setup: useRoute().query.next in :href, a form :action, the same-name shorthand',
      filename: 'Return.vue',
      code: `<script setup lang="ts">
import { computed } from 'vue';
import { useRoute } from 'vue-router';
const route = useRoute();
const next = computed(() => String(route.query.next ?? '/'));
const href = route.hash.slice(1);
</script>
<template>
  <a :href="next" class="btn">Continue</a> // vigil-expect
  <form :action="\`\${next}\`" method="post"><button>Go</button></form> // vigil-expect
  <a :href>top</a> // vigil-expect
</template>`,
    },
    {
      name: 'Svelte: href={…} of the page URL, href="{…}", the {href} shorthand, an iframe src',
      filename: 'src/routes/login/+page.svelte',
      code: `<script>
  import { page } from '$app/stores';
  $: next = $page.url.searchParams.get('next') ?? '/';
  const href = $page.url.hash.slice(1);
</script>
<a href={$page.url.searchParams.get('next')}>continue</a> // vigil-expect
<a class="btn" href="{next}">continue</a> // vigil-expect
<a {href}>here</a> // vigil-expect
<iframe title="preview" src={next}></iframe> // vigil-expect`,
    },
    {
      name: 'JSX xlinkHref of an SVG link from the fragment',
      filename: 'icon.jsx',
      code: `export const Jump = () => (
  <svg>
    <a
      xlinkHref={location.hash.slice(1)} // vigil-expect
    >
      <text>go</text>
    </a>
  </svg>
);`,
    },
    {
      name: '<object data> on an element from the DOM or named as one',
      code: `const next = new URLSearchParams(location.search).get('movie');
const player = document.createElement('object');
player.data = next; // vigil-expect
document.getElementById('viewer').data = next; // vigil-expect
const embedEl = container.querySelector('object');
embedEl.data = next; // vigil-expect`,
    },
    {
      name: 'a link URL in a browser module that also loads a Node module name',
      code: `import path from 'path';
const link = document.querySelector('a.next');
link.href = path.join('/', location.hash.slice(1)); // vigil-expect`,
    },
  ],
  valid: [
    {
      name: 'the data of a request options object is no <object>',
      code: `async function xhr(options) {
  options.url = location.pathname + options.url;
  options.headers = options.headers || {};
  if (options.data) options.data = JSON.stringify({ from: location.search });
  options.data = location.hash.slice(1);
  return fetch(options.url, options);
}`,
    },
    {
      name: 'link objects built in Node server code',
      code: `const querystring = require('querystring');
exports.addLinkTags = function (req, res, tags) {
  tags.forEach((rel) => {
    rel.href = '/' + req.query.url + rel.href;
    res.locals.linkTags.push(rel);
  });
};`,
    },
    {
      // None of these can start with a scheme: the page's own query or fragment, or a scheme that navigates nowhere.
      name: "a link to the page's own query or fragment, or to mailto:/tel:",
      code: `const q = new URLSearchParams(location.search).get('q');
document.getElementById('tab').href = '?tab=' + q;
document.getElementById('top').href = \`#\${q}\`;
document.getElementById('mail').href = 'mailto:' + q;
document.getElementById('call').setAttribute('href', 'tel:' + q);`,
    },
    {
      name: "a web scheme checked at the start; the page's own URL cut from its start",
      code: `const t = new URL(location.href).searchParams.get('t');
if (/^https?:\\/\\//.test(t)) link.href = t;
link.href = location.href.split('#')[0];`,
    },
    {
      name: "the page's own URL parsed or linked to",
      code: `const parser = document.createElement('a');
parser.href = location.href;
shareLink.setAttribute('href', document.URL);`,
    },
    {
      name: 'a blob: URL of downloaded data',
      code: `export async function download() {
  const data = await (await fetch('/api/export')).text();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([data], { type: 'text/plain' }));
  a.click();
}`,
    },
    {
      name: 'jQuery attr of a non-URL attribute',
      code: `$('#continue').attr('title', window.location.hash);`,
    },
    {
      name: 'JSX props where a javascript: URL runs nothing, or of a component',
      filename: 'nav.jsx',
      code: `export function Pic() {
  const u = new URLSearchParams(window.location.search).get('u');
  return (
    <div>
      <img src={u} alt="" />
      <Avatar href={u} />
      <a title={u} href="/home">home</a>
    </div>
  );
}`,
    },
    {
      name: 'fixed path prefix',
      code: `el.href = '/items/' + encodeURIComponent(location.hash.slice(1));`,
    },
    {
      name: 'protocol check',
      code: `const u = new URL(location.hash.slice(1), location.href);
if (u.protocol === 'https:') a.href = u.href;`,
    },
    { name: 'a non-URL attribute', code: `el.setAttribute('title', location.hash);` },
    { name: 'constant href', code: `el.href = 'https://example.com/help';` },
    {
      name: 'Vue: constant or constant-prefixed URLs, images, router links, components and props',
      filename: 'Profile.vue',
      code: `<template>
  <div>
    <a :href="'/home'">home</a>
    <a :href="\`/user/\${next}\`">profile</a>
    <a :href="'/u/' + next">user</a>
    <a :href="'https://example.com/search?q=' + next">search</a>
    <img :src="next" alt="" />
    <router-link :to="next">continue</router-link>
    <el-link :href="next">continue</el-link>
    <el-upload :action="next" :data="next" />
    <use :xlink:href="next" />
    <a :href="link">{{ next }}</a>
  </div>
</template>
<script>
export default {
  props: ['link'],
  data() {
    return { next: '' };
  },
  created() {
    this.next = this.$route.query.next;
  },
};
</script>`,
    },
    {
      name: 'Svelte: text with a constant start, constants, images, components, props and text',
      filename: 'src/routes/+page.svelte',
      code: `<script>
  import { page } from '$app/stores';
  import Link from '$lib/Link.svelte';
  export let link;
  $: next = $page.url.searchParams.get('next');
</script>
<a href="/profile/{next}">profile</a>
<a href="https://example.com/search?q={next}">search</a>
<form action="/article/{next}?/favorite" method="POST"><button>fav</button></form>
<a href="/about">about</a>
<a href={'/about'}>about</a>
<img src={next} alt="" />
<Link href={next}>continue</Link>
<a href={link}>{next}</a>
<p title="<a href={next}>">{next}</p>`,
    },
  ],
} satisfies RuleCases;
