import type { DraftFinding, FlowStep, Location } from '../core/finding.ts';
import { SCRIPT_URL_ATTRIBUTES } from './dom.ts';
import { isCode, type Lang } from './parse.ts';
import { offsetLocator } from './source-text.ts';

/**
 * Vue and Svelte single-file components as one JavaScript/TypeScript program. The `<script>`
 * blocks keep their offsets (everything else becomes spaces, newlines kept), so every node of the
 * program stands at its real line and column in the component. Each template sink becomes one line
 * after the component's last line, assigning its expression where the script's bindings are in
 * scope: an HTML sink (`v-html`, `:innerHTML`, `{@html}`) to `innerHTML`, a URL attribute of an
 * element that follows it (`<a :href>`, `<iframe src={…}>`, SCRIPT_URL_ATTRIBUTES) to that DOM
 * property. `placeTemplateFindings` moves what is found there back to the template.
 */

export type ComponentKind = 'vue' | 'svelte';

export function componentKind(path: string): ComponentKind | undefined {
  if (path.endsWith('.vue')) return 'vue';
  if (path.endsWith('.svelte')) return 'svelte';
  return undefined;
}

/** A template sink as written, 1-based like a finding's location. */
export interface TemplateSink {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The attribute or tag as written (`v-html="post.body"`), cut for the report. */
  text: string;
}

export interface ComponentProgram {
  /** The program: the component's length of text, then one line per template sink. */
  text: string;
  /** As the blocks' `lang` says (`ts`, `tsx`, `jsx`); JavaScript without JSX otherwise. */
  lang: Lang;
  /** The component's own line count: a location past it is on a template sink's line. */
  lines: number;
  /** Template sinks in the order of their lines after `lines`. */
  sinks: TemplateSink[];
  /** Malformed parts (an unterminated tag or expression): the reader skips them and says so. */
  warnings: string[];
}

/**
 * Vue options-API components: a template name is a member of the component instance. The sink
 * lines sit in a method of an object so that `this` is the instance there too (taint/vue-instance.ts).
 */
const VUE_TEMPLATE_METHOD = '__vigilTemplate';

const MAX_SINK_TEXT = 160;
/** Template sinks read per component: real ones have a handful; each costs a parse of its line. */
const MAX_SINKS = 500;
/** Loop and slot aliases in scope at each sink, and their text: every sink line repeats them. */
const MAX_ALIASES = 64;
const MAX_ALIAS_TEXT = 4096;
/** Globals a Vue template may name, and words that are no names; any other name there is the component's. */
const NOT_INSTANCE_NAMES = new Set([
  'Infinity',
  'undefined',
  'NaN',
  'isFinite',
  'isNaN',
  'parseFloat',
  'parseInt',
  'decodeURI',
  'decodeURIComponent',
  'encodeURI',
  'encodeURIComponent',
  'Math',
  'Number',
  'Date',
  'Array',
  'Object',
  'Boolean',
  'String',
  'RegExp',
  'Map',
  'Set',
  'JSON',
  'Intl',
  'BigInt',
  'console',
  'true',
  'false',
  'null',
  'this',
  'typeof',
  'instanceof',
  'in',
  'new',
  'void',
  'of',
  'delete',
  'await',
  'async',
  'function',
  'return',
  'as',
  'const',
  'let',
  'var',
]);

/** Script `type`s that hold no JavaScript (JSON-LD, templates): their text is not code. */
const CODE_TYPES = /^(?:|module|text\/javascript|application\/javascript|text\/typescript|ts)$/i;

interface Expression {
  /** The value as JavaScript: the bound expression, or a Svelte attribute's text as a template literal. */
  code: string;
  /** The DOM property the sink line sets: `innerHTML`, or a URL attribute's (`href`, `src`…). */
  property: string;
  sinkStart: number;
  sinkEnd: number;
}

