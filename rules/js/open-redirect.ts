import { honoContext } from '../../src/sast/models/hono.ts';
import { HEADER_SETTERS } from '../../src/sast/models/responses.ts';
import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/open-redirect',
    kind: 'sast',
    title: 'Open redirect: untrusted data chooses the redirect target',
    severity: 'medium',
    cwe: ['CWE-601'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      'A redirect (`res.redirect`, `ctx.redirect`, a `Location` header, `location.href = …`) goes where ' +
      "the request says. Phishing links then start on your domain and land on the attacker's, and a " +
      '`javascript:` target runs script in the page. Redirect only to local paths or allow-listed hosts: ' +
      "`const next = String(req.query.next); res.redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/');`",
    fixHint: 'Redirect to a fixed local path, or check the target against an allow-list.',
  },
  {
    sources: ['remote', 'dom', 'storage'],
    sinks: [
      // Express percent-encodes the target (encodeurl): a tab or line break after a leading `/`
      // stays in the path, where a browser would drop it and read `/\t/evil.com` as `//evil.com`.
      // (Koa's does too, but a `ctx` may be Hono's, whose `redirect` encodes nothing of it.)
      {
        call: ['@Response.redirect'],
        args: 'last',
        label: 'a redirect target',
        sanitisedBy: ['local'],
      },
      {
        call: [
          '@Reply.redirect',
          '@KoaContext.redirect',
          'next/navigation.redirect',
          'NextResponse.redirect',
          'next/server.NextResponse.redirect',
        ],
        args: 'last',
        label: 'a redirect target',
      },
      // Hono's `c.redirect(url, status)`: the URL first.
      { call: honoContext('redirect'), args: [0], label: 'a redirect target' },
      {
        call: HEADER_SETTERS,
        args: [1],
        firstLiteral: '^location$',
        label: 'the Location header',
      },
      {
        call: ['@Response.writeHead'],
        args: [1, 2],
        keys: ['Location', 'location'],
        label: 'the Location header',
      },
      // Express's res.location(url) sets the header a 3xx answer follows.
      {
        call: ['@Response.location'],
        args: [0],
        label: 'the Location header',
        sanitisedBy: ['local'],
      },
      {
        call: ['location.assign', 'location.replace', 'window.open', 'open'],
        args: [0],
        label: 'the page location',
      },
      {
        assign: ['location', 'location.href', 'document.location', 'document.location.href'],
        label: 'the page location',
      },
      // A new host name sends the page to another site; the path or query alone keeps it on this one.
      {
        assign: [
          'location.host',
          'location.hostname',
          'document.location.host',
          'document.location.hostname',
        ],
        label: 'the page location (its host)',
      },
    ],
    // A target the Host header chose sends only its own sender elsewhere (`requester`); the
    // Referer sends the client back where it came from (`referrer`).
    sanitisedBy: ['numeric', 'prefixed', 'url', 'requester', 'referrer'],
    // The page's own path, query or fragment first (`location.pathname + '/export'`): elsewhere only
    // where the page is served at a path starting with `//` (a catch-all route).
    weakenedBy: ['delimited'],
    guards: ['allow', 'lookup', 'prefix'],
  },
);
