/**
 * What a receiver in browser code is, told from the code alone: the page's document, a jQuery
 * collection, a `<script>` element, or an object of the file's own class that merely has a
 * property called `innerHTML`. Structural DOM rules ask these before they report.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleeName, memberName, propertyKey, unwrap, type Resolver } from './resolve.ts';

type Node = TSESTree.Node;

/**
 * Element attributes whose URL the browser follows or loads as it is, so that a `javascript:` URL
 * runs script (clicked, framed, submitted); `<img src>` runs none. By intrinsic element, as
 * `attribute` in HTML (a Vue or Svelte template), `jsx` as a JSX prop, and `property` the DOM
 * property that sets the same URL. `js/dom-url-injection` reads it for JSX, src/sast/components.ts
 * for templates.
 */
export const SCRIPT_URL_ATTRIBUTES: readonly {
  attribute: string;
  jsx: string;
  property: string;
  elements: readonly string[];
}[] = [
  { attribute: 'href', jsx: 'href', property: 'href', elements: ['a', 'area'] },
  // SVG's own link attribute: its `<a>` follows it like `href`.
  { attribute: 'xlink:href', jsx: 'xlinkHref', property: 'href', elements: ['a'] },
  { attribute: 'src', jsx: 'src', property: 'src', elements: ['iframe', 'frame', 'embed', 'script'] },
  { attribute: 'action', jsx: 'action', property: 'action', elements: ['form'] },
  { attribute: 'formaction', jsx: 'formAction', property: 'formAction', elements: ['button', 'input'] },
  { attribute: 'data', jsx: 'data', property: 'data', elements: ['object'] },
];

/** Levels of a method chain or alias followed back to its start. */
const MAX_CHAIN = 12;

/** Members that hold a document: `iframe.contentDocument`, `el.ownerDocument`, `win.document`. */
const DOCUMENT_MEMBERS = new Set(['document', 'contentDocument', 'ownerDocument']);
/** A name that says it holds a document: `iframeDocument`, `getDocument(id)`, `documentish`. */
const DOCUMENT_NAME = /document/i;

/** A callee as called: `(0, el.insertAdjacentHTML)(…)` and `(f = el.insertAdjacentHTML)(…)` call el's method. */
export function calledMember(callee: Node): Node {
  let c = unwrap(callee);
  for (let i = 0; i < MAX_CHAIN; i++) {
    if (c.type === 'SequenceExpression') c = unwrap(c.expressions[c.expressions.length - 1]!);
    else if (c.type === 'AssignmentExpression' && c.operator === '=') c = unwrap(c.right);
    else break;
  }
  return c;
}

/** The receiver of a `write`/`writeln` call is a document (the page's, a frame's, a new window's). */
export function isDocumentLike(resolver: Resolver, receiver: Node): boolean {
  const r = unwrap(receiver);
  const path = resolver.resolve(r);
  if (path === 'document' || path?.endsWith('.document')) return true;
  if (r.type === 'MemberExpression') return DOCUMENT_MEMBERS.has(memberName(r) ?? '');
  if (r.type === 'Identifier') return DOCUMENT_NAME.test(r.name);
  if (r.type === 'CallExpression') return DOCUMENT_NAME.test(calleeName(r.callee) ?? '');
  return false;
}

/**
 * A jQuery collection: `$(…)`, `jQuery(…)`, a chain of methods on one, or a name that says it holds
 * one by the usual `$` prefix (`$panel`, `this.$el`), directly or through a constant binding.
 */
export function isJQuery(resolver: Resolver, receiver: Node): boolean {
  let r = unwrap(receiver);
  for (let i = 0; i < MAX_CHAIN; i++) {
    if (r.type === 'CallExpression') {
      const callee = unwrap(r.callee);
      if (callee.type === 'Identifier') return callee.name === '$' || callee.name === 'jQuery';
      if (callee.type !== 'MemberExpression') return false;
      r = unwrap(callee.object);
    } else if (r.type === 'MemberExpression') {
      const name = memberName(r);
      return name !== undefined && name.length > 1 && name.startsWith('$');
    } else if (r.type === 'Identifier') {
      if (r.name.length > 1 && r.name.startsWith('$')) return true;
      const init = resolver.constantInit(r);
      if (!init) return false;
      r = unwrap(init);
    } else return false;
  }
  return false;
}

