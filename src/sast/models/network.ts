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
  ...['ky', 'ky.create()', 'ky.extend()', 'ky-universal'].flatMap((c) =>
    verbs(c, ['get', 'post', 'put', 'patch', 'delete', 'head']),
  ),
];

/**
 * Data-fetching hooks (SWR, TanStack Query and its older name): their `data` is what the fetcher
 * returned, whatever the key the cache files it under (`useSWR('/api/metrics/' + id, fetcher)`).
 */
const FETCH_HOOKS = [
  'swr',
  'swr.useSWR',
  'swr/immutable',
  'swr/infinite',
  ...[
    '@tanstack/react-query',
    '@tanstack/vue-query',
    '@tanstack/svelte-query',
    '@tanstack/solid-query',
    'react-query',
  ].flatMap((m) =>
    ['useQuery', 'useSuspenseQuery', 'useInfiniteQuery', 'useQueries', 'createQuery'].map((h) => `${m}.${h}`),
  ),
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
  opaqueResults: [...RESPONDERS, ...FETCH_HOOKS],
  sources: RESPONDERS.map((path): SourceModel => ({
    path,
    call: true,
    kind: 'network',
    label: `the response of ${path}()`,
  })),
};
