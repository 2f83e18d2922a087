import { honoContext } from '../../src/sast/models/hono.ts';
import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/stack-trace-exposure',
    kind: 'sast',
    title: "Stack trace exposure: a caught error's stack is sent to the client",
    severity: 'medium',
    cwe: ['CWE-209', 'CWE-497'],
    owasp: ['A05:2021-Security Misconfiguration'],
    help:
      "A caught error's `stack` goes back in the response (`res.send(err.stack)`, an Express error " +
      'middleware that writes it, `ctx.body = e.stack`). It names source files, library versions and ' +
      'code paths, which tells an attacker what runs on the server and where input broke it. Log ' +
      "the stack on the server and send a generic message with an id: `log.error(err); res.status(500).send('Internal error ' + id)`.",
    fixHint: 'Log the stack server-side; send the client a generic message.',
  },
  {
    sources: ['exception'],
    sinks: [
      {
        call: ['@Response.send', '@Response.write', '@Response.end', '@Response.json', '@Reply.send'],
        args: [0],
        label: 'the response body',
      },
      { assign: ['@KoaContext.body', '@KoaContext.response.body'], label: 'the response body' },
      // Hono's `c.text(x)`, `c.json(x)`, `c.html(x)`, `c.body(x)`.
      { call: ['text', 'json', 'html', 'body'].flatMap(honoContext), args: [0], label: 'the response body' },
    ],
    sanitisedBy: [],
    guards: [],
  },
);