/** Template URL attributes by their name in HTML, lower case. */
const URL_ATTRIBUTES = new Map(SCRIPT_URL_ATTRIBUTES.map((a) => [a.attribute, a]));

/**
 * What the template reads at a position: a sink's expression, a name it binds (a loop's or
 * a slot's alias, as a parameter: `post = (posts)[0]`, `{ id, html } = (rows)[0]`, `props`), the
 * end of a malformed part, or nothing.
 */
type TemplatePart =
  { sink: Expression } | { aliases: string[]; end: number } | { unterminated: string } | undefined;

/** Read a component in one forward pass: script blocks into place, template parts collected. */
export function componentProgram(kind: ComponentKind, source: string): ComponentProgram {
  const lower = source.toLowerCase();
  const out: string[] = [];
  const warnings: string[] = [];
  const expressions: Expression[] = [];
  const aliases: string[] = [];
  const seen = new Set<string>();
  let aliasText = 0;
  const locate = offsetLocator(source);
  const warn = (message: string, at: number) => warnings.push(`line ${locate(at).line}: ${message}`);
  let typescript = false;
  let jsx = false;
  let setup = kind === 'svelte';
  let copied = 0; // source[0, copied) is in `out`
  const blank = (to: number) => {
    out.push(source.slice(copied, to).replace(/[^\n\r\u2028\u2029]+/g, (run) => ' '.repeat(run.length)));
    copied = to;
  };
  // Only a tag or a template part can start where this matches: the scan jumps from one to the next.
  const next = kind === 'vue' ? /<|(?<=\s)[v:#s]/g : new RegExp(SVELTE_NEXT, 'g');
  // The start tag the scan is in, if any: URL attributes are sinks on some elements only.
  let tag: StartTag | undefined;
  let i = 0;
  while (i < source.length) {
    next.lastIndex = i;
    const found = next.exec(source);
    if (!found) break;
    i = found.index;
    const c = source.charCodeAt(i);
    if (c === 60 /* < */) {
      if (lower.startsWith('<!--', i)) {
        const end = lower.indexOf('-->', i + 4);
        if (end < 0) {
          warn('unterminated <!-- comment', i);
          break;
        }
        i = end + 3;
        tag = undefined;
        continue;
      }
      const block = lower.startsWith('<script', i) ? 'script' : lower.startsWith('<style', i) ? 'style' : '';
      if (block && /[\s>/]/.test(source[i + block.length + 1] ?? '')) {
        const open = tagEnd(source, i);
        if (open < 0) {
          warn(`unterminated <${block}> tag`, i);
          break;
        }
        // As in HTML, the first `</script` ends the block, inside a string or not.
        const close = lower.indexOf(`</${block}`, open);
        if (close < 0) {
          warn(`<${block}> without </${block}>`, i);
          break;
        }
        const attrs = source.slice(i + block.length + 1, open - 1);
        if (block === 'script' && CODE_TYPES.test(attribute(attrs, 'type') ?? '')) {
          const lang = attribute(attrs, 'lang');
          if (lang === 'ts' || lang === 'typescript' || lang === 'tsx') typescript = true;
          if (lang === 'jsx' || lang === 'tsx') jsx = true;
          if (kind === 'vue' && attribute(attrs, 'setup') !== undefined) setup = true;
          blank(open);
          out.push(source.slice(open, close));
          copied = close;
        }
        i = close + block.length + 2;
        tag = undefined;
        continue;
      }
      // A `<` in an attribute value (`v-if="a<b"`) starts no tag.
      if (!tag?.inValue(i)) {
        TAG_NAME.lastIndex = i + 1;
        const name = TAG_NAME.exec(source)?.[0];
        tag = name ? new StartTag(name, source, TAG_NAME.lastIndex, kind === 'svelte') : undefined;
      }
      i++;
      continue;
    }
    const element = tag?.between(i) ? tag.element : undefined;
    const part = kind === 'vue' ? vuePart(source, i, element) : sveltePart(source, i, element);
    if (part === undefined) {
      i++;
    } else if ('unterminated' in part) {
      warn(part.unterminated, i);
      break;
    } else if ('sink' in part) {
      // One past the limit is kept, to say where reading stopped.
      if (expressions.length <= MAX_SINKS) expressions.push(part.sink);
      i = part.sink.sinkEnd;
    } else {
      // A name bound twice would make the sink line's parameter list invalid: the first binding stays.
      for (const alias of part.aliases) {
        const name = /^[\w$]+/.exec(alias)?.[0];
        if (seen.has(name ?? alias) || aliases.length >= MAX_ALIASES) continue;
        if ((aliasText += alias.length) > MAX_ALIAS_TEXT) continue;
        seen.add(name ?? alias);
        aliases.push(alias);
      }
      i = part.end;
    }
  }
  blank(source.length);
  const lang: Lang = typescript ? (jsx ? 'tsx' : 'ts') : jsx ? 'jsx' : 'js';
  const sinks: TemplateSink[] = [];
  const lines: string[] = [];
  // Options API (Vue without <script setup>): template names are the instance's members.
  const instance = kind === 'vue' && !setup;
  // Every alias of the template is in scope at every sink (a superset: a name shadowed needlessly
  // loses a flow, never makes one up).
  const params = aliases.join(', ');
  if (expressions.length > MAX_SINKS) {
    warn(`over ${MAX_SINKS} template sinks: the rest are not read`, expressions[MAX_SINKS]!.sinkStart);
    expressions.length = MAX_SINKS;
  }
  for (const e of expressions) {
    // One line per sink: newlines inside the expression are spaces (JS ignores the difference).
    const expr = e.code.replace(/[\n\r\u2028\u2029]/g, ' ');
    const write = `document.body.${e.property} = (${expr});`;
    const scoped = aliases.length > 0 ? `((${params}) => { ${write} })();` : write;
    const names = instance ? templateNames(`${params} ${expr}`) : [];
    const line =
      names.length > 0
        ? `({ ${VUE_TEMPLATE_METHOD}() { const { ${names.join(', ')} } = this; ${scoped} } });`
        : scoped;
    // A line that is not code on its own would cost the whole program its parse: it is left out.
    if (!isCode(line, lang)) {
      warn('a template sink whose expression cannot be read', e.sinkStart);
      continue;
    }
    lines.push(line);
    const a = locate(e.sinkStart);
    const b = locate(e.sinkEnd);
    const text = source.slice(e.sinkStart, Math.min(e.sinkEnd, e.sinkStart + MAX_SINK_TEXT + 1));
    sinks.push({
      line: a.line,
      column: a.column,
      endLine: b.line,
      endColumn: b.column,
      text: text.length > MAX_SINK_TEXT ? `${text.slice(0, MAX_SINK_TEXT - 3)}...` : text,
    });
  }
  const length = locate(source.length).line;
  const tail = lines.length > 0 ? `\n;${lines.join('\n')}` : '';
  return { text: out.join('') + tail, lang, lines: length, sinks, warnings };
}

/** Where the tag opened at `at` ends (after its `>`), skipping quoted attribute values; -1 if never. */
function tagEnd(source: string, at: number): number {
  let quote = 0;
  for (let i = at + 1; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i + 1;
  }
  return -1;
}

/** An attribute's value in a tag's attribute text (`lang="ts"` → `ts`); '' when it has none. */
function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(
    `(?:^|\\s)${name}(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+)))?(?=\\s|$|/)`,
    'i',
  ).exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '').toLowerCase() : undefined;
}

