import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
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
  ],
  valid: [
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
  ],
} satisfies RuleCases;
