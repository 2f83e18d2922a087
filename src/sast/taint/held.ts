import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '../scope/bindings.ts';
import type { HandlerModel } from './spec.ts';
import { type Fn, isFn, type Node, propName } from './values.ts';

// Handlers a framework finds in object literals rather than in a call's arguments: GraphQL
// resolver maps and graphql-js root values (HandlerModel.option, HandlerModel.resolverMap).

type Obj = TSESTree.ObjectExpression;
type Call = TSESTree.CallExpression | TSESTree.NewExpression;

/** Where an object is given to a call: as an option of an object argument, or as the argument. */
export interface Placement {
  call: Call;
  option?: string;
  arg?: number;
}

/** What the search needs of the analysis: bindings, and the option handlers a placement matches. */
export interface HeldLookup {
  variableOf(id: Node): Variable | undefined;
  optionHandlers(place: Placement): readonly HandlerModel[];
}

/** A resolver-map handler with its root keys compiled (`Query`, `Mutation`, `Subscription`). */
export interface MapHandler {
  model: HandlerModel;
  rootKeys: RegExp;
}

/** Field configs (`{ user: { resolve(parent, args) {…} } }`): these members have a resolver's parameters. */
const FIELD_CONFIG_RESOLVERS = new Set(['resolve', 'subscribe']);

interface Field {
  object: Obj;
  key: string;
}

/** The object literal a node is a member of, and the member's name (`{ user(parent, args) {…} }`). */
function fieldOf(node: Node): Field | undefined {
  const p = node.parent;
  if (p?.type !== 'Property' || p.value !== node || p.parent.type !== 'ObjectExpression') return undefined;
  const key = propName(p);
  return key === undefined ? undefined : { object: p.parent, key };
}

/** Where an object literal's value goes: the literal itself, or each read of the variable it initialises. */
function usesOf(o: Obj, lookup: HeldLookup): Node[] {
  const p = o.parent;
  if (p?.type !== 'VariableDeclarator' || p.init !== o || p.id.type !== 'Identifier') return [o];
  const refs = lookup.variableOf(p.id)?.references ?? [];
  return refs.filter((r) => r.isRead()).map((r) => r.identifier as Node);
}

/** The object literal a value is: written there, or the initialiser of the one variable it names. */
function objectOf(n: Node, lookup: HeldLookup): Obj | undefined {
  if (n.type === 'ObjectExpression') return n;
  if (n.type !== 'Identifier') return undefined;
  const defs = lookup.variableOf(n)?.defs ?? [];
  const decl = defs.length === 1 ? defs[0]!.node : undefined;
  return decl?.type === 'VariableDeclarator' && decl.init?.type === 'ObjectExpression'
    ? decl.init
    : undefined;
}

/** The objects holding `o` as a member, by name (`{ Query: queries }`, `{ Query: {…} }`). */
function holdersOf(o: Obj, lookup: HeldLookup): Field[] {
  return usesOf(o, lookup).flatMap((u) => {
    const field = fieldOf(u);
    return field ? [field] : [];
  });
}

/** The calls `o` is given to, through array literals (`resolvers: [users, posts]`). */
export function placementsOf(o: Obj, lookup: HeldLookup): Placement[] {
  return usesOf(o, lookup).flatMap((u): Placement[] => {
    let n: Node = u;
    while (n.parent?.type === 'ArrayExpression') n = n.parent;
    const p = n.parent;
    if ((p?.type === 'CallExpression' || p?.type === 'NewExpression') && p.callee !== n)
      return [{ call: p, arg: p.arguments.indexOf(n as TSESTree.CallExpressionArgument) }];
    const field = fieldOf(n);
    if (!field) return [];
    let holder: Node = field.object;
    while (holder.parent?.type === 'ArrayExpression') holder = holder.parent;
    const call = holder.parent;
    return (call?.type === 'CallExpression' || call?.type === 'NewExpression') && call.callee !== holder
      ? [{ call, option: field.key }]
      : [];
  });
}

/** An object of functions: some member is one, or a field config with one (`{ resolve() {…} }`). */
function holdsFunctions(o: Obj | undefined): boolean {
  return !!o?.properties.some(
    (p) =>
      p.type === 'Property' &&
      (isFn(p.value) ||
        (p.value.type === 'ObjectExpression' &&
          p.value.properties.some(
            (q) => q.type === 'Property' && isFn(q.value) && FIELD_CONFIG_RESOLVERS.has(propName(q) ?? ''),
          ))),
  );
}

/** The handler recognising `map` as a resolver map: by a root type key holding functions, or by where it is given. */
function resolverMapHandler(
  map: Obj,
  maps: readonly MapHandler[],
  lookup: HeldLookup,
): HandlerModel | undefined {
  const byKeys = maps.find(({ rootKeys }) =>
    map.properties.some(
      (p) =>
        p.type === 'Property' &&
        rootKeys.test(propName(p) ?? '') &&
        holdsFunctions(objectOf(p.value, lookup)),
    ),
  );
  if (byKeys) return byKeys.model;
  for (const place of placementsOf(map, lookup)) {
    const given = lookup.optionHandlers(place).find((h) => h.resolverMap !== undefined);
    if (given) return given;
  }
  return undefined;
}

/** The objects of a resolver map a field of which `fn` may be: its own, or its field config's. */
function typeObjects(field: Field, lookup: HeldLookup): Obj[] {
  if (!FIELD_CONFIG_RESOLVERS.has(field.key)) return [field.object];
  return [field.object, ...holdersOf(field.object, lookup).map((f) => f.object)];
}

/** The roles a handler held in an object literal gives `fn`'s parameters; undefined if none does. */
export function heldRoles(fn: Fn, maps: readonly MapHandler[], lookup: HeldLookup): string[] | undefined {
  const field = fieldOf(fn);
  if (!field) return undefined;
  for (const place of placementsOf(field.object, lookup)) {
    const h = lookup.optionHandlers(place).find((m) => m.resolverMap === undefined);
    if (h) return h.params;
  }
  if (field.key.startsWith('__')) return undefined;
  for (const type of typeObjects(field, lookup))
    for (const { object: map, key } of holdersOf(type, lookup)) {
      if (key.startsWith('__')) continue;
      const h = resolverMapHandler(map, maps, lookup);
      if (h) return h.params;
    }
  return undefined;
}