const VUE_SINKS = ['v-html', ':innerhtml', 'v-bind:innerhtml'];
/** Directives whose value binds names: `v-for="(item, i) in items"`, `v-slot="{ row }"`, `#cell="props"`. */
const VUE_FOR = 'v-for';
const VUE_SLOT = /^(?:v-slot(?::[\w.-]+)?|#[\w.-]+|slot-scope)$/i;
/** A Vue binding of an attribute (`:href`, `v-bind:src`, `:href.prop`): the attribute's name. */
const VUE_BIND = /^(?::|v-bind:)([^.]+)(?:\.(?:prop|attr|camel))*$/i;
/** Where a Svelte template part may start: a tag, a `{…}`, `let:`, a URL attribute's name. */
const SVELTE_NEXT = `<|\\{|(?<=\\s)(?:l|${[...URL_ATTRIBUTES.keys()].join('|')})`;
/** A Svelte URL attribute up to its value: `href={`, `src="`. */
const SVELTE_URL = new RegExp(`(${[...URL_ATTRIBUTES.keys()].join('|')})\\s*=\\s*`, 'y');
/** Svelte's attribute shorthand: `<a {href}>` is `<a href={href}>`. */
const SVELTE_SHORTHAND = /\{\s*([A-Za-z]+)\s*\}/y;
/** A start tag's element name, after its `<`. */
const TAG_NAME = /[A-Za-z][^\s/>"'=<{]*/y;
/** A lone string literal: a constant URL is no sink. */
const STRING_LITERAL = /^\s*(?:'[^'\\]*'|"[^"\\]*"|`[^`\\$]*`)\s*$/;

/**
 * The start tag the reader is in, followed lazily up to each place the reader stops at: quoted
 * values, and Svelte's `{…}` expressions with the strings in them, are passed over, and a `>`
 * outside them ends it. It only moves forward, so following every tag is one pass in all.
 */
class StartTag {
  private at: number;
  /** The quote of the attribute value being read. */
  private quote = '';
  /** Svelte: `{…}` expressions open, and the quote of a string in one. */
  private depth = 0;
  private string = '';
  /** The last character outside values was `=`: only there does a quote open a value. */
  private equals = false;
  private ended = false;

  readonly element: string;
  private readonly source: string;
  private readonly braces: boolean;

  constructor(element: string, source: string, from: number, braces: boolean) {
    this.element = element;
    this.source = source;
    this.at = from;
    this.braces = braces;
  }

  /** Is `to` inside the tag, between its attributes? */
  between(to: number): boolean {
    this.follow(to);
    return !this.ended && !this.quote && this.depth === 0;
  }

  /** Is `to` inside one of the tag's attribute values? */
  inValue(to: number): boolean {
    this.follow(to);
    return !this.ended && (this.quote !== '' || this.depth > 0);
  }

  private follow(to: number): void {
    for (; this.at < to && !this.ended; this.at++) {
      const ch = this.source[this.at]!;
      if (this.string) {
        if (ch === '\\') this.at++;
        else if (ch === this.string) this.string = '';
      } else if (this.depth > 0) {
        if (ch === '"' || ch === "'" || ch === '`') this.string = ch;
        else if (ch === '{') this.depth++;
        else if (ch === '}') this.depth--;
      } else if (this.quote) {
        if (ch === this.quote) this.quote = '';
        else if (this.braces && ch === '{') this.depth++;
      } else if (ch === '>') this.ended = true;
      else if (this.braces && ch === '{') {
        this.depth++;
        this.equals = false;
      } else if (this.equals && (ch === '"' || ch === "'")) {
        this.quote = ch;
        this.equals = false;
      } else if (ch === '=' || !/\s/.test(ch)) this.equals = ch === '=';
    }
  }
}

/** What `name` is on `element`: one of its URL attributes that run a `javascript:` URL, or nothing. */
function urlAttribute(name: string, element: string | undefined) {
  const url = URL_ATTRIBUTES.get(name.toLowerCase());
  return element !== undefined && url?.elements.includes(element) ? url : undefined;
}

/** A URL attribute's value, sink or not: a constant one is no sink, only passed over. */
function urlValue(code: string, property: string, sinkStart: number, sinkEnd: number): TemplatePart {
  return STRING_LITERAL.test(code)
    ? { aliases: [], end: sinkEnd }
    : { sink: { code, property, sinkStart, sinkEnd } };
}

/**
 * An attribute starting at `at` (after whitespace): its name, and its quoted value's offsets unless
 * it has none (`<a :href>`); undefined when its value is unquoted.
 */
function attributeAt(
  source: string,
  at: number,
): { name: string; value?: { start: number; end: number } } | 'unterminated' | undefined {
  const prev = source[at - 1];
  if (prev === undefined || !/\s/.test(prev)) return undefined;
  const m = /[^\s=>/"']+/y;
  m.lastIndex = at;
  const name = m.exec(source)?.[0];
  if (!name) return undefined;
  let i = at + name.length;
  while (/\s/.test(source[i] ?? '')) i++;
  if (source[i] !== '=') return { name };
  i++;
  while (/\s/.test(source[i] ?? '')) i++;
  const quote = source[i];
  if (quote !== '"' && quote !== "'") return undefined;
  const end = source.indexOf(quote, i + 1);
  return end < 0 ? 'unterminated' : { name, value: { start: i + 1, end } };
}

/** A Vue template part at `at`; `element` is the tag's when `at` is between its attributes. */
function vuePart(source: string, at: number, element: string | undefined): TemplatePart {
  const c = source[at];
  if (c !== 'v' && c !== ':' && c !== '#' && c !== 's') return undefined;
  const attr = attributeAt(source, at);
  if (attr === undefined) return undefined;
  if (attr === 'unterminated') return { unterminated: 'unterminated attribute value' };
  const bound = VUE_BIND.exec(attr.name)?.[1];
  const url = bound === undefined ? undefined : urlAttribute(bound, element);
  if (!attr.value) {
    // Vue 3.4's same-name shorthand: `<a :href>` binds `href`.
    const end = at + attr.name.length;
    return url && bound && /^[A-Za-z]+$/.test(bound) ? urlValue(bound, url.property, at, end) : undefined;
  }
  const { start, end } = attr.value;
  const name = attr.name.toLowerCase();
  const value = source.slice(start, end);
  if (VUE_SINKS.includes(name))
    return { sink: { code: value, property: 'innerHTML', sinkStart: at, sinkEnd: end + 1 } };
  if (url) return urlValue(value, url.property, at, end + 1);
  if (name === VUE_FOR) {
    const sep = /\s(?:in|of)\s/.exec(value);
    if (!sep) return { aliases: [], end: end + 1 };
    let left = value.slice(0, sep.index).trim();
    if (left.startsWith('(') && left.endsWith(')')) left = left.slice(1, -1);
    const [first, ...rest] = topLevelParts(left);
    const list = value.slice(sep.index + sep[0].length);
    return { aliases: first ? [`${first} = (${list})[0]`, ...rest] : [], end: end + 1 };
  }
  if (VUE_SLOT.test(attr.name)) return { aliases: value.trim() ? [value.trim()] : [], end: end + 1 };
  return undefined;
}

/** A Svelte template part at `at`; `element` is the tag's when `at` is between its attributes. */
function sveltePart(source: string, at: number, element: string | undefined): TemplatePart {
  const c = source[at];
  if (c === 'l' && source.startsWith('let:', at) && /\s/.test(source[at - 1] ?? '')) {
    // `let:item` binds `item`; `let:item={row}` binds `row`.
    const m = /let:([\w$]+)(?:\s*=\s*\{([^{}]*)\})?/y;
    m.lastIndex = at;
    const found = m.exec(source);
    return found ? { aliases: [(found[2] ?? found[1]!).trim()], end: m.lastIndex } : undefined;
  }
  if (c !== '{') return svelteUrl(source, at, element);
  const tag = /\{\s*(@html|#each|#await|:then|:catch|#snippet)(?=\s|\})/y;
  tag.lastIndex = at;
  const kind = tag.exec(source)?.[1];
  if (!kind) {
    if (element === undefined) return undefined;
    SVELTE_SHORTHAND.lastIndex = at;
    const name = SVELTE_SHORTHAND.exec(source)?.[1];
    const url = name === undefined ? undefined : urlAttribute(name, element);
    return url && name ? urlValue(name, url.property, at, SVELTE_SHORTHAND.lastIndex) : undefined;
  }
  const start = tag.lastIndex;
  const end = braceEnd(source, start);
  if (end < 0) return { unterminated: `unterminated {${kind}} tag` };
  const body = source.slice(start, end);
  if (kind === '@html')
    return { sink: { code: body, property: 'innerHTML', sinkStart: at, sinkEnd: end + 1 } };
  if (kind === '#each') {
    // `{#each rows as { id, html }, i (id)}`
    const sep = /\sas\s/.exec(body);
    if (!sep) return { aliases: [], end: end + 1 };
    const [pattern, index] = topLevelParts(body.slice(sep.index + sep[0].length)).map(withoutKey);
    const list = body.slice(0, sep.index);
    return { aliases: pattern ? [`${pattern} = (${list})[0]`, ...(index ? [index] : [])] : [], end: end + 1 };
  }
  if (kind === '#await') {
    const then = /\s(?:then|catch)\s/.exec(body);
    return { aliases: then ? [body.slice(then.index + then[0].length).trim()] : [], end: end + 1 };
  }
  if (kind === '#snippet') {
    const open = body.indexOf('(');
    const close = body.lastIndexOf(')');
    return {
      aliases: open >= 0 && close > open ? topLevelParts(body.slice(open + 1, close)) : [],
      end: end + 1,
    };
  }
  return { aliases: body.trim() ? [body.trim()] : [], end: end + 1 };
}

/**
 * A Svelte URL attribute of `element` at `at`: `href={next}`, or quoted text with expressions in it
 * (`href="/u/{id}"`), which the sink line writes as a template literal (`` `/u/${id}` ``) so that
 * a constant start is judged as in code. Text without an expression, or unquoted, is none.
 */
function svelteUrl(source: string, at: number, element: string | undefined): TemplatePart {
  if (element === undefined) return undefined;
  SVELTE_URL.lastIndex = at;
  const name = SVELTE_URL.exec(source)?.[1];
  const url = name === undefined ? undefined : urlAttribute(name, element);
  if (!url) return undefined;
  const from = SVELTE_URL.lastIndex;
  const quote = source[from];
  if (quote === '{') {
    const end = braceEnd(source, from + 1);
    if (end < 0) return { unterminated: `unterminated {…} in the value of ${name}` };
    return urlValue(source.slice(from + 1, end), url.property, at, end + 1);
  }
  if (quote !== '"' && quote !== "'") return undefined;
  let code = '';
  let text = from + 1;
  for (let i = text; i < source.length; i++) {
    if (source[i] === quote) {
      if (!code) return { aliases: [], end: i + 1 };
      return urlValue(`\`${code}${literal(source.slice(text, i))}\``, url.property, at, i + 1);
    }
    if (source[i] !== '{') continue;
    const close = braceEnd(source, i + 1);
    if (close < 0) return { unterminated: `unterminated {…} in the value of ${name}` };
    code += `${literal(source.slice(text, i))}\${${source.slice(i + 1, close)}}`;
    i = close;
    text = close + 1;
  }
  return { unterminated: 'unterminated attribute value' };
}

/** Text as it reads inside a template literal (Svelte text holds no `{`, so no `${` either). */
function literal(text: string): string {
  return text.replace(/[`\\]/g, '\\$&');
}

/** Where a Svelte tag's expression ends: the `}` that closes the tag, past strings and nested braces. */
function braceEnd(source: string, from: number): number {
  let depth = 0;
  let quote = '';
  for (let i = from; i < source.length; i++) {
    const ch = source[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** `a, { b, c }, [d]` → its top-level comma-separated parts, trimmed, empty ones dropped. */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '{' || ch === '[') depth++;
    else if (ch === ')' || ch === '}' || ch === ']') depth--;
    else if (ch === undefined || (ch === ',' && depth === 0)) {
      const part = text.slice(from, i).trim();
      if (part) parts.push(part);
      from = i + 1;
    }
  }
  return parts;
}

/** `item (item.id)` → `item`: a keyed each block's key is no binding. */
function withoutKey(part: string): string {
  if (!part.endsWith(')')) return part;
  let depth = 0;
  for (let i = part.length - 1; i >= 0; i--) {
    if (part[i] === ')') depth++;
    else if (part[i] === '(' && --depth === 0) return part.slice(0, i).trim();
  }
  return part;
}

/**
 * The names a Vue template expression reads from the instance: identifiers not after a `.`, not
 * in a string or a template literal's text (`` `/u/${id}` `` reads `id`), not a global the template
 * may use. One pass: each template literal open around the scan resumes its text at the `}` that
 * closes its `${`.
 */
function templateNames(expr: string): string[] {
  const names = new Set<string>();
  /** The brace depth at each `${` open, innermost last. */
  const resumes: number[] = [];
  let depth = 0;
  let member = false;
  const word = /[\w$]+/y;
  for (let i = 0; i < expr.length;) {
    const ch = expr[i]!;
    if (ch === '`' || (ch === '}' && resumes.at(-1) === depth)) {
      if (ch === '}') resumes.pop();
      for (i++; i < expr.length && expr[i] !== '`' && !expr.startsWith('${', i); i++)
        if (expr[i] === '\\') i++;
      if (expr[i] === '$') resumes.push(depth);
      i += expr[i] === '$' ? 2 : 1;
      member = false;
    } else if (ch === '"' || ch === "'") {
      for (i++; i < expr.length && expr[i] !== ch; i++) if (expr[i] === '\\') i++;
      i++;
      member = false;
    } else if (/[\w$]/.test(ch)) {
      word.lastIndex = i;
      const name = word.exec(expr)![0];
      // A number's digits and exponent (`1e5`) are no name.
      if (!member && !/^\d/.test(name) && !NOT_INSTANCE_NAMES.has(name)) names.add(name);
      i += name.length;
      member = false;
    } else {
      if (ch === '{') depth++;
      else if (ch === '}') depth--;
      if (!/\s/.test(ch)) member = ch === '.';
      i++;
    }
  }
  return [...names];
}

/**
 * Findings and flow steps on a template sink's line stand at the sink as written in the template.
 * A finding there with no flow is the pattern half's (HTML of unknown origin, a prop most often):
 * a low-precision look, since the component's caller decides what it holds.
 */
export function placeTemplateFindings(
  path: string,
  component: ComponentProgram,
  findings: DraftFinding[],
): DraftFinding[] {
  const sinkAt = (location: Location): Location => {
    const sink = component.sinks[location.startLine - component.lines - 1];
    if (!sink || location.path !== path) return location;
    return {
      path,
      startLine: sink.line,
      startColumn: sink.column,
      endLine: sink.endLine,
      endColumn: sink.endColumn,
      snippet: sink.text,
    };
  };
  const placeFlow = (flow: FlowStep[]) => flow.map((step) => ({ ...step, location: sinkAt(step.location) }));
  return findings.map((f) => {
    if (f.location.startLine <= component.lines) return f;
    const placed: DraftFinding = {
      ...f,
      location: sinkAt(f.location),
      message: f.message
        .replace(/\binnerHTML\b/g, 'the template HTML sink')
        .replace(/\(line (\d+)\)/g, (all, n: string) => {
          const sink = component.sinks[Number(n) - component.lines - 1];
          return sink ? `(line ${sink.line})` : all;
        }),
      ...(f.flow ? { flow: placeFlow(f.flow) } : { precision: 'low' as const }),
      ...(f.otherFlows ? { otherFlows: f.otherFlows.map(placeFlow) } : {}),
    };
    return placed;
  });
}
