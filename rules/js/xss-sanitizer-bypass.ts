import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ReportDescriptor } from '../../src/sast/rule.ts';
import { defineTaintRule, type TaintAudit } from '../../src/sast/taint/rule.ts';
import { isSafeHtml } from '../../src/sast/html.ts';
import { calledMember } from '../../src/sast/dom.ts';
import {
  calleeName,
  findProperty,
  memberName,
  propertyKey,
  resolverFor,
  unwrap,
  type Resolver,
} from '../../src/sast/resolve.ts';

type Node = TSESTree.Node;
type Arg = TSESTree.CallExpressionArgument;

/** AngularJS `$sce.trustAs…`: which argument is the value, and whether it is HTML (escaping it helps). */
const SCE_TRUST = new Map<string, { arg: number; html: boolean }>([
  ['trustAs', { arg: 1, html: false }],
  ['trustAsHtml', { arg: 0, html: true }],
  ['trustAsCss', { arg: 0, html: false }],
  ['trustAsJs', { arg: 0, html: false }],
  ['trustAsUrl', { arg: 0, html: false }],
  ['trustAsResourceUrl', { arg: 0, html: false }],
]);
/** Angular `DomSanitizer.bypassSecurityTrust…`: the value is used as it is in that context. */
const ANGULAR_BYPASS = new Set([
  'bypassSecurityTrustHtml',
  'bypassSecurityTrustScript',
  'bypassSecurityTrustStyle',
  'bypassSecurityTrustUrl',
  'bypassSecurityTrustResourceUrl',
]);
/** AngularJS `$compileProvider` URL allow-lists (old and new names). */
const URL_LISTS = new Set([
  'aHrefSanitizationWhitelist',
  'imgSrcSanitizationWhitelist',
  'aHrefSanitizationTrustedUrlList',
  'imgSrcSanitizationTrustedUrlList',
]);
/** Wrappers that mark a string as markup to insert unescaped: Handlebars and lit. */
const MARKUP_WRAPPERS = new Set(['SafeString', 'unsafeHTML', 'unsafeSVG']);
/** Trusted Types policy hooks: an identity hook lets any string through as trusted. */
const POLICY_HOOKS = new Set(['createHTML', 'createScript', 'createScriptURL']);

/** A URL an allow-list must refuse. */
const SCRIPT_URL = 'javascript:alert(1)';

/** `$sce`, `this.$sce`, `vm.$sceDelegate`… */
function receiverNamed(object: Node, names: RegExp): boolean {
  const o = unwrap(object);
  if (o.type === 'Identifier') return names.test(o.name);
  return o.type === 'MemberExpression' && names.test(memberName(o) ?? '');
}

/** The truth value of a constant, folding `==`/`!=`/`===`/`!==` of two constants; undefined when not constant. */
function constantTruth(resolver: Resolver, node: Node): boolean | undefined {
  const n = unwrap(node);
  if (n.type === 'BinaryExpression' && ['==', '!=', '===', '!=='].includes(n.operator)) {
    const l = resolver.staticValue(n.left);
    const r = l && resolver.staticValue(n.right);
    if (!l || !r) return undefined;
    const equal = n.operator.length === 3 ? l.value === r.value : l.value == r.value;
    return n.operator.startsWith('!') ? !equal : equal;
  }
  const v = resolver.staticValue(n);
  return v ? Boolean(v.value) : undefined;
}

/** Does a constant allow-list pattern accept a `javascript:` URL? Undefined when not constant or not a regex. */
function acceptsScriptUrl(resolver: Resolver, node: Node): boolean | undefined {
  const v = resolver.staticValue(node);
  if (!v) return undefined;
  try {
    const re =
      v.value instanceof RegExp ? v.value : typeof v.value === 'string' ? new RegExp(v.value) : undefined;
    // The input is this short constant, not repository text: the pattern's run is bounded.
    return re?.test(SCRIPT_URL);
  } catch {
    return undefined;
  }
}

