import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { type Fn, isFn, type Node, propName } from './values.ts';

/**
 * Vue's options API: `export default { data, computed, methods, … }`, whose functions all see the
 * component instance as `this`. The instance is a path of its own (its `$route` a source, see
 * models/components.ts); its members are the data, computed values and methods the options name,
 * and whatever the component's functions assign to `this.x`.
 */
export const VUE_INSTANCE = '@VueInstance';

/**
 * Is this `this` the component instance: in a `.vue` file, in a function (not an arrow) that is a
 * property of an object literal (an option, a method, a computed getter, a watcher, the template's
 * stand-in in src/sast/components.ts)?
 */
export function isVueInstanceThis(node: TSESTree.ThisExpression, filename: string): boolean {
  if (!filename.endsWith('.vue')) return false;
  for (let n: Node | undefined = node.parent; n; n = n.parent) {
    if (n.type === 'FunctionDeclaration') return false;
    if (n.type === 'FunctionExpression') return n.parent?.type === 'Property';
  }
  return false;
}

/** The options object: `export default {…}`, or the first argument of `defineComponent({…})`/`Vue.extend({…})`. */
export function componentOptions(ast: TSESTree.Program): TSESTree.ObjectExpression | undefined {
  for (const s of ast.body) {
    if (s.type !== 'ExportDefaultDeclaration') continue;
    const d = s.declaration;
    if (d.type === 'ObjectExpression') return d;
    if (d.type === 'CallExpression' && d.arguments[0]?.type === 'ObjectExpression') return d.arguments[0];
  }
  return undefined;
}

export type OptionMember =
  { kind: 'method'; fn: Fn } | { kind: 'computed'; fn: Fn } | { kind: 'data'; value: Node };

/** What the options say a member of the instance is: a method, a computed getter, or data's initial value. */
export function optionMember(options: TSESTree.ObjectExpression, name: string): OptionMember | undefined {
  const option = (key: string) => {
    const p = options.properties.find(
      (x): x is TSESTree.Property => x.type === 'Property' && propName(x) === key,
    );
    return p?.value;
  };
  const methods = option('methods');
  const method = methods?.type === 'ObjectExpression' ? property(methods, name) : undefined;
  if (method && isFn(method)) return { kind: 'method', fn: method };
  const computed = option('computed');
  let getter = computed?.type === 'ObjectExpression' ? property(computed, name) : undefined;
  // `{ get() {…}, set(v) {…} }`
  if (getter?.type === 'ObjectExpression') getter = property(getter, 'get');
  if (getter && isFn(getter)) return { kind: 'computed', fn: getter };
  const data = option('data');
  const state = data && isFn(data) ? returnedObject(data) : data;
  const initial = state?.type === 'ObjectExpression' ? property(state, name) : undefined;
  return initial ? { kind: 'data', value: initial } : undefined;
}

function property(obj: TSESTree.ObjectExpression, name: string): Node | undefined {
  const p = obj.properties.find((x): x is TSESTree.Property => x.type === 'Property' && propName(x) === name);
  return p?.value;
}

/** `data() { return {…} }` / `data: () => ({…})`: the object literal it returns. */
function returnedObject(fn: Fn): Node | undefined {
  if (fn.body.type !== 'BlockStatement') return fn.body;
  for (const s of fn.body.body) if (s.type === 'ReturnStatement' && s.argument) return s.argument;
  return undefined;
}
