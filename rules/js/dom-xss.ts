import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ReportDescriptor } from '../../src/sast/rule.ts';
import { isSafeHtml } from '../../src/sast/html.ts';
import {
  calledMember,
  isDocumentLike,
  isHtmlIsh,
  isJQuery,
  isJQuerySelector,
  isScriptElement,
  leadingText,
  ownClassProperty,
} from '../../src/sast/dom.ts';
import {
  calleeName,
  findProperty,
  memberName,
  propertyKey,
  resolverFor,
  unwrap,
  type Resolver,
} from '../../src/sast/resolve.ts';
import { withoutFindings } from '../../src/sast/taint/filter.ts';
import { defineTaintRule, type TaintAudit } from '../../src/sast/taint/rule.ts';

type Node = TSESTree.Node;
type Arg = TSESTree.CallExpressionArgument;

/**
 * Documents a server builds to read HTML (happy-dom, jsdom, linkedom): markup parsed into them, by
 * `innerHTML` or a `DOMParser`, runs no script (the HTML standard's rules, which they follow), and
 * no user's page shows them. Their `document.write` stays a sink.
 */
const SERVER_DOMS = ['happy-dom.*', 'jsdom.*', 'linkedom.*'];

const REACT_PROP = 'dangerouslySetInnerHTML';
/** JSX props that set an element's innerHTML to their value: Vue 2's Babel JSX, Vue 3 JSX, Preact, Solid. */
const HTML_JSX_PROPS = ['domPropsInnerHTML', 'innerHTML'];
const HTML_PROPERTIES = new Set(['innerHTML', 'outerHTML', 'srcdoc']);
/** Vue render functions: `h('div', { innerHTML: x })` (Vue 3), `{ domProps: { innerHTML: x } }` (Vue 2). */
const VNODE_FACTORIES = new Set(['h', 'createVNode', 'createElement', 'createElementVNode']);
/** A `<script>` element's text is its code. */
const SCRIPT_TEXT = new Set(['text', 'textContent', 'innerText']);
/** Element methods that parse an argument as HTML, and which argument. */
const HTML_METHODS = new Map([
  ['insertAdjacentHTML', 1],
  ['createContextualFragment', 0],
  ['setHTMLUnsafe', 0],
  ['parseHTMLUnsafe', 0],
  // WinJS.Utilities: the unchecked twins of its safe setters.
  ['setInnerHTMLUnsafe', 1],
  ['setOuterHTMLUnsafe', 1],
  ['insertAdjacentHTMLUnsafe', 2],
]);
/** jQuery methods that parse a string argument as HTML (`.html` always, the others when it is markup). */
const JQUERY_INSERT = new Set([
  'append',
  'prepend',
  'after',
  'before',
  'replaceWith',
  'wrap',
  'wrapAll',
  'wrapInner',
]);

/** A constant URL, or one whose constant start fixes the origin: `https://cdn.example/…`, `//cdn…/`, `/static/…`. */
function pinnedUrl(resolver: Resolver, node: Node): boolean {
  if (resolver.staticValue(node)) return true;
  return /^(?:(?:https?:)?\/\/[^/]+\/|\/(?!\/))/i.test(leadingText(resolver, node));
}

