import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  invalid: [
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
      code: `$('<div class="note">' + location.hash.slice(1) + '</div>').appendTo('body'); // vigil-expect
$(location.hash); // vigil-expect`,
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
  ],
  valid: [
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
      name: 'constant markup',
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
  ],
} satisfies RuleCases;
