import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule } from '../../src/sast/rule.ts';
import { memberName, propertyKey, resolverFor, unwrap } from '../../src/sast/resolve.ts';
import { hasAny, wordsAround } from '../../src/sast/naming.ts';
import { isTestFile } from '../../src/sast/test-files.ts';

/** Schemes that carry data unencrypted. */
const CLEARTEXT = /^(?:http|ftp|ws):\/\//i;
/** Hosts that never leave the machine or are reserved for documentation (RFC 2606, RFC 6761). */
const LOCAL_HOSTS = new Set([
  'localhost',
  '0.0.0.0',
  '[::1]',
  '::1',
  'example.com',
  'example.org',
  'example.net',
]);
const LOCAL_SUFFIXES = [
  '.localhost',
  '.local',
  '.test',
  '.example',
  '.invalid',
  '.example.com',
  '.example.org',
  '.example.net',
];
/** Hosts of XML namespaces and schema identifiers: names, never fetched. */
const NAMESPACE_HOSTS = new Set([
  'www.w3.org',
  'w3.org',
  'schemas.xmlsoap.org',
  'schemas.openxmlformats.org',
  'schemas.microsoft.com',
  'schemas.android.com',
  'purl.org',
  'xmlns.com',
  'ns.adobe.com',
  'json-schema.org',
  'www.opengis.net',
  'docs.oasis-open.org',
  'www.sitemaps.org',
]);
/** Keys and attributes whose value is an identifier, not an address (JWT issuers and audiences too). */
const NAMESPACE_KEYS = new Set([
  'xmlns',
  '$schema',
  '$id',
  'namespace',
  'ns',
  'issuer',
  'iss',
  'audience',
  'aud',
]);
/** Names of values that are addresses something connects to. */
const ENDPOINT_WORDS = new Set(
  'url uri urls endpoint endpoints host server api base origin href src action link proxy registry webhook callback redirect feed socket ws'.split(
    ' ',
  ),
);
/** gRPC factories of channels and servers without TLS. */
const GRPC_INSECURE = new Set(
  ['grpc', '@grpc/grpc-js'].flatMap((m) => [
    `${m}.credentials.createInsecure`,
    `${m}.ServerCredentials.createInsecure`,
  ]),
);

/** The host of an absolute URL's text (up to the port, path, query or an interpolation). */
function hostOf(url: string): string {
  const start = url.indexOf('://') + 3;
  let end = start;
  if (url[start] === '[') end = url.indexOf(']', start) + 1 || url.length;
  while (end < url.length && !'/:?#$'.includes(url[end]!)) end++;
  return url.slice(start, end).toLowerCase();
}

function isLocalHost(host: string): boolean {
  if (LOCAL_HOSTS.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  return LOCAL_SUFFIXES.some((s) => host.endsWith(s));
}

/** An attribute, key or `$schema`-style slot that names rather than addresses. */
function isNamespaceSlot(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'JSXAttribute') {
    const name = parent.name.type === 'JSXIdentifier' ? parent.name.name : parent.name.namespace.name;
    return name === 'xmlns';
  }
  if (parent?.type === 'Property' && parent.value === node) {
    const key = propertyKey(parent);
    return key !== undefined && NAMESPACE_KEYS.has(key);
  }
  // setAttributeNS('http://www.w3.org/…', …), createElementNS(…)
  return (
    parent?.type === 'CallExpression' &&
    parent.callee.type === 'MemberExpression' &&
    parent.callee.property.type === 'Identifier' &&
    parent.callee.property.name.endsWith('NS')
  );
}

/** Option keys that put data on the wire with a request. */
const DATA_KEYS = new Set([
  'body',
  'data',
  'form',
  'formData',
  'json',
  'headers',
  'auth',
  'multipart',
  'cookie',
  'cookies',
]);
const SENDING_METHODS = new Set(['post', 'put', 'patch']);

function isSendingMethod(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  return n.type === 'Literal' && typeof n.value === 'string' && SENDING_METHODS.has(n.value.toLowerCase());
}

/** Fields holding the target of the request being served (a path and query, no host). */
const REQUEST_TARGETS = new Set(['url', 'originalUrl', 'path']);

/** The base of `new URL(target, base)` where target is the served request's own `url`. */
function isParsingBase(call: TSESTree.NewExpression, node: TSESTree.Node): boolean {
  const [target, base] = call.arguments;
  if (base !== node || call.callee.type !== 'Identifier' || call.callee.name !== 'URL' || !target)
    return false;
  const t = unwrap(target);
  return t.type === 'MemberExpression' && REQUEST_TARGETS.has(memberName(t) ?? '');
}

/**
 * How a URL literal is used. `definition`: stored (a constant, a property, a default, an
 * attribute), whoever uses it may send anything — the place to fix it. `sends`: given straight to
 * a call that sends data (a body, headers, credentials; POST/PUT/PATCH) or opens a socket.
 * `fetches`: given straight to a call that only fetches or redirects to a constant address.
 */
