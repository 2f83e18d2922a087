import type { FrameworkModel, SourceModel } from '../taint/spec.ts';

const ROUTE = '@angular/router.ActivatedRoute';
/** Parts of the activated route that the address bar sets, as values and as observables. */
const PARTS = ['queryParams', 'params', 'fragment'];
const MAPS = ['queryParamMap', 'paramMap'];
/** HttpClient calls: their observable yields the server's answer, not what was sent. */
const HTTP = ['get', 'post', 'put', 'patch', 'delete', 'request', 'jsonp'].map(
  (m) => `@angular/common/http.HttpClient.${m}`,
);

/**
 * Angular: the router's view of the URL, read from an injected `ActivatedRoute`
 * (`constructor(private route: ActivatedRoute)` or `route = inject(ActivatedRoute)`: the field takes
 * the class's path), in its snapshot
 * or through its observables (`route.queryParams.subscribe((p) => …)`). HttpClient's answers are
 * the `network` source fetch's are.
 */
export const angular: FrameworkModel = {
  framework: 'angular',
  hints: ['\\bActivatedRoute\\b', '\\bHttpClient\\b'],
  // An observable hands what it carries to its subscriber.
  callbacks: [{ method: 'subscribe', param: 0 }],
  opaqueResults: HTTP,
  injectors: ['@angular/core.inject'],
  sources: [
    ...PARTS.flatMap((p): SourceModel[] => [
      { path: `${ROUTE}.snapshot.${p}`, kind: 'dom', label: `ActivatedRoute.snapshot.${p}` },
      { path: `${ROUTE}.${p}`, kind: 'dom', label: `ActivatedRoute.${p}` },
    ]),
    ...MAPS.flatMap((m): SourceModel[] => [
      {
        path: `${ROUTE}.snapshot.${m}.get`,
        call: true,
        kind: 'dom',
        label: `ActivatedRoute.snapshot.${m}.get()`,
      },
      { path: `${ROUTE}.${m}`, kind: 'dom', label: `ActivatedRoute.${m}` },
    ]),
    ...HTTP.map((path): SourceModel => ({
      path,
      call: true,
      kind: 'network',
      label: `HttpClient.${path.slice(path.lastIndexOf('.') + 1)}()`,
    })),
  ],
};