/** An options object literal whose `key` is the constant `value`. */
function optionIs(resolver: Resolver, options: Arg | undefined, key: string, value: boolean): boolean {
  const prop = options && options.type !== 'SpreadElement' ? findProperty(options, key) : undefined;
  return prop !== undefined && constantTruth(resolver, prop.value as Node) === value;
}

/** An object or array literal holding only constants (nested), so nothing in it comes from outside. */
function constantObject(resolver: Resolver, node: Node): boolean {
  const n = unwrap(node);
  if (resolver.staticValue(n)) return true;
  if (n.type === 'ArrayExpression')
    return n.elements.every((e) => e !== null && e.type !== 'SpreadElement' && constantObject(resolver, e));
  if (n.type !== 'ObjectExpression') return false;
  return n.properties.every(
    (p) => p.type === 'Property' && !p.computed && constantObject(resolver, p.value as Node),
  );
}

/** A function that hands back its first parameter unchanged: `(s) => s`, `function (s) { return s; }`. */
function isIdentity(node: Node): boolean {
  const f = unwrap(node);
  if (f.type !== 'ArrowFunctionExpression' && f.type !== 'FunctionExpression') return false;
  const p = f.params[0];
  if (p?.type !== 'Identifier') return false;
  let body: Node | undefined = f.body;
  if (body.type === 'BlockStatement') {
    const ret = body.body.length === 1 ? body.body[0] : undefined;
    body = ret?.type === 'ReturnStatement' ? (ret.argument ?? undefined) : undefined;
  }
  const b = body && unwrap(body);
  return b?.type === 'Identifier' && b.name === p.name;
}

/**
 * The pattern half: a non-constant value marked trusted, a protection switched off (precision high
 * unless said otherwise), in every file: the value's origin rarely shows where it is marked.
 */