/** Names every non-jQuery sink of the pattern half is spelled with (`write` on a document only). */
const HTML_SINK_NAMES =
  /\bv-html\b|\{@html\b|\b(?:dangerouslySetInnerHTML|domPropsInnerHTML|innerHTML|outerHTML|srcdoc|insertAdjacentHTML|createContextualFragment|setHTMLUnsafe|parseHTMLUnsafe|setInnerHTMLUnsafe|setOuterHTMLUnsafe|insertAdjacentHTMLUnsafe|setAttribute|createElement|jQuery|write|writeln)\b/;

/** The pattern half: the shape of the weakness with no untrusted source proven (precision medium). */
const nonConstantHtml: TaintAudit = {
  precision: 'medium',
  scope: 'everywhere',
  // Every sink is spelled with one of these names (a component's template sinks as written, see
  // src/sast/components.ts); `write` only counts on a receiver named for a document, and jQuery's
  // methods only on `$…`/`jQuery`.
  hint: (text) =>
    HTML_SINK_NAMES.test(text) ||
    // jQuery: `$(html)`, or an HTML-parsing method on a `$…` receiver.
    (/\$[\w(]/.test(text) &&
      /\$\(|\.(?:html|append|prepend|after|before|replaceWith|wrap|wrapAll|wrapInner)\s*\(/.test(text)),
  create(context, propose) {
    const report = (node: Node, message: string, precision?: ReportDescriptor['precision']) =>
      propose({ node, message, ...(precision ? { precision } : {}) });
    const unsafe = (resolver: Resolver, arg: Arg | undefined): arg is TSESTree.Expression =>
      arg !== undefined && arg.type !== 'SpreadElement' && !isSafeHtml(resolver, arg);
    // React: `{ __html: x }`, given inline or through a constant binding.
    const reactHtml = (value: Node, at: Node) => {
      const resolver = resolverFor(context.ast);
      let obj = unwrap(value);
      if (obj.type === 'Identifier') obj = resolver.constantInit(obj) ?? obj;
      const html = findProperty(obj, '__html');
      if (html ? isSafeHtml(resolver, html.value) : obj.type === 'ObjectExpression') return;
      report(at, `${REACT_PROP} receives HTML that is neither constant nor sanitised.`);
    };
    return {
      JSXAttribute(node: TSESTree.JSXAttribute) {
        if (node.name.type !== 'JSXIdentifier') return;
        const name = node.name.name;
        if (name !== REACT_PROP && !HTML_JSX_PROPS.includes(name)) return;
        const value = node.value;
        if (value?.type !== 'JSXExpressionContainer' || value.expression.type === 'JSXEmptyExpression')
          return;
        if (name === REACT_PROP) reactHtml(value.expression, node);
        else if (unsafe(resolverFor(context.ast), value.expression))
          report(node, `Non-constant HTML set as the ${name} prop.`);
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        if (node.left.type !== 'MemberExpression') return;
        const prop = memberName(node.left);
        if (!prop) return;
        if (HTML_PROPERTIES.has(prop)) {
          const resolver = resolverFor(context.ast);
          if (isSafeHtml(resolver, node.right) || ownClassProperty(resolver, node.left.object, prop, node))
            return;
          report(node, `Non-constant HTML assigned to ${prop}.`);
        } else if (SCRIPT_TEXT.has(prop)) {
          const resolver = resolverFor(context.ast);
          if (!isScriptElement(resolver, node.left.object) || resolver.staticValue(node.right)) return;
          report(node, `Non-constant code assigned to a <script> element's ${prop}.`, 'high');
        } else if (prop === 'src') {
          const resolver = resolverFor(context.ast);
          if (isScriptElement(resolver, node.left.object) && !pinnedUrl(resolver, node.right)) {
            report(node, 'A <script> element loads code from a URL whose origin is not constant.');
          }
        }
      },
      CallExpression(node: TSESTree.CallExpression) {
        const callee = calledMember(node.callee);
        if (callee.type !== 'MemberExpression') {
          // $('<li>' + name + '</li>') parses its argument as HTML.
          const name = calleeName(callee);
          if (name !== '$' && name !== 'jQuery') return;
          const resolver = resolverFor(context.ast);
          const arg = node.arguments[0];
          if (arg && isHtmlIsh(resolver, arg) && unsafe(resolver, arg)) {
            report(node, `Non-constant HTML passed to ${name}().`);
          }
          return;
        }
        const name = memberName(callee);
        if (!name) return;
        const index = HTML_METHODS.get(name);
        if (index !== undefined) {
          const resolver = resolverFor(context.ast);
          if (unsafe(resolver, node.arguments[index])) report(node, `Non-constant HTML passed to ${name}().`);
        } else if (name === 'write' || name === 'writeln') {
          const resolver = resolverFor(context.ast);
          // document.write(a, b) writes every argument.
          if (isDocumentLike(resolver, callee.object) && node.arguments.some((a) => unsafe(resolver, a))) {
            report(node, `Non-constant HTML passed to document.${name}().`);
          }
        } else if (name === 'html' || JQUERY_INSERT.has(name)) {
          const resolver = resolverFor(context.ast);
          const arg = node.arguments[0];
          if (!unsafe(resolver, arg) || !isJQuery(resolver, callee.object)) return;
          // .html(fn) / .append(element) take no markup; .append(x) parses x only when it is a string.
          if (arg.type === 'ArrowFunctionExpression' || arg.type === 'FunctionExpression') return;
          if (name !== 'html' && !isHtmlIsh(resolver, arg)) return;
          report(node, `Non-constant HTML passed to jQuery .${name}().`);
        } else if (name === 'setAttribute') {
          const resolver = resolverFor(context.ast);
          const attr = node.arguments[0] && resolver.staticValue(node.arguments[0]);
          const value = node.arguments[1];
          if (typeof attr?.value !== 'string' || !value || value.type === 'SpreadElement') return;
          if (attr.value.toLowerCase() === 'src' && isScriptElement(resolver, callee.object)) {
            if (!pinnedUrl(resolver, value)) {
              report(node, 'A <script> element loads code from a URL whose origin is not constant.');
            }
            return;
          }
          if (!/^on[a-z]+$/i.test(attr.value) || resolver.staticValue(value)) return;
          report(node, `Non-constant code set as the ${attr.value} event handler attribute.`, 'high');
        }
      },
      Property(node: TSESTree.Property) {
        if (node.parent.type !== 'ObjectExpression') return;
        // React.createElement('div', { dangerouslySetInnerHTML: { __html: x } })
        if (propertyKey(node) === REACT_PROP) return reactHtml(node.value, node);
        if (propertyKey(node) !== 'innerHTML') return;
        const holder = node.parent.parent;
        const vnode =
          (holder?.type === 'CallExpression' &&
            holder.arguments[1] === node.parent &&
            VNODE_FACTORIES.has(calleeName(holder.callee) ?? '')) ||
          (holder?.type === 'Property' && propertyKey(holder) === 'domProps');
        if (!vnode || isSafeHtml(resolverFor(context.ast), node.value)) return;
        report(node, 'Non-constant HTML set as a render function innerHTML prop.');
      },
      // A tag is called with the template's strings first and its expressions after them:
      // document.write`<b>${x}</b>` writes x, el.insertAdjacentHTML`${pos}${html}` parses html.
      TaggedTemplateExpression(node: TSESTree.TaggedTemplateExpression) {
        const tag = calledMember(node.tag);
        if (tag.type !== 'MemberExpression') return;
        const name = memberName(tag);
        if (!name) return;
        const resolver = resolverFor(context.ast);
        const values = node.quasi.expressions;
        const index = HTML_METHODS.get(name);
        if (index !== undefined) {
          const value = index === 0 ? undefined : values[index - 1];
          if (value && unsafe(resolver, value)) report(node, `Non-constant HTML passed to ${name}().`);
        } else if ((name === 'write' || name === 'writeln') && isDocumentLike(resolver, tag.object)) {
          if (values.some((e) => !isSafeHtml(resolver, e))) {
            report(node, `Non-constant HTML passed to document.${name}().`);
          }
        }
      },
    };
  },
};

const rule = defineTaintRule(
  {
    id: 'js/dom-xss',
    kind: 'sast',
    title: 'DOM XSS: non-constant HTML is written into the page',
    severity: 'high',
    cwe: ['CWE-79'],
    owasp: ['A03:2021-Injection'],
    help:
      '`innerHTML`, `outerHTML`, `srcdoc`, `insertAdjacentHTML`, `setHTMLUnsafe`, `document.write`, ' +
      '`createContextualFragment`, jQuery `$(…)`/`.html()` (and `.append()`/`.after()`… of markup), ' +
      "WinJS `set…HTMLUnsafe`, React's `dangerouslySetInnerHTML`, the JSX `innerHTML` props of Vue, Preact " +
      "and Solid, and component templates' Vue `v-html` " +
      'and Svelte `{@html}` parse their input as HTML, so ' +
      "markup or script in it runs in the page; so does a non-constant `<script>` element's text or " +
      '`on…` attribute. Data from the URL, the referrer, `postMessage`, storage or a request that ' +
      'reaches one is reported at precision very-high; non-constant, unsanitised HTML with no source ' +
      'in view, at medium. Write text with `el.textContent = value` (React: render it as children), ' +
      'build elements with `document.createElement`, or sanitise first: ' +
      '`el.innerHTML = DOMPurify.sanitize(html)`.',
    fixHint: 'Use textContent / React text, or sanitise with DOMPurify.sanitize before inserting HTML.',
  },
  {
    sources: ['remote', 'dom', 'storage'],
    sinks: [
      { assign: ['*.innerHTML', '*.outerHTML', '*.srcdoc'], exclude: SERVER_DOMS, label: 'an HTML sink' },
      { call: ['*.insertAdjacentHTML'], args: [1], exclude: SERVER_DOMS, label: 'an HTML sink' },
      {
        call: ['*.createContextualFragment', '*.parseFromString', '*.setHTMLUnsafe', '*.parseHTMLUnsafe'],
        args: [0],
        exclude: SERVER_DOMS,
        label: 'an HTML sink',
      },
      // document.write(a, b) writes every argument; a frame's or a popup's document is a document too.
      {
        call: [
          'document.write',
          'document.writeln',
          '*.document.write',
          '*.document.writeln',
          '*.contentDocument.write',
          '*.contentDocument.writeln',
        ],
        args: 'all',
        label: 'an HTML sink',
      },
      // WinJS.Utilities' unchecked setters: (element, html) and (element, position, html).
      {
        call: ['WinJS.Utilities.setInnerHTMLUnsafe', 'WinJS.Utilities.setOuterHTMLUnsafe'],
        args: [1],
        label: 'an HTML sink',
      },
      { call: ['WinJS.Utilities.insertAdjacentHTMLUnsafe'], args: [2], label: 'an HTML sink' },
      // Since jQuery 1.6.3 a string that starts with `#` is a selector, never HTML.
      { call: ['$', 'jQuery', 'jquery'], args: [0], sanitisedBy: ['fragment'], label: 'a jQuery HTML sink' },
      {
        call: [
          '$().html',
          '$().append',
          '$().prepend',
          '$().after',
          '$().before',
          '$().replaceWith',
          '$().wrap',
          '$().wrapAll',
          '$().wrapInner',
          ...['html', 'append', 'prepend', 'after', 'before', 'replaceWith'].flatMap((m) => [
            `jquery().${m}`,
            `jQuery().${m}`,
          ]),
        ],
        args: [0],
        label: 'a jQuery HTML sink',
      },
      { jsxAttribute: ['dangerouslySetInnerHTML'], label: 'dangerouslySetInnerHTML' },
      { jsxAttribute: HTML_JSX_PROPS, label: 'an HTML sink' },
    ],
    sanitisedBy: ['numeric', 'html', 'json'],
    guards: ['allow', 'lookup', 'type', 'scheme'],
  },
  nonConstantHtml,
);

/** Less `$('#' + id)`: a string that starts with a constant other than `<` is a selector, not HTML. */
export default withoutFindings(rule, (context, node) => isJQuerySelector(resolverFor(context.ast), node));
