import { sentAsNoPage } from '../../src/sast/content-type.ts';
import { honoContext } from '../../src/sast/models/hono.ts';
import { resolverFor } from '../../src/sast/resolve.ts';
import { withoutFindings } from '../../src/sast/taint/filter.ts';
import { defineTaintRule } from '../../src/sast/taint/rule.ts';

const rule = defineTaintRule(
  {
    id: 'js/reflected-xss',
    kind: 'sast',
    title: 'Reflected XSS: request data is written into an HTML response',
    severity: 'high',
    cwe: ['CWE-79'],
    owasp: ['A03:2021-Injection'],
    help:
      'Request data goes back in a response body (`res.send`, `res.write`, `res.end`, `ctx.body = …`, ' +
      "Fastify's `reply.type('text/html').send`, a Fetch `new Response(body, { headers })` declared as " +
      '`text/html`) without HTML escaping; a `<script>` in a link then runs ' +
      "in the victim's session. Escape for HTML (`escape-html`, `he.encode`, `validator.escape`), send " +
      'JSON with `res.json`, or render through a template engine that escapes by default: ' +
      "`res.send('<p>Hello ' + escapeHtml(req.query.name) + '</p>')`. Data given to `res.render` is " +
      'reported where the template writes it unescaped (`<%- x %>`, `!{x}`, `{{{x}}}`, `{{ x | safe }}`): ' +
      'write it with the escaping tag (`<%= x %>`, `#{x}`, `{{x}}`, `{{ x }}`) instead.',
    fixHint: 'Escape for HTML, send JSON, or render through an auto-escaping template.',
  },
  {
    sources: ['remote'],
    sinks: [
      {
        call: [
          '@Response.send',
          '@Response.write',
          '@Response.end',
          '@Reply.type().send',
          '@Reply.header().send',
          // Hono's `c.html(x)` answers `text/html`.
          ...honoContext('html'),
        ],
        args: [0],
        skipLiteralObjects: true,
        label: 'an HTML response',
      },
      // A Fetch API response (Next.js route handlers, Hono, Remix, Workers): a string body is
      // text/plain unless the init's headers say HTML.
      {
        call: ['Response', 'next/server.NextResponse'],
        args: [0],
        when: [{ arg: 1, key: 'headers', present: true, matches: 'text/html|xhtml' }],
        skipLiteralObjects: true,
        label: 'an HTML response',
      },
      // The data of a server-side view: a finding where the template writes a name unescaped
      // (`<%- bio %>`, `!{bio}`, `{{{bio}}}`, `{{ bio | safe }}`), reported at that template line.
      {
        call: ['@Response.render', '@KoaContext.render', '@Reply.view'],
        args: [1],
        view: true,
        label: "a view's data",
      },
      {
        assign: ['@KoaContext.body', '@KoaContext.response.body'],
        skipLiteralObjects: true,
        label: 'an HTML response',
      },
    ],
    // Header values and the Host are their sender's choice alone (spec.ts, `header`, `requester`).
    sanitisedBy: ['numeric', 'html', 'json', 'header', 'requester'],
    guards: ['allow', 'lookup', 'type', 'scheme'],
  },
);

/** Less the writes to a response already declared as text (`res.type('text/plain')`) or a download. */
export default withoutFindings(rule, (context, node) => sentAsNoPage(resolverFor(context.ast), node));