const bypassShapes: TaintAudit = {
  precision: 'high',
  scope: 'everywhere',
  hint: /rehype-raw|escapeHtml|allowDangerousHtml|markdown-it|\$sce|\$sanitizeProvider|\$compileProvider|bypassSecurityTrust|execUnsafeLocalFunction|\bSafeString\b|\bunsafe(?:HTML|SVG)\b|\bcreate(?:HTML|Script|ScriptURL)\b|\bnoEscape\b|\bautoEscaping\b|\bescapeMarkup\b|\bunsafe\b/,
  create(context, propose) {
    const report = (node: Node, message: string, precision?: ReportDescriptor['precision']) =>
      propose({ node, message, ...(precision ? { precision } : {}) });
    /** Not constant (HTML: nor escaped/sanitised). */
    const trusted = (resolver: Resolver, arg: Arg | undefined, html: boolean): arg is TSESTree.Expression =>
      arg !== undefined &&
      arg.type !== 'SpreadElement' &&
      !(html ? isSafeHtml(resolver, arg) : resolver.staticValue(arg));
    const call = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const callee = calledMember(node.callee);
      const name = calleeName(callee);
      if (!name) return;
      const object = callee.type === 'MemberExpression' ? callee.object : undefined;
      const args = node.arguments;
      const sce = SCE_TRUST.get(name);
      const resolver = resolverFor(context.ast);
      if (sce && object && receiverNamed(object, /^\$sce(?:Delegate)?$/)) {
        if (trusted(resolver, args[sce.arg], sce.html)) {
          report(
            node,
            `$sce.${name}() marks a non-constant value as trusted, so AngularJS inserts it unchecked.`,
          );
        }
      } else if (ANGULAR_BYPASS.has(name)) {
        if (trusted(resolver, args[0], name === 'bypassSecurityTrustHtml')) {
          report(node, `${name}() of a non-constant value turns off Angular's sanitising for it.`);
        }
      } else if (MARKUP_WRAPPERS.has(name)) {
        if (trusted(resolver, args[0], true)) {
          report(node, `${name}() marks non-constant markup as safe to insert unescaped.`, 'medium');
        }
      } else if (name === 'enabled' && object && receiverNamed(object, /^\$sceProvider$/)) {
        const on = args[0] && args[0].type !== 'SpreadElement' ? constantTruth(resolver, args[0]) : true;
        if (on === false)
          report(node, "$sceProvider.enabled(false) turns off AngularJS's Strict Contextual Escaping.");
        else if (on === undefined) {
          report(
            node,
            '$sceProvider.enabled() of a non-constant may turn off Strict Contextual Escaping.',
            'medium',
          );
        }
      } else if (name === 'enableSvg' && object && receiverNamed(object, /^\$sanitizeProvider$/)) {
        const on = args[0] && args[0].type !== 'SpreadElement' ? constantTruth(resolver, args[0]) : false;
        if (on !== false) {
          report(
            node,
            '$sanitizeProvider.enableSvg() lets SVG through $sanitize (click-hijacking).',
            'medium',
          );
        }
      } else if (URL_LISTS.has(name) && object && receiverNamed(object, /^\$compileProvider$/)) {
        const arg = args[0];
        if (!arg || arg.type === 'SpreadElement') return;
        const accepts = acceptsScriptUrl(resolver, arg);
        if (accepts) report(node, `$compileProvider.${name}() admits javascript: URLs.`);
        else if (accepts === undefined) {
          report(
            node,
            `$compileProvider.${name}() of a non-constant pattern may admit javascript: URLs.`,
            'medium',
          );
        }
      } else if (
        (name === 'compile' || name === 'precompile') &&
        object &&
        // The option's name is Handlebars' own, so any receiver will do (an instance from
        // `Handlebars.create()`, a view engine's `.handlebars`).
        optionIs(resolver, args[1], 'noEscape', true)
      ) {
        // Handlebars makes any text (SQL, e-mail subjects, configuration, code): only a template that
        // is HTML in view proves the output is a page's.
        const source =
          args[0] && args[0].type !== 'SpreadElement' ? resolver.staticValue(args[0]) : undefined;
        const html = typeof source?.value === 'string' && HTML_TAG.test(source.value);
        report(
          node,
          `Handlebars ${name}() with noEscape: true inserts every value of the template unescaped.`,
          html ? undefined : 'medium',
        );
      } else if (
        name === 'autoEscaping' &&
        object &&
        (receiverNamed(object, /^Sqrl$/) || resolver.resolve(object) === 'squirrelly') &&
        args[0] &&
        args[0].type !== 'SpreadElement' &&
        constantTruth(resolver, args[0]) === false
      ) {
        report(node, 'Squirrelly autoEscaping(false) inserts every template value unescaped.');
      } else if (resolver.resolve(node.callee) === 'serialize-javascript') {
        const data = args[0];
        if (optionIs(resolver, args[1], 'unsafe', true) && data && data.type !== 'SpreadElement') {
          if (!constantObject(resolver, data))
            report(
              node,
              "serialize-javascript with unsafe: true does not escape '</script>' and other HTML in non-constant data written into a page.",
              'medium',
            );
        }
      } else if (
        name === 'execUnsafeLocalFunction' &&
        args[0] &&
        object &&
        resolver.resolve(object) === 'MSApp'
      ) {
        report(
          node,
          "MSApp.execUnsafeLocalFunction() turns off the app's HTML safety filter for its callback.",
        );
      }
    };
    /** `new MarkdownIt({ html: true })`: markdown-it passes raw HTML of the text through. */
    const markdownIt = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const resolver = resolverFor(context.ast);
      if (resolver.resolve(node.callee) !== 'markdown-it') return;
      const options = node.arguments.find((a) => a.type === 'ObjectExpression' || a.type === 'Identifier');
      if (optionIs(resolver, options, 'html', true))
        report(
          node,
          'markdown-it with html: true copies HTML written in the markdown into the page unsanitised.',
          'medium',
        );
    };
    return {
      CallExpression: (node) => {
        call(node);
        markdownIt(node);
      },
      NewExpression: (node) => {
        call(node);
        markdownIt(node);
      },
      // <ReactMarkdown rehypePlugins={[rehypeRaw]}>{text}</ReactMarkdown>: HTML in the text is rendered.
      JSXOpeningElement(node: TSESTree.JSXOpeningElement) {
        if (node.name.type !== 'JSXIdentifier') return;
        const resolver = resolverFor(context.ast);
        if (jsxModule(resolver, node.name) !== 'react-markdown') return;
        const why = rawMarkdownHtml(resolver, node);
        if (!why) return;
        const element = node.parent as TSESTree.JSXElement;
        const content = element.children.filter((c) => c.type !== 'JSXText' || c.value.trim() !== '');
        const source = node.attributes.find(
          (a): a is TSESTree.JSXAttribute =>
            a.type === 'JSXAttribute' &&
            a.name.type === 'JSXIdentifier' &&
            ['children', 'source'].includes(a.name.name),
        );
        const values = [...content, ...(source?.value ? [source.value] : [])];
        const constant = values.every(
          (v) =>
            v.type === 'JSXText' ||
            v.type === 'Literal' ||
            (v.type === 'JSXExpressionContainer' &&
              v.expression.type !== 'JSXEmptyExpression' &&
              resolver.staticValue(v.expression) !== undefined),
        );
        if (!constant)
          report(node, `react-markdown ${why} renders HTML written in the markdown unsanitised.`, 'medium');
      },
      // `x.escapeMarkup = false`: the template engine's HTML escaping turned off for what it renders.
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        const left = node.left;
        if (left.type !== 'MemberExpression' || memberName(left) !== 'escapeMarkup') return;
        if (constantTruth(resolverFor(context.ast), node.right) !== false) return;
        report(node, 'escapeMarkup = false turns off HTML escaping of rendered values.', 'medium');
      },
      // trustedTypes.createPolicy('p', { createHTML: (s) => s }): every string becomes trusted.
      Property(node: TSESTree.Property) {
        const key = propertyKey(node);
        if (!key || !POLICY_HOOKS.has(key) || !isIdentity(node.value)) return;
        const holder = node.parent.parent;
        if (holder?.type !== 'CallExpression' || calleeName(holder.callee) !== 'createPolicy') return;
        report(
          node,
          `The Trusted Types policy's ${key} returns its input unchanged: any string passes as trusted.`,
        );
      },
    };
  },
};

