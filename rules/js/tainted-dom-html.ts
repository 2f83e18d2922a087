import { isJQuerySelector } from '../../src/sast/dom.ts';
import { resolverFor } from '../../src/sast/resolve.ts';
import { withoutFindings } from '../../src/sast/taint/filter.ts';
import { defineTaintRule } from '../../src/sast/taint/rule.ts';

const rule = defineTaintRule(
  {
    id: 'js/tainted-dom-html',
    kind: 'sast',
    title: 'DOM XSS: untrusted data is written into the page as HTML',
    severity: 'high',
    cwe: ['CWE-79'],
    owasp: ['A03:2021-Injection'],
    help:
      'Data from the URL, the referrer, `postMessage`, storage or a request reaches an HTML sink ' +
      '(`innerHTML`, `outerHTML`, `insertAdjacentHTML`, `setHTMLUnsafe`, `document.write`, jQuery `$(…)`/`.html()`, React ' +
      '`dangerouslySetInnerHTML`, `srcdoc`). Markup in it becomes live script. Use `textContent`, let ' +
      'React render text, or sanitise first: `el.innerHTML = DOMPurify.sanitize(html)`.',
    fixHint: 'Use textContent / React text, or sanitise with DOMPurify.sanitize before inserting HTML.',
  },
  {
    sources: ['remote', 'dom', 'storage'],
    sinks: [
      { assign: ['*.innerHTML', '*.outerHTML', '*.srcdoc'], label: 'an HTML sink' },
      { call: ['*.insertAdjacentHTML'], args: [1], label: 'an HTML sink' },
      {
        call: ['*.createContextualFragment', '*.parseFromString', '*.setHTMLUnsafe', '*.parseHTMLUnsafe'],
        args: [0],
        label: 'an HTML sink',
      },
      // document.write(a, b) writes every argument; a frame's or a popup's document is a document too.
      {
        call: [
          'document.write',
          'document.writeln',
          '*.document.write',
          '*.document.writeln',
          '*.contentDocument.write',
          '*.contentDocument.writeln',
        ],
        args: 'all',
        label: 'an HTML sink',
      },
      // WinJS.Utilities' unchecked setters: (element, html) and (element, position, html).
      {
        call: ['WinJS.Utilities.setInnerHTMLUnsafe', 'WinJS.Utilities.setOuterHTMLUnsafe'],
        args: [1],
        label: 'an HTML sink',
      },
      { call: ['WinJS.Utilities.insertAdjacentHTMLUnsafe'], args: [2], label: 'an HTML sink' },
      {
        call: [
          '$',
          'jQuery',
          'jquery',
          '$().html',
          '$().append',
          '$().prepend',
          '$().after',
          '$().before',
          '$().replaceWith',
          '$().wrap',
          '$().wrapAll',
          '$().wrapInner',
          ...['html', 'append', 'prepend', 'after', 'before', 'replaceWith'].flatMap((m) => [
            `jquery().${m}`,
            `jQuery().${m}`,
          ]),
        ],
        args: [0],
        label: 'a jQuery HTML sink',
      },
      { jsxAttribute: ['dangerouslySetInnerHTML'], label: 'dangerouslySetInnerHTML' },
    ],
    sanitisedBy: ['numeric', 'html', 'json'],
    guards: ['allow', 'type'],
    supersedes: ['js/dom-xss', 'js/react-dangerous-html'],
  },
);

/** Less `$('#' + id)`: a string that starts with a constant other than `<` is a selector, not HTML. */
export default withoutFindings(rule, (context, node) => isJQuerySelector(resolverFor(context.ast), node));
