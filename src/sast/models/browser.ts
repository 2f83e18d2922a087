import type { Flag, FrameworkModel, SourceModel } from '../taint/spec.ts';

const LOCATION_PARTS = ['hash', 'search', 'href', 'pathname', 'toString'];
/**
 * The page's whole URL starts with its own scheme and host: as a link or a redirect it goes
 * nowhere new (`prefixed`), while its text still carries whatever the query or fragment holds.
 * Its path, query and fragment start with `/`, `?` and `#` (`delimited`): after a base URL the
 * program chose they stay on that base's host. The fragment is '' or starts with `#` (`fragment`).
 */
const WHOLE_URL = new Set(['href', 'toString']);

/** The browser: the URL, the referrer, cookies, storage, window.name and cross-window messages. */
export const browser: FrameworkModel = {
  framework: 'browser',
  // A member of one of these globals read, or the global itself assigned or passed on.
  hints: [
    '\\b(location|document|localStorage|sessionStorage)\\s*[.[]',
    // An alias or an argument (`= document`, `(location`); not a key or parameter named so
    // (`{ document: true }`, `(location: string)`), as generated option schemas write.
    '[=(,:]\\s*(location|document|localStorage|sessionStorage)\\b(?!\\s*:)',
    '\\baddEventListener\\s*\\(\\s*[\'"]message[\'"]',
    '\\bonmessage\\b',
    '(window|self|globalThis)\\.name\\b',
  ],
  handlers: [
    {
      framework: 'browser',
      call: '*.addEventListener',
      // The page's own service worker (same origin, the site's own script) posts these.
      exceptCall: ['navigator.serviceWorker.addEventListener'],
      firstArg: 'message',
      params: ['@MessageEvent'],
      windowOnly: true,
    },
    {
      framework: 'browser',
      call: 'addEventListener',
      firstArg: 'message',
      params: ['@MessageEvent'],
      windowOnly: true,
    },
  ],
  sources: [
    ...LOCATION_PARTS.flatMap((p): SourceModel[] => {
      // A URL's serialisation holds no line break (the parser drops them; `%0A` stays encoded).
      const flags: Flag[] = WHOLE_URL.has(p)
        ? ['prefixed', 'crlf']
        : p === 'hash'
          ? ['delimited', 'fragment', 'crlf']
          : ['delimited', 'crlf'];
      return [
        { path: `location.${p}`, kind: 'dom', label: `location.${p}`, flags },
        { path: `document.location.${p}`, kind: 'dom', label: `document.location.${p}`, flags },
      ];
    }),
    { path: 'document.URL', kind: 'dom', label: 'document.URL', flags: ['prefixed'] },
    { path: 'document.documentURI', kind: 'dom', label: 'document.documentURI', flags: ['prefixed'] },
    { path: 'document.baseURI', kind: 'dom', label: 'document.baseURI', flags: ['prefixed'] },
    // The page the user came from: navigating back there is no redirect (open-redirect's
    // `referrer`), though a script loaded from it would still be the referrer site's code.
    { path: 'document.referrer', kind: 'dom', label: 'document.referrer', flags: ['referrer'] },
    { path: 'document.cookie', kind: 'dom', label: 'document.cookie' },
    { path: 'name', kind: 'dom', label: 'window.name' },
    { path: '@MessageEvent.data', kind: 'dom', label: 'message event data' },
    { path: 'localStorage.getItem', call: true, kind: 'storage', label: 'localStorage.getItem()' },
    { path: 'sessionStorage.getItem', call: true, kind: 'storage', label: 'sessionStorage.getItem()' },
  ],
  // A jQuery method gives back its own set (setters, traversal) or what the elements hold (getters),
  // never its arguments: `$('<audio>').attr('src', url)` is the element, no HTML made of `url`.
  opaqueResults: ['$().*', 'jQuery().*', 'jquery().*'],
};
