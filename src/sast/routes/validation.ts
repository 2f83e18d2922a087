import type { TSESTree } from '@typescript-eslint/typescript-estree';
import {
  CHAIN_BUILDERS,
  NOT_SHAPE_WORDS,
  REQUEST_PARTS,
  VALIDATION_FUNCTIONS,
  VALIDATION_MODULES,
  VALIDATION_WORDS,
  type RequestPart,
} from '../models/validation.ts';
import { splitWords } from '../naming.ts';
import { memberName, resolverFor, unwrap } from '../resolve.ts';
import type { ProjectCode } from './project-code.ts';

type Node = TSESTree.Node;

/** Array nesting and alias hops followed into a middleware argument. */
const MAX_DEPTH = 4;
/** Longest callee text quoted in a message. */
const MAX_LABEL = 60;

/** Request validation middleware found at a route (see models/validation.ts). */
export interface Validation {
  /** The parts its schema covers; undefined when it may cover any (the schema decides). */
  parts: ReadonlySet<RequestPart> | undefined;
  /** How a message names it: `validate(...)`, `celebrate(...)`, `body(...)`. */
  label: string;
  file: string;
  line: number;
}

/**
 * The request validation a middleware argument of a route performs, if it is one: a call told by
 * the library it comes from or by its name (with a schema argument), an express-validator chain, an
 * array of those, or a constant holding one (`const rules = [body('email').isEmail()]`).
 */
export function validationOf(code: ProjectCode, file: string, arg: Node, depth = 0): Validation | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unwrap(arg);
  if (n.type === 'Identifier' || n.type === 'MemberExpression') {
    const value = code.valueOf(file, n);
    return value?.node && (value.node.type === 'CallExpression' || value.node.type === 'ArrayExpression')
      ? validationOf(code, value.file, value.node, depth + 1)
      : undefined;
  }
  if (n.type !== 'ArrayExpression' && n.type !== 'CallExpression') return undefined;
  // A list of rules kept in a constant is named by every route that uses it: read it once.
  const known = seen.get(n);
  if (known !== undefined) return known ?? undefined;
  const found =
    n.type === 'CallExpression'
      ? validatingCall(code, file, n)
      : mergeValidations(
          n.elements.flatMap((e) =>
            e && e.type !== 'SpreadElement' ? [validationOf(code, file, e, depth + 1)] : [],
          ),
        );
  seen.set(n, found ?? null);
  return found;
}

/** What each call or array was found to be (trees are per scan: entries go with them). */
const seen = new WeakMap<Node, Validation | null>();

/** Several validations before one handler: together they cover the union of their parts. */
export function mergeValidations(list: ReadonlyArray<Validation | undefined>): Validation | undefined {
  const found = list.filter((v): v is Validation => v !== undefined);
  const first = found[0];
  if (!first) return undefined;
  if (found.some((v) => v.parts === undefined)) return { ...first, parts: undefined };
  return { ...first, parts: new Set(found.flatMap((v) => [...v.parts!])) };
}

function validatingCall(
  code: ProjectCode,
  file: string,
  call: TSESTree.CallExpression,
): Validation | undefined {
  // `body('email').isEmail().normalizeEmail()`: the chain's first call says what it is.
  let base = call;
  let chained = 0;
  for (;;) {
    const callee = unwrap(base.callee);
    const object = callee.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
    if (object?.type !== 'CallExpression') break;
    base = object;
    chained++;
  }
  const at = { file, line: code.lineOf(file, base.range[0]), label: labelOf(code, file, base) };
  const library = libraryFunction(code, file, base.callee);
  if (library !== undefined) {
    if (CHAIN_BUILDERS.has(library) && chained === 0) return undefined;
    const parts = VALIDATION_FUNCTIONS.get(library)!;
    return { ...at, parts: parts === 'keys' ? schemaParts(code, file, base.arguments[0]) : new Set(parts) };
  }
  if (base !== call || call.arguments.length === 0) return undefined;
  const words = calleeWords(call.callee);
  if (!words.some((w) => VALIDATION_WORDS.has(w)) || words.some((w) => NOT_SHAPE_WORDS.has(w)))
    return undefined;
  const named = partsOf(words);
  return {
    ...at,
    parts: named ?? schemaParts(code, file, call.arguments[0]) ?? partsInStrings(call.arguments),
  };
}

/** The parts a schema argument names by its keys, read where it is defined (`validate(authValidation.login)`). */
function schemaParts(code: ProjectCode, file: string, arg: Node | undefined): Set<RequestPart> | undefined {
  if (!arg || arg.type === 'SpreadElement') return undefined;
  const value = code.valueOf(file, arg);
  return value?.node ? partsInKeys(value.node) : undefined;
}

/** `check`, `celebrate`… when the callee is that member of a validation library. */
function libraryFunction(code: ProjectCode, file: string, callee: Node): string | undefined {
  const program = code.program(file);
  const path = program && resolverFor(program).resolve(callee);
  if (path === undefined) return undefined;
  const dot = path.lastIndexOf('.');
  const module = dot < 0 ? path : path.slice(0, dot);
  const name = dot < 0 ? '' : path.slice(dot + 1);
  return VALIDATION_MODULES.has(module) && VALIDATION_FUNCTIONS.has(name) ? name : undefined;
}

function calleeWords(callee: Node): string[] {
  const words: string[] = [];
  for (let n = unwrap(callee); ;) {
    if (n.type === 'Identifier') return [...words, ...splitWords(n.name)];
    if (n.type !== 'MemberExpression') return words;
    words.push(...splitWords(memberName(n) ?? ''));
    n = unwrap(n.object);
  }
}

function partsOf(names: readonly string[]): Set<RequestPart> | undefined {
  const parts = new Set(names.flatMap((w) => REQUEST_PARTS.get(w.toLowerCase()) ?? []));
  return parts.size ? parts : undefined;
}

/** `{ body: …, [Segments.QUERY]: … }`: the parts its keys name; undefined when none does. */
function partsInKeys(arg: Node | undefined): Set<RequestPart> | undefined {
  const n = arg && unwrap(arg);
  if (n?.type !== 'ObjectExpression') return undefined;
  const keys = n.properties.flatMap((p) => {
    if (p.type !== 'Property') return [];
    const key = unwrap(p.key);
    if (key.type === 'Identifier' && !p.computed) return [key.name];
    if (key.type === 'Literal') return [String(key.value)];
    return key.type === 'MemberExpression' ? [memberName(key) ?? ''] : [];
  });
  return partsOf(keys);
}

/** `validateRequest('params', schema)`: a part named by a string argument. */
function partsInStrings(args: readonly Node[]): Set<RequestPart> | undefined {
  return partsOf(args.flatMap((a) => (a.type === 'Literal' && typeof a.value === 'string' ? [a.value] : [])));
}

function labelOf(code: ProjectCode, file: string, call: TSESTree.CallExpression): string {
  const callee = code.textOf(file, call.callee).replace(/\s+/g, ' ');
  return `${callee.length > MAX_LABEL ? `${callee.slice(0, MAX_LABEL)}…` : callee}(...)`;
}
