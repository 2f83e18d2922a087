import type { FrameworkModel, SourceModel } from '../taint/spec.ts';

/** Parts of the current route that the address bar sets: whoever sends the link chooses them. */
const ROUTE_PARTS = ['query', 'params', 'hash', 'fullPath'];

const route = (base: string, label: string): SourceModel[] =>
  ROUTE_PARTS.map((p) => ({ path: `${base}.${p}`, kind: 'dom', label: `${label}.${p}` }));

/**
 * Vue and Svelte components (src/sast/components.ts): the router's view of the URL. Vue Router's
 * `useRoute()` (Nuxt's too) and an options-API component's `this.$route` (`$route` in a template); SvelteKit's
 * `$page` store and Svelte 5's `page` state. A page's `data` prop is what its server load
 * function returned: the application's own data, not a source.
 */
export const components: FrameworkModel = {
  framework: 'components',
  hints: ['\\$route\\b', '\\buseRoute\\b', '\\$page\\b', '\\$app/(?:state|stores)\\b'],
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
  ],
  // `computed(() => route.query.q)` holds what its getter returns (Vue; Svelte 5's `$derived.by`).
  callbackResults: ['vue.computed', '@vue/reactivity.computed', '$derived.by'],
};