/** The module a JSX component name is imported or required from (`import Md from 'react-markdown'`). */
function jsxModule(resolver: Resolver, name: TSESTree.JSXIdentifier): string | undefined {
  const variable = resolver.variableOf(name as unknown as TSESTree.Identifier);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type === 'ImportBinding' && def.parent?.type === 'ImportDeclaration')
    return String(def.parent.source.value);
  if (def?.type === 'Variable' && def.node.init)
    return resolver.resolve(def.node.init)?.replace(/\.default$/, '');
  return undefined;
}

/** Why a react-markdown element renders raw HTML (`rehype-raw` without `rehype-sanitize`, v4/v5 props), if it does. */
function rawMarkdownHtml(resolver: Resolver, node: TSESTree.JSXOpeningElement): string | undefined {
  const attr = (name: string) =>
    node.attributes.find(
      (a): a is TSESTree.JSXAttribute =>
        a.type === 'JSXAttribute' && a.name.type === 'JSXIdentifier' && a.name.name === name,
    );
  const expression = (a: TSESTree.JSXAttribute | undefined) =>
    a?.value?.type === 'JSXExpressionContainer' && a.value.expression.type !== 'JSXEmptyExpression'
      ? a.value.expression
      : undefined;
  const plugins = expression(attr('rehypePlugins'));
  if (plugins?.type === 'ArrayExpression') {
    // A plugin is named alone or as `[plugin, options]`.
    const names = plugins.elements.map((e) => {
      const p = e?.type === 'ArrayExpression' ? e.elements[0] : e;
      return p && p.type !== 'SpreadElement' ? resolver.resolve(p) : undefined;
    });
    if (names.includes('rehype-raw') && !names.includes('rehype-sanitize')) return 'with rehype-raw';
  }
  const escape = expression(attr('escapeHtml'));
  if (escape && constantTruth(resolver, escape) === false) return 'with escapeHtml={false}';
  const dangerous = attr('allowDangerousHtml');
  const allow = expression(dangerous);
  if (dangerous && (dangerous.value === null || (allow && constantTruth(resolver, allow) === true)))
    return 'with allowDangerousHtml';
  return undefined;
}