function usage(node: TSESTree.Node): 'definition' | 'sends' | 'fetches' {
  const call = node.parent;
  if ((call?.type !== 'CallExpression' && call?.type !== 'NewExpression') || call.callee === node) {
    return 'definition';
  }
  if (call.type === 'NewExpression') {
    // `new URL(req.url, 'http://x')`: a base that only lets the request's own target be parsed.
    if (isParsingBase(call, node)) return 'fetches';
    return 'sends'; // new WebSocket(url), new EventSource(url), clients
  }
  const callee = unwrap(call.callee);
  const method =
    callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : '';
  if (SENDING_METHODS.has(method.toLowerCase())) return 'sends';
  for (const arg of call.arguments) {
    if (arg === node) continue;
    if (isSendingMethod(arg)) return 'sends';
    const a = unwrap(arg);
    if (a.type !== 'ObjectExpression') continue;
    for (const p of a.properties) {
      if (p.type !== 'Property') continue;
      const key = propertyKey(p);
      if (key && DATA_KEYS.has(key)) return 'sends';
      if (key === 'method' && isSendingMethod(p.value)) return 'sends';
    }
  }
  return 'fetches';
}

export default defineRule({
  meta: {
    id: 'js/cleartext-transport',
    kind: 'sast',
    title: 'Data sent over a cleartext protocol (http://, ftp://, ws://, insecure gRPC)',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-319'],
    owasp: ['A02:2021-Cryptographic Failures'],
    help:
      'An `http://`, `ftp://` or `ws://` address, or a gRPC channel built with ' +
      '`credentials.createInsecure()`, sends requests, cookies and tokens unencrypted, and lets ' +
      'anyone on the path read or change them (and the code or data that comes back). vigil reports ' +
      'URL literals with these schemes where they are defined (a constant, a property, a default, a ' +
      'JSX attribute: medium precision when the name says address — url, endpoint, host, api, ' +
      'baseURL… — low otherwise) and where they go straight into a call that sends data (a body, ' +
      'headers or credentials, POST/PUT/PATCH, a socket: medium), plus insecure gRPC credentials. A ' +
      'constant URL passed straight to a plain GET or a redirect is not reported (nothing is sent; ' +
      'what comes back can still be tampered with), nor the base of `new URL(req.url, "http://x")`, ' +
      "which only parses the served request's own target. It stays silent for localhost, 127.0.0.0/8, " +
      'reserved documentation and test domains (example.com, .test, .local…), XML namespace and ' +
      'schema identifiers (`xmlns`, w3.org), text that merely mentions a scheme, and test files. ' +
      'Use `https://`, `ftps://`/`sftp`, `wss://` and `grpc.credentials.createSsl()`.',
    fixHint: 'Use https:// / wss:// / sftp, and TLS credentials for gRPC.',
  },
  hint: /(?:http|ftp|ws):\/\/|createInsecure/i,
  create(context) {
    if (isTestFile(context.filename)) return {};
    const resolver = resolverFor(context.ast);
    const checkUrl = (node: TSESTree.Node, text: string) => {
      if (!CLEARTEXT.test(text)) return;
      const host = hostOf(text);
      if (isLocalHost(host) || NAMESPACE_HOSTS.has(host) || isNamespaceSlot(node)) return;
      const use = usage(node);
      if (use === 'fetches') return;
      const scheme = text.slice(0, text.indexOf(':')).toLowerCase();
      const endpoint = use === 'sends' || hasAny(wordsAround(node).target, ENDPOINT_WORDS);
      context.report({
        node,
        precision: endpoint ? 'medium' : 'low',
        message: `${scheme}:// sends data unencrypted${host ? ` to ${host}` : ''}; use ${scheme === 'ftp' ? 'sftp or ftps' : `${scheme}s`}://.`,
      });
    };
    return {
      Literal(node: TSESTree.Literal) {
        if (typeof node.value === 'string' && node.value.length > 6) checkUrl(node, node.value);
      },
      TemplateLiteral(node: TSESTree.TemplateLiteral) {
        const head = node.quasis[0]?.value.cooked;
        if (head) checkUrl(node, head);
      },
      CallExpression(node: TSESTree.CallExpression) {
        // Named createInsecure whatever the module: a name test spares other calls the scope analysis.
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || memberName(callee) !== 'createInsecure') return;
        const target = resolver.resolve(callee);
        if (!target || !GRPC_INSECURE.has(target)) return;
        // A client channel to this machine's loopback is not on any network path.
        const outer = node.parent;
        if (outer?.type === 'NewExpression' || outer?.type === 'CallExpression') {
          const address = outer.arguments[0];
          const v =
            address && address.type !== 'SpreadElement' ? resolver.staticValue(unwrap(address)) : undefined;
          if (
            typeof v?.value === 'string' &&
            isLocalHost(hostOf(`grpc://${v.value}`)) &&
            hostOf(`grpc://${v.value}`) !== '0.0.0.0'
          )
            return;
        }
        context.report({ node, message: 'The gRPC channel has no TLS: its calls travel in cleartext.' });
      },
    };
  },
});
