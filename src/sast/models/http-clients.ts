import type { SinkSpec } from '../taint/spec.ts';

/**
 * Where a server makes an outgoing connection, per library, from each library's documented API:
 * the argument that is the URL (or host), and the option keys that carry it when the call takes an
 * options object. Other options (`params`, `data`, `headers`, `path` beside a fixed host) are data,
 * not a destination. The js/ssrf rule reads these.
 */

const URL_KEYS = ['url', 'uri', 'baseURL', 'baseUrl', 'prefixUrl', 'origin', 'host', 'hostname'];

/** `m`, `m.get`, `m.post`… for a client whose verbs take the URL first. */
export function verbs(client: string, names: readonly string[]): string[] {
  return [client, ...names.map((v) => `${client}.${v}`)];
}

const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'];

/** WHATWG fetch and its Node implementations (their call resolves to the response). */
export const FETCH_FUNCTIONS = [
  'fetch',
  'node-fetch',
  'node-fetch.default',
  'cross-fetch',
  'cross-fetch.fetch',
  'isomorphic-fetch',
];

const URL_FIRST = [
  ...FETCH_FUNCTIONS,
  'make-fetch-happen',
  // Hono's proxy helper: fetch() that hands the answer back to the client.
  'hono/proxy.proxy',
  'undici.fetch',
  'undici.request',
  'undici.stream',
  'undici.pipeline',
  'undici.connect',
  'undici.Client',
  'undici.Pool',
  // axios(url | config), axios.get(url), instances from axios.create().
  ...verbs('axios', [...HTTP_VERBS, 'getUri']),
  'axios.create',
  ...verbs('axios.create()', HTTP_VERBS),
  'axios.default',
  ...verbs('axios.default', HTTP_VERBS),
  // NestJS's HttpService wraps axios (its verbs, and the instance itself as `axiosRef`).
  ...verbs('@nestjs/axios.HttpService', HTTP_VERBS).slice(1),
  ...verbs('@nestjs/axios.HttpService.axiosRef', HTTP_VERBS),
  // got(url | options), got.extend() instances.
  ...verbs('got', [...HTTP_VERBS, 'stream', 'paginate', 'extend']),
  ...verbs('got.extend()', [...HTTP_VERBS, 'stream']),
  // Node core: http(s).get/request(url | options).
  'http.get',
  'http.request',
  'https.get',
  'https.request',
  'http2.connect',
  // request and its promise wrappers; `request.defaults()` instances.
  ...['request', 'request-promise', 'request-promise-native', 'requestretry'].flatMap((m) => [
    ...verbs(m, ['get', 'post', 'put', 'patch', 'del', 'delete', 'head']),
    ...verbs(`${m}.defaults()`, ['get', 'post', 'put', 'patch', 'del', 'delete', 'head']),
  ]),
  // needle.get/head(url); needle(method, url) and needle.request(method, url) below.
  'needle.get',
  'needle.head',
  'needle.post',
  'needle.put',
  'needle.patch',
  'needle.delete',
  // superagent.get(url); superagent(method, url) below.
  ...['superagent', 'superagent-bluebird-promise'].flatMap((m) =>
    ['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options'].map((v) => `${m}.${v}`),
  ),
  // ky(url), ky.get(url), ky.create/extend({ prefixUrl }).
  ...verbs('ky', ['get', 'post', 'put', 'patch', 'delete', 'head', 'create', 'extend']),
  ...verbs('ky-universal', ['get', 'post', 'put', 'patch', 'delete', 'head']),
  // urllib.request(url), urllib.curl(url); phin(url | { url }); simple-get; wreck.
  'urllib.request',
  'urllib.curl',
  'urllib.requestThunk',
  'phin',
  'phin.promisified',
  'simple-get',
  'simple-get.concat',
  '@hapi/wreck.request',
  '@hapi/wreck.get',
  '@hapi/wreck.post',
  // bent('json') returns a client whose argument is the URL; bent(baseUrl, …) fixes its base.
  'bent',
  'bent()',
  // Renderers that load a URL: wkhtmltopdf(url | html), wkhtmltoimage.generate(url), html-pdf.
  'wkhtmltopdf',
  'wkhtmltoimage.generate',
  'html-pdf.create',
  'webshot',
  // Headless browsers: puppeteer and playwright pages, phantom pages.
  '*.newPage().goto',
  '*.createPage().open',
  '*.createPage().openUrl',
];

export const SSRF_SINKS: SinkSpec[] = [
  { call: URL_FIRST, args: [0], keys: URL_KEYS, label: 'the URL of an outgoing request' },
  {
    // needle(method, url), needle.request(method, url), superagent(method, url).
    call: ['needle', 'needle.request', 'superagent', 'superagent-bluebird-promise'],
    args: [1],
    label: 'the URL of an outgoing request',
  },
  {
    // A page handed around as a parameter has no library path; its name says what it is.
    call: ['?.goto', '?.open', '?.openUrl'],
    receiver: '^page$|Page$',
    args: [0],
    label: 'the URL a headless browser opens',
  },
  {
    // HTML a server-side browser renders: its <img>, <iframe>, <link> and scripts are fetched by
    // the server (puppeteer/playwright `page.setContent(html)`, phantom `page.setContent(html, url)`).
    call: ['*.newPage().setContent', '*.createPage().setContent'],
    args: [0],
    label: 'HTML a headless browser renders',
  },
  { call: ['?.setContent'], receiver: '^page$|Page$', args: [0], label: 'HTML a headless browser renders' },
  {
    // phantom `page.property('content', html)` sets the page's HTML like setContent.
    call: ['*.createPage().property'],
    firstLiteral: '^content$',
    args: [1],
    label: 'HTML a headless browser renders',
  },
  {
    call: ['?.property'],
    receiver: '^page$|Page$',
    firstLiteral: '^content$',
    args: [1],
    label: 'HTML a headless browser renders',
  },
  {
    // net.connect(port, host), new net.Socket().connect(port, host), tls.connect(port, host).
    call: [
      'net.connect',
      'net.createConnection',
      'net.Socket().connect',
      'tls.connect',
      '*.Socket().connect',
    ],
    args: [0, 1],
    keys: ['host', 'path'],
    label: 'the host of an outgoing connection',
  },
];

/**
 * Script text a headless browser page runs (puppeteer/playwright `page.evaluate('…')`, phantom
 * `page.evaluateJavaScript`): code injection into a browser that can reach the server's network.
 * A function argument is constant code; its extra arguments are data and are not sinks.
 */
export const BROWSER_SCRIPT_SINKS: SinkSpec[] = [
  {
    call: ['evaluate', 'evaluateOnNewDocument', 'addScriptTag', 'evaluateHandle']
      .flatMap((m) => [`*.newPage().${m}`])
      .concat(['*.createPage().evaluateJavaScript', '*.createPage().evaluate']),
    args: [0],
    label: 'script run in a headless browser page',
  },
  {
    call: ['?.evaluate', '?.evaluateOnNewDocument', '?.evaluateHandle', '?.evaluateJavaScript'],
    receiver: '^page$|Page$',
    args: [0],
    label: 'script run in a headless browser page',
  },
];
