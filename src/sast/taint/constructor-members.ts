/**
 * The members a plain constructor function gives the objects `new F(…)` makes: what its body
 * writes to `this` (outside nested functions, whose `this` is another; inside blocks and `if`s),
 * then what `F.prototype.m = …` assigns among the program's statements. The first write of a name
 * stands for it.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propName } from './values.ts';

type Node = TSESTree.Node;
export type ConstructorFunction = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/** A function `new` can make objects of (arrows cannot). */
export function isConstructorFunction(fn: Node): fn is ConstructorFunction {
  return fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression';
}

/** `left = right` as a statement: its target and value. */
function assignment(stmt: Node): { left: TSESTree.MemberExpression; right: Node } | undefined {
  if (stmt.type !== 'ExpressionStatement' || stmt.expression.type !== 'AssignmentExpression')
    return undefined;
  const { left, right } = stmt.expression;
  return left.type === 'MemberExpression' ? { left, right } : undefined;
}

/** Worked out once per function: every read of a member of every object it makes asks. */
const known = new WeakMap<ConstructorFunction, Map<string, Node>>();

export function constructorMembers(ctor: ConstructorFunction, program: TSESTree.Program): Map<string, Node> {
  let members = known.get(ctor);
  if (!members) known.set(ctor, (members = membersOf(ctor, program)));
  return members;
}

function membersOf(ctor: ConstructorFunction, program: TSESTree.Program): Map<string, Node> {
  const members = new Map<string, Node>();
  const add = (left: TSESTree.MemberExpression, right: Node) => {
    const name = propName(left);
    if (name !== undefined && !members.has(name)) members.set(name, right);
  };
  const stack: Node[] = [...ctor.body.body].reverse();
  while (stack.length) {
    const stmt = stack.pop()!;
    const a = assignment(stmt);
    if (a?.left.object.type === 'ThisExpression') add(a.left, a.right);
    else if (stmt.type === 'BlockStatement') stack.push(...[...stmt.body].reverse());
    else if (stmt.type === 'IfStatement')
      stack.push(...(stmt.alternate ? [stmt.alternate] : []), stmt.consequent);
  }
  const name = ctor.id?.name;
  if (name === undefined) return members;
  for (const stmt of program.body) {
    const a = assignment(stmt);
    const proto = a?.left.object;
    if (
      proto?.type === 'MemberExpression' &&
      propName(proto) === 'prototype' &&
      proto.object.type === 'Identifier' &&
      proto.object.name === name
    )
      add(a!.left, a!.right);
  }
  return members;
}