/** `document.createElement('script')`, directly or through a constant binding. */
export function isScriptElement(resolver: Resolver, node: Node): boolean {
  let n = unwrap(node);
  if (n.type === 'Identifier') n = unwrap(resolver.constantInit(n) ?? n);
  if (n.type !== 'CallExpression' || calleeName(n.callee) !== 'createElement') return false;
  const tag = n.arguments[0] && resolver.staticValue(n.arguments[0]);
  return typeof tag?.value === 'string' && tag.value.toLowerCase() === 'script';
}

/**
 * The object is an instance of a class of this file that declares `prop` itself (a field, an
 * accessor or a method): `this.innerHTML = …` in such a class, or `new Test(…).innerHTML = …`.
 * Such a property is the class's own, not the DOM's. `site` is the node being visited (the
 * traversal has set parent pointers up to it, not yet below it).
 */
export function ownClassProperty(resolver: Resolver, object: Node, prop: string, site: Node): boolean {
  const o = unwrap(object);
  let cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined;
  if (o.type === 'ThisExpression') cls = enclosingClass(site);
  else if (o.type === 'Identifier') {
    const init = resolver.constantInit(o);
    const made = init && unwrap(init);
    if (made?.type === 'NewExpression' && made.callee.type === 'Identifier') {
      const def = resolver.variableOf(made.callee)?.defs[0];
      if (def?.type === 'ClassName') cls = def.node;
    }
  }
  return (
    cls !== undefined &&
    cls.body.body.some(
      (m) =>
        (m.type === 'PropertyDefinition' || m.type === 'MethodDefinition' || m.type === 'AccessorProperty') &&
        !m.computed &&
        propertyKey(m as TSESTree.PropertyDefinition) === prop,
    )
  );
}

/** The class whose `this` a `this` is: the nearest class, unless a plain `function` comes first. */
function enclosingClass(node: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  for (let p: Node | undefined = node; p; p = p.parent) {
    if (p.type === 'ClassDeclaration' || p.type === 'ClassExpression') return p;
    if (
      p.type === 'FunctionDeclaration' ||
      (p.type === 'FunctionExpression' && p.parent?.type !== 'MethodDefinition')
    )
      return undefined;
  }
  return undefined;
}

/**
 * Looks like markup: a concatenation or template with a constant piece holding `<`
 * (`'<li>' + name`, `` `<b>${x}</b>` ``), directly or through a constant binding.
 */
export function isHtmlIsh(resolver: Resolver, node: Node): boolean {
  let n = unwrap(node);
  if (n.type === 'Identifier') n = unwrap(resolver.constantInit(n) ?? n);
  const pending: Node[] = [n];
  for (let budget = 64; pending.length && budget > 0; budget--) {
    const p = unwrap(pending.pop()!);
    if (p.type === 'Literal') {
      if (typeof p.value === 'string' && p.value.includes('<')) return true;
    } else if (p.type === 'TemplateLiteral') {
      if (p.quasis.some((q) => (q.value.cooked ?? '').includes('<'))) return true;
      pending.push(...p.expressions);
    } else if (p.type === 'BinaryExpression' && p.operator === '+') pending.push(p.left, p.right);
    else if (p.type === 'ConditionalExpression') pending.push(p.consequent, p.alternate);
  }
  return false;
}

/**
 * A jQuery call whose string can only be a selector: `$('#' + id)`, `` $(`.row-${n}`) ``. jQuery
 * parses a string as HTML only when it starts (after blanks) with `<`; a constant start that does
 * not is a selector, whatever follows.
 */
export function isJQuerySelector(resolver: Resolver, node: Node): boolean {
  if (node.type !== 'CallExpression') return false;
  const name = calleeName(node.callee);
  if (name !== '$' && name !== 'jQuery' && resolver.resolve(node.callee) !== 'jquery') return false;
  const arg = node.arguments[0];
  if (!arg || arg.type === 'SpreadElement') return false;
  const head = leadingText(resolver, arg).trimStart();
  return head !== '' && !head.startsWith('<');
}

/** The constant text a string expression starts with ('' when it starts with a non-constant). */
export function leadingText(resolver: Resolver, node: Node): string {
  let n = unwrap(node);
  for (let i = 0; i < MAX_CHAIN; i++) {
    const v = resolver.staticValue(n);
    if (v) return String(v.value);
    if (n.type === 'BinaryExpression' && n.operator === '+') n = unwrap(n.left);
    else if (n.type === 'TemplateLiteral') {
      const first = n.quasis[0]?.value.cooked ?? '';
      if (first.trim() !== '' || !n.expressions[0]) return first;
      n = unwrap(n.expressions[0]);
    } else return '';
  }
  return '';
}