/** An HTML tag in a template's text (`<div>`, `<a href=…>`): bounded, linear. */
const HTML_TAG = /<[a-z][a-z0-9-]{0,30}[\s/>]/i;

export default defineTaintRule(
  {
    id: 'js/xss-sanitizer-bypass',
    kind: 'sast',
    title: "A framework's XSS protection is bypassed or turned off",
    severity: 'high',
    cwe: ['CWE-79'],
    owasp: ['A03:2021-Injection'],
    help:
      'Angular and AngularJS escape or sanitise every value bound into a page, unless the code says a ' +
      'value is already trusted: `DomSanitizer.bypassSecurityTrustHtml/Script/Style/Url/ResourceUrl`, ' +
      '`$sce.trustAsHtml`/`trustAs…`, Handlebars `SafeString`, lit `unsafeHTML`. A non-constant value ' +
      'marked so reaches the page as markup, script or URL (XSS). Template engines escape every value ' +
      'they insert unless told not to: Handlebars `compile(t, { noEscape: true })` (medium precision ' +
      'unless the template in view is HTML: Handlebars also makes SQL, e-mail text and code), Squirrelly ' +
      '`autoEscaping(false)`, an `escapeMarkup = false` setting; serialize-javascript `{ unsafe: true }` ' +
      'stops escaping `</script>` in what it serialises for a page. Turning Strict Contextual Escaping ' +
      'off (`$sceProvider.enabled(false)`), an allow-list that admits `javascript:` URLs ' +
      '(`$compileProvider.aHrefSanitizationTrustedUrlList(/.*/)`), a Trusted Types policy whose hook ' +
      'returns its input, and `MSApp.execUnsafeLocalFunction` switch the protection off for everything. ' +
      'Markdown renderers told to keep the HTML written in the text — react-markdown with `rehype-raw` ' +
      'and no `rehype-sanitize` after it (or v4/v5 `escapeHtml={false}`, `allowDangerousHtml`) over ' +
      'non-constant content, markdown-it `{ html: true }` — are reported at medium precision. ' +
      'Bind values as they are and let the framework sanitise them, or sanitise first ' +
      '(`DOMPurify.sanitize`) and keep the trusted values constant. A value from the URL, `postMessage`, ' +
      'storage or a request proven to reach the bypass is reported at precision very-high.',
    fixHint: 'Let the framework sanitise the value (or DOMPurify.sanitize it); never mark input as trusted.',
  },
  {
    sources: ['remote', 'dom', 'storage'],
    sinks: [
      {
        call: [...ANGULAR_BYPASS].map((m) => `*.${m}`),
        label: 'a value Angular is told not to sanitise',
      },
      {
        call: [...SCE_TRUST].filter(([, t]) => t.arg === 0).map(([m]) => `$sce.${m}`),
        label: 'a value AngularJS is told to trust',
      },
      {
        call: ['$sce.trustAs', '$sceDelegate.trustAs'],
        args: [1],
        label: 'a value AngularJS is told to trust',
      },
    ],
    sanitisedBy: ['numeric', 'html'],
    guards: ['allow', 'lookup', 'type', 'scheme'],
  },
  bypassShapes,
);
