import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '../scope/bindings.ts';
import { type Engine, readTemplate } from '../templates/engines.ts';
import { constInit } from './guards.ts';
import type { Node } from './values.ts';

// Template text written in the code and rendered in place: what the rendered HTML carries of the
// data depends on whether the template writes any of it unescaped, as for a view file.

type VarOf = (node: Node) => Variable | undefined;

/** Calls that render the template text given first with the data given second. */
const RENDERS: ReadonlyMap<string, Engine> = new Map([
  ['ejs.render', 'ejs'],
  ['pug.render', 'pug'],
  ['jade.render', 'pug'],
  ['mustache.render', 'handlebars'],
]);

/** What a compile call returns, by its path: a function of the data rendering the text given to the compile. */
const COMPILED: ReadonlyMap<string, Engine> = new Map([
  ['ejs.compile()', 'ejs'],
  ['pug.compile()', 'pug'],
  ['jade.compile()', 'pug'],
  ['handlebars.compile()', 'handlebars'],
  ['handlebars.create().compile()', 'handlebars'],
]);

/** A string, a template literal without placeholders, or a variable never reassigned holding one. */
function writtenText(node: Node | undefined, varOf: VarOf): string | undefined {
  const n = node?.type === 'Identifier' ? constInit(node, varOf) : node;
  if (n?.type === 'Literal') return typeof n.value === 'string' ? n.value : undefined;
  if (n?.type === 'TemplateLiteral' && n.expressions.length === 0)
    return n.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The compile call a rendering function comes from: called in place, or held by a variable never reassigned. */
function compileCall(callee: Node, varOf: VarOf): TSESTree.CallExpression | undefined {
  const n = callee.type === 'Identifier' ? constInit(callee, varOf) : callee;
  return n?.type === 'CallExpression' ? n : undefined;
}

/**
 * Does `call` (whose callee's path is `path`) render template text written in the code that
 * escapes every value it writes: no raw output, no partial pulled in, nothing the reader could not
 * read? Options (`noEscape`, a custom `escape`) are not read: a call given any is not judged.
 */
export function rendersEscaped(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  path: string,
  varOf: VarOf,
): boolean {
  const render = RENDERS.get(path);
  const compiled = COMPILED.get(path);
  let engine: Engine;
  let text: string | undefined;
  if (render && call.arguments.length <= 2) {
    engine = render;
    text = writtenText(call.arguments[0], varOf);
  } else if (compiled && call.arguments.length <= 1) {
    const compile = compileCall(call.callee, varOf);
    if (!compile || compile.arguments.length !== 1) return false;
    engine = compiled;
    text = writtenText(compile.arguments[0], varOf);
  } else return false;
  if (text === undefined) return false;
  const scan = readTemplate(engine, text, false);
  return scan.sites.length === 0 && scan.includes.length === 0 && scan.warnings.length === 0;
}
