import { SCRIPT_URL_ATTRIBUTES } from '../../src/sast/dom.ts';
import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/dom-url-injection',
    kind: 'sast',
    title: 'Client-side URL injection: untrusted data sets a link, frame or script URL',
    severity: 'medium',
    cwe: ['CWE-79', 'CWE-601'],
    owasp: ['A03:2021-Injection'],
    help:
      'Data from the page URL, `postMessage` or storage sets `a.href`, `iframe.src`, `script.src`, ' +
      '`form.action` or the same through `setAttribute`, jQuery `.attr()`/`.prop()`, a JSX prop (`<a href={…}>`) ' +
      'or a Vue or Svelte template binding (`<a :href="…">`, `<a href={…}>`). A `javascript:` URL runs script when clicked or ' +
      'loaded, and a script or frame URL loads attacker content. Parse and check the scheme and host: ' +
      "`const u = new URL(input, location.href); if (u.protocol === 'https:' && ALLOWED.has(u.host)) a.href = u.href;`",
    fixHint: 'Parse with new URL and allow only https: URLs on known hosts.',
  },
  {
    sources: ['dom', 'storage', 'remote'],
    sinks: [
      {
        assign: ['*.href', '*.src', '*.action', '*.formAction'],
        // The page's own location is the open-redirect rule's.
        exclude: ['location.href', 'document.location.href', 'window.location.href'],
        dom: true,
        label: 'a URL attribute',
      },
      // `<object data>`: `data` is as often a request's or an event's payload (`options.data`).
      { assign: ['*.data'], dom: true, element: true, label: 'a URL attribute' },
      {
        call: ['*.setAttribute', '$().attr', 'jQuery().attr', 'jquery().attr', '$().prop', 'jQuery().prop'],
        args: [1],
        firstLiteral: '^(href|src|action|formaction|xlink:href|data)$',
        dom: true,
        label: 'a URL attribute',
      },
      // React before 19 renders a `javascript:` URL in these props as it is (with a warning). Vue and
      // Svelte templates bind the same attributes: src/sast/components.ts writes those as the
      // property assignments above (`*.href = …`).
      ...SCRIPT_URL_ATTRIBUTES.map((a) => ({
        jsxAttribute: [a.jsx],
        jsxElements: [...a.elements],
        label: 'a URL attribute',
      })),
    ],
    sanitisedBy: ['numeric', 'prefixed', 'url'],
    // The page's own path, query or fragment first (`location.pathname + '/export'`): elsewhere only
    // where the page is served at a path starting with `//` (a catch-all route).
    weakenedBy: ['delimited'],
    guards: ['allow', 'lookup', 'prefix', 'scheme'],
  },
);
