import type { FrameworkModel, SourceModel } from '../taint/spec.ts';

/** Parts of the current route that the address bar sets: whoever sends the link chooses them. */
const ROUTE_PARTS = ['query', 'params', 'hash', 'fullPath'];

const route = (base: string, label: string): SourceModel[] =>
  ROUTE_PARTS.map((p) => ({ path: `${base}.${p}`, kind: 'dom', label: `${label}.${p}` }));

/** React Router (v6 `react-router-dom`, v7 `react-router`) and Remix: the URL through hooks. */
const REACT_ROUTERS = ['react-router-dom', 'react-router', '@remix-run/react'];
const reactRouter: SourceModel[] = REACT_ROUTERS.flatMap((m): SourceModel[] => [
  { path: `${m}.useParams`, call: true, kind: 'dom', label: 'useParams()' },
  { path: `${m}.useSearchParams`, call: true, kind: 'dom', label: 'useSearchParams()' },
  ...['search', 'hash', 'pathname'].map((p): SourceModel => ({
    path: `${m}.useLocation().${p}`,
    kind: 'dom',
    label: `useLocation().${p}`,
  })),
]);

/**
 * Vue and Svelte components (src/sast/components.ts) and React Router's hooks: the router's view of the URL. Vue Router's
 * `useRoute()` (Nuxt's too) and an options-API component's `this.$route` (`$route` in a template); SvelteKit's
 * `$page` store and Svelte 5's `page` state. A page's `data` prop is what its server load
 * function returned: the application's own data, not a source.
 */
export const components: FrameworkModel = {
  framework: 'components',
  hints: [
    '\\$route\\b',
    '\\buseRoute\\b',
    '\\$page\\b',
    '\\$app/(?:state|stores)\\b',
    '\\buse(?:Params|SearchParams|Location)\\b',
  ],
  sources: [
    ...route('vue-router.useRoute()', 'useRoute()'),
    // Nuxt imports it for the component (no import at all, or from its virtual modules).
    ...['useRoute()', '#app.useRoute()', '#imports.useRoute()'].flatMap((r) => route(r, 'useRoute()')),
    ...route('$route', '$route'),
    ...route('@VueInstance.$route', 'this.$route'),
    { path: '$page.url', kind: 'dom', label: '$page.url' },
    { path: '$page.params', kind: 'dom', label: '$page.params' },
    { path: '$app/state.page.url', kind: 'dom', label: 'page.url' },
    { path: '$app/state.page.params', kind: 'dom', label: 'page.params' },
    ...reactRouter,
  ],
  // `computed(() => route.query.q)` holds what its getter returns (Vue; Svelte 5's `$derived.by`;
  // React's `useMemo`, whose dependency list is no part of the value).
  callbackResults: [
    'vue.computed',
    '@vue/reactivity.computed',
    '$derived.by',
    ...['react', 'preact/hooks', 'preact/compat'].map((m) => `${m}.useMemo`),
  ],
};
