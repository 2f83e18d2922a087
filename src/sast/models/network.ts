import type { FrameworkModel, SourceModel } from '../taint/spec.ts';
import { FETCH_FUNCTIONS, verbs } from './http-clients.ts';

/** Clients whose call resolves to the server's response (body, JSON, headers). */
const RESPONDERS = [
  ...FETCH_FUNCTIONS,
  'undici.fetch',
  'undici.request',
  ...['axios', 'axios.default', 'axios.create()'].flatMap((c) =>
    verbs(c, ['get', 'post', 'put', 'patch', 'delete', 'request']),
  ),
  ...['got', 'got.extend()'].flatMap((c) => verbs(c, ['get', 'post'])),
];

/**
 * HTTP responses: data another server chose. Often the application's own API, so kind `network`:
 * a likely flow (medium precision) wherever request data is untrusted, never a proven one.
 */
export const network: FrameworkModel = {
  framework: 'network',
  // A call of fetch, a module named …fetch, axios, undici; `got` is an English word too: only its
  // import counts.
  hints: [
    '\\bfetch\\s*\\(',
    '(require\\s*\\(\\s*|from\\s+|import\\s*\\(\\s*)[\'"][^\'"\\n.][^\'"\\n]{0,80}fetch[\'"]',
    '\\b(axios|undici)\\b',
    '[\'"]got[\'"]',
  ],
  likelyOnly: true,
  // The response is what the server chose, not what was sent: a request body or header given to the
  // call does not come back in its result (the server's own answer is the source above).
  opaqueResults: RESPONDERS,
  sources: RESPONDERS.map((path): SourceModel => ({
    path,
    call: true,
    kind: 'network',
    label: `the response of ${path}()`,
  })),
};
