import type { DraftFinding, FlowStep, Location } from '../core/finding.ts';
import { offsetLocator } from './source-text.ts';

/**
 * Vue and Svelte single-file components as one JavaScript/TypeScript program. The `<script>`
 * blocks keep their offsets (everything else becomes spaces, newlines kept), so every node of the
 * program stands at its real line and column in the component. Each template HTML sink (`v-html`,
 * `:innerHTML`, `{@html}`) becomes one line after the component's last line, assigning its
 * expression to `innerHTML` where the script's bindings are in scope; `placeTemplateFindings`
 * moves what is found there back to the template.
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
  /** Any block says `lang="ts"`: the program is parsed as TypeScript. */
  typescript: boolean;
  /** The component's own line count: a location past it is on a template sink's line. */
  lines: number;
  /** Template sinks in the order of their lines after `lines`. */
  sinks: TemplateSink[];
  /** Malformed parts (an unterminated tag or expression): the reader skips them and says so. */
  warnings: string[];
}

/**
 * Vue options-API components: a template name is a member of the component instance. The sink
 * lines sit in a method of an object so that `this` is the instance there too (see vueInstance).
 */
export const VUE_TEMPLATE_METHOD = '__vigilTemplate';

const MAX_SINK_TEXT = 160;
/** Globals a Vue template may name; any other name there is the component's. */
const VUE_TEMPLATE_GLOBALS = new Set([
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
]);

/** Script `type`s that hold no JavaScript (JSON-LD, templates): their text is not code. */
const CODE_TYPES = /^(?:|module|text\/javascript|application\/javascript|text\/typescript|ts)$/i;

interface Expression {
  start: number;
  end: number;
  sinkStart: number;
  sinkEnd: number;
}

/** Read a component in one forward pass: script blocks into place, template sinks collected. */
export function componentProgram(kind: ComponentKind, source: string): ComponentProgram {
  const lower = source.toLowerCase();
  const out: string[] = [];
  const warnings: string[] = [];
  const expressions: Expression[] = [];
  const locate = offsetLocator(source);
  const warn = (message: string, at: number) => warnings.push(`line ${locate(at).line}: ${message}`);
  let typescript = false;
  let setup = kind === 'svelte';
  let copied = 0; // source[0, copied) is in `out`
  const blank = (to: number) => {
    out.push(source.slice(copied, to).replace(/[^\n\r\u2028\u2029]/g, ' '));
    copied = to;
  };
  let i = 0;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (c === 60 /* < */) {
      if (lower.startsWith('<!--', i)) {
        const end = lower.indexOf('-->', i + 4);
        i = end < 0 ? source.length : end + 3;
        continue;
      }
      const block = lower.startsWith('<script', i) ? 'script' : lower.startsWith('<style', i) ? 'style' : '';
      if (block && /[\s>/]/.test(source[i + block.length + 1] ?? '')) {
        const open = tagEnd(source, i);
        if (open < 0) {
          warn(`unterminated <${block}> tag`, i);
          break;
        }
        const close = lower.indexOf(`</${block}`, open);
        if (close < 0) {
          warn(`<${block}> without </${block}>`, i);
          break;
        }
        const attrs = source.slice(i + block.length + 1, open - 1);
        if (block === 'script' && CODE_TYPES.test(attribute(attrs, 'type') ?? '')) {
          const lang = attribute(attrs, 'lang');
          if (lang === 'ts' || lang === 'typescript') typescript = true;
          if (kind === 'vue' && attribute(attrs, 'setup') !== undefined) setup = true;
          blank(open);
          // A statement boundary where the block starts, so that two blocks never run together.
          out.push(source.slice(open, close));
          copied = close;
        }
        i = close + block.length + 2;
        continue;
      }
      i++;
      continue;
    }
    const sink = kind === 'vue' ? vueSink(source, i) : svelteSink(source, i);
    if (sink === undefined) {
      i++;
      continue;
    }
    if (sink === 'unterminated') {
      warn(kind === 'vue' ? 'unterminated v-html value' : 'unterminated {@html} tag', i);
      break;
    }
    expressions.push(sink);
    i = sink.sinkEnd;
  }
  blank(source.length);
  const sinks: TemplateSink[] = [];
  const lines: string[] = [];
  // Options API (Vue without <script setup>): template names are the instance's members.
  const instance = kind === 'vue' && !setup;
  for (const e of expressions) {
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
    // One line per sink: newlines inside the expression are spaces (JS ignores the difference).
    const expr = source.slice(e.start, e.end).replace(/[\n\r\u2028\u2029]/g, ' ');
    const names = instance ? templateNames(expr) : [];
    lines.push(
      names.length > 0
        ? `({ ${VUE_TEMPLATE_METHOD}() { const { ${names.join(', ')} } = this; document.body.innerHTML = (${expr}); } });`
        : `document.body.innerHTML = (${expr});`,
    );
  }
  const length = locate(source.length).line;
  const tail = lines.length > 0 ? `\n;${lines.join('\n')}` : '';
  return { text: out.join('') + tail, typescript, lines: length, sinks, warnings };
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
  const m = new RegExp(`(?:^|\\s)${name}(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+)))?(?=\\s|$|/)`, 'i').exec(
    attrs,
  );
  return m ? (m[1] ?? m[2] ?? m[3] ?? '').toLowerCase() : undefined;
}

const VUE_SINK_NAMES = ['v-html', ':innerhtml', 'v-bind:innerhtml'];

/** `v-html="expr"` / `:innerHTML="expr"` starting at `at`. */
function vueSink(source: string, at: number): Expression | 'unterminated' | undefined {
  const c = source[at];
  if (c !== 'v' && c !== ':') return undefined;
  const prev = source[at - 1];
  if (prev !== undefined && !/\s/.test(prev)) return undefined;
  const name = VUE_SINK_NAMES.find((n) => source.slice(at, at + n.length).toLowerCase() === n);
  if (!name) return undefined;
  let i = at + name.length;
  while (/\s/.test(source[i] ?? '')) i++;
  if (source[i] !== '=') return undefined;
  i++;
  while (/\s/.test(source[i] ?? '')) i++;
  const quote = source[i];
  if (quote !== '"' && quote !== "'") return undefined;
  const end = source.indexOf(quote, i + 1);
  if (end < 0) return 'unterminated';
  return { start: i + 1, end, sinkStart: at, sinkEnd: end + 1 };
}

/** `{@html expr}` starting at `at`: the expression ends at the brace that closes the tag. */
function svelteSink(source: string, at: number): Expression | 'unterminated' | undefined {
  if (source[at] !== '{' || !source.startsWith('@html', at + 1) || !/\s/.test(source[at + 6] ?? '')) return undefined;
  let depth = 0;
  let quote = '';
  for (let i = at + 6; i < source.length; i++) {
    const ch = source[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) return { start: at + 6, end: i, sinkStart: at, sinkEnd: i + 1 };
      depth--;
    }
  }
  return 'unterminated';
}

/**
 * The names a Vue template expression reads from the instance: identifiers not after a `.`, not
 * in a string, not a key of an object literal, not a global the template may use.
 */
export function templateNames(expr: string): string[] {
  const names = new Set<string>();
  const re = /(['"`])(?:\\.|(?!\1)[^\\])*\1|(\.\s*)?([A-Za-z_$][\w$]*)(\s*:)?/g;
  for (const m of expr.matchAll(re)) {
    const name = m[3];
    if (!name || m[2] || m[4] || VUE_TEMPLATE_GLOBALS.has(name)) continue;
    names.add(name);
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
