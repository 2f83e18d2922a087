import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'constant markup',
      code: `const EMPTY = '<p>No results</p>';\nel.innerHTML = '<b>hi</b>';\nlist.innerHTML = EMPTY;\nel.innerHTML = '';`,
    },
    { name: 'text, not HTML', code: `el.textContent = comment;\nel.innerText = comment;` },
    {
      name: 'numbers in markup',
      code: `badge.innerHTML = '<b>' + Number(count) + '</b>';\nbar.innerHTML = \`<i style="width:\${Math.round(p * 100)}%"></i>\`;`,
    },
    {
      name: 'sanitised',
      code: `import DOMPurify from 'dompurify';\nel.innerHTML = DOMPurify.sanitize(html);\nel.insertAdjacentHTML('beforeend', escapeHtml(name));`,
    },
    {
      name: 'a write method that is not document.write',
      code: `stream.write(chunk);\nlogger.writeln(line);`,
    },
    { name: 'document.write of a constant', code: `document.write('<p>loading…</p>');` },
  ],
  invalid: [
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
  ],
} satisfies RuleCases;
