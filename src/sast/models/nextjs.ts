import type { FrameworkModel } from '../taint/spec.ts';

/** An App Router page, whose default export receives the request's `params` and `searchParams`. */
const PAGE_FILE = '(^|/)page\\.[jt]sx?$';

/**
 * Next.js: API routes are `(req, res)` handlers (the Express model covers them); App Router route
 * handlers are exported GET/POST/… functions taking a NextRequest; pages receive `searchParams`
 * and `params`; getServerSideProps receives a context with the query.
 */
export const nextjs: FrameworkModel = {
  framework: 'nextjs',
  hints: [
    '\\b(getServerSideProps|NextRequest|searchParams|useSearchParams|useParams|useRouter)\\b',
    // Route handlers and middleware are exported under these names.
    '\\b(export\\s+(async\\s+)?(function\\s*|const\\s+|let\\s+|var\\s+)|as\\s+|exports\\.)(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|middleware)\\b',
  ],
  // A page destructuring its props, `function Page({ params })`: only in a page file, the one place
  // its props are the request's (a validator's `message: ({ params }) => …` elsewhere is not).
  fileHints: [{ file: PAGE_FILE, hints: ['\\(\\s*\\{\\s*params\\b', '\\bparams\\s*\\}\\s*[:)]'] }],
  handlers: [
    {
      framework: 'nextjs',
      exportNames: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
      params: ['@NextRequest', '@NextRouteContext'],
    },
    { framework: 'nextjs', paramType: ['NextRequest'], params: ['@NextRequest'] },
    {
      framework: 'nextjs',
      exportNames: ['default'],
      file: PAGE_FILE,
      params: ['@NextPageProps'],
    },
    { framework: 'nextjs', exportNames: ['getServerSideProps'], params: ['@NextContext'] },
    // The one middleware file, at the root or in src/.
    {
      framework: 'nextjs',
      exportNames: ['middleware'],
      file: '(^|/)middleware\\.[jt]s$',
      params: ['@NextRequest'],
    },
  ],
  sources: [
    // A parsed URL: every part of it, and every search parameter, is text.
    { path: '@NextRequest.nextUrl', kind: 'remote', label: 'request.nextUrl', flags: ['string'] },
    { path: '@NextRequest.url', kind: 'remote', label: 'request.url' },
    { path: '@NextRequest.headers', kind: 'remote', label: 'request.headers', flags: ['header'] },
    { path: '@NextRequest.cookies', kind: 'remote', label: 'request.cookies' },
    { path: '@NextRequest.json', call: true, kind: 'remote', label: 'request.json()' },
    { path: '@NextRequest.text', call: true, kind: 'remote', label: 'request.text()' },
    { path: '@NextRequest.formData', call: true, kind: 'remote', label: 'request.formData()' },
    { path: '@NextRouteContext.params', kind: 'remote', label: 'route params' },
    { path: '@NextPageProps.searchParams', kind: 'remote', label: 'page searchParams' },
    { path: '@NextPageProps.params', kind: 'remote', label: 'page params' },
    // A page's query, parsed from its URL: text or lists of text, never an object the client built.
    { path: '@NextContext.query', kind: 'remote', label: 'context.query', flags: ['string'] },
    { path: '@NextContext.params', kind: 'remote', label: 'context.params' },
    { path: '@NextContext.req', kind: 'remote', label: 'context.req' },
    { path: 'next/navigation.useSearchParams', call: true, kind: 'remote', label: 'useSearchParams()' },
    { path: 'next/navigation.useParams', call: true, kind: 'remote', label: 'useParams()' },
    { path: 'next/router.useRouter().query', kind: 'remote', label: 'router.query', flags: ['string'] },
  ],
};
