// Deliberately vulnerable browser code — see examples/README.md.
export class Preview {
  constructor(sanitizer) {
    this.sanitizer = sanitizer;
  }

  render(comment) {
    return this.sanitizer.bypassSecurityTrustHtml(comment.body); // vuln: js/xss-sanitizer-bypass
  }
}

export function joinParentSite() {
  document.domain = 'acme.io'; // vuln: js/document-domain
}

export function shareToken(token) {
  window.parent.postMessage({ token }, '*'); // vuln: js/postmessage-star-origin
}

export function listenForTheme(apply) {
  window.addEventListener('message', (event) => apply(event.data.theme)); // vuln: js/postmessage-origin-unchecked
  window.addEventListener('message', (event) => {
    // safe: js/postmessage-origin-unchecked
    if (event.origin === 'https://acme.io') apply(event.data.theme);
  });
  window.addEventListener('message', (event) => {
    if (event.origin.startsWith('https://acme.io')) apply(event.data.theme); // vuln: js/incomplete-url-check
  });
}

// A quote escaped once: `it's Bob's` keeps its second quote inside the inline script.
export function greetingScript(name) {
  return "<script>greet('" + name.replace("'", "\\'") + "')</script>"; // vuln: js/incomplete-sanitization
}

// Safe look-alike: every quote escaped.
export function greetingScriptEscaped(name) {
  return "<script>greet('" + name.replace(/'/g, "\\'") + "')</script>"; // safe: js/incomplete-sanitization
}

// A link filter that refuses javascript: but lets data:text/html through to an iframe.
export function frameSource(url) {
  if (url.trim().toLowerCase().startsWith('javascript:')) return 'about:blank'; // vuln: js/incomplete-url-scheme-check
  return url;
}

// "Ends with .acme.io" by indexOf: `.acme.i`, one letter short, passes: -1 on both sides.
export function isAcmeHost(host) {
  return host.indexOf('.acme.io') === host.length - '.acme.io'.length; // vuln: js/incorrect-suffix-check
}

// `&` escaped last: the `&lt;` made just before becomes `&amp;lt;`.
export function escapeTitle(title) {
  return title.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/&/g, '&amp;'); // vuln: js/double-escaping
}

// One pass of removal: `<scr<script>ipt>` becomes `<script>`.
export function stripScriptTags(html) {
  return html.replace(/<script[^>]*>/gi, ''); // vuln: js/incomplete-sanitization
}

// A script check without the i flag: `<SCRIPT>` passes.
export function assertNoScripts(html) {
  if (/<script>[\s\S]*?<\/script>/.test(html)) throw new Error('scripts are not allowed'); // vuln: js/bad-tag-filter
  return html;
}
