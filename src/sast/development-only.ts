/**
 * Code that runs only outside production: the consequent of `if (env === 'development')`, the
 * right of `isDev && …`, the alternate of `NODE_ENV === 'production' ? … : …`, or only while
 * someone debugs (`if (process.env.DEBUG === 'true')`, `isDebug && …`). What it sends a client (a
 * stack trace) or logs reaches developers, not the public.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleeName } from './resolve.ts';

type Node = TSESTree.Node;
type Env = 'development' | 'production';

const DEVELOPMENT = new Set(['development', 'dev', 'test', 'local']);
const PRODUCTION = new Set(['production', 'prod']);
/** Names that hold the environment's name: `NODE_ENV`, `config.env`, `app.get('env')`. */
const ENV_NAME = /^(?:env|node_env|app_env|environment|mode)$/i;
const DEV_FLAG = /^(?:is_?)?dev(?:elopment)?$|^__DEV__$/i;
/** A switch for debugging output (`process.env.DEBUG`, `isDebug`, `debugMode`): on while someone debugs. */
const DEBUG_FLAG = /^(?:is_?)?debug(?:_?mode)?$/i;
/**
 * A debugging switch the operator or the program sets: a variable (`isDebug`) or an environment
 * variable (`process.env.DEBUG`); not one a request carries (`req.query.debug`).
 */
function debugSwitch(node: Node): boolean {
  if (node.type === 'Identifier') return DEBUG_FLAG.test(node.name);
  if (node.type !== 'MemberExpression' || node.computed || node.property.type !== 'Identifier') return false;
  const env = node.object;
  return (
    DEBUG_FLAG.test(node.property.name) &&
    env.type === 'MemberExpression' &&
    env.object.type === 'Identifier' &&
    env.object.name === 'process' &&
    calleeName(env) === 'env'
  );
}

/** What a switch read from the environment is compared with to be on. */
const ON = new Set(['true', '1', 'yes', 'on']);
const PROD_FLAG = /^(?:is_?)?prod(?:uction)?$/i;

/** `app.get('env')`, `process.env.NODE_ENV`, `config.env`. */
function namesEnvironment(node: Node): boolean {
  if (node.type === 'CallExpression') {
    const arg = node.arguments[0];
    return arg?.type === 'Literal' && typeof arg.value === 'string' && ENV_NAME.test(arg.value);
  }
  const name = calleeName(node);
  return name !== undefined && ENV_NAME.test(name);
}

const flip = (env: Env | undefined): Env | undefined =>
  env === undefined ? undefined : env === 'development' ? 'production' : 'development';

/** Which environment a test holds in when it is true, if it is a test of the environment. */
function environmentOf(test: Node): Env | undefined {
  if (test.type === 'UnaryExpression' && test.operator === '!') return flip(environmentOf(test.argument));
  if (test.type === 'BinaryExpression' && ['===', '==', '!==', '!='].includes(test.operator)) {
    const [value, other] =
      test.right.type === 'Literal' ? [test.right, test.left] : [test.left, test.right as Node];
    if (value.type !== 'Literal' || typeof value.value !== 'string') return undefined;
    // `process.env.DEBUG === 'true'`: output while someone debugs, as in development.
    if (ON.has(value.value.toLowerCase()) && debugSwitch(other))
      return test.operator.startsWith('!') ? 'production' : 'development';
    if (!namesEnvironment(other)) return undefined;
    const env: Env | undefined = DEVELOPMENT.has(value.value)
      ? 'development'
      : PRODUCTION.has(value.value)
        ? 'production'
        : undefined;
    return test.operator.startsWith('!') ? flip(env) : env;
  }
  const name = calleeName(test);
  if (name === undefined) return undefined;
  return DEV_FLAG.test(name) || debugSwitch(test)
    ? 'development'
    : PROD_FLAG.test(name)
      ? 'production'
      : undefined;
}

export function inDevelopmentOnlyCode(node: Node): boolean {
  let child: Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'LogicalExpression' && p.operator === '&&' && child === p.right) {
      if (environmentOf(p.left) === 'development') return true;
    } else if ((p.type === 'ConditionalExpression' || p.type === 'IfStatement') && child !== p.test) {
      const env = environmentOf(p.test);
      if (env !== undefined && (child === p.consequent) === (env === 'development')) return true;
    }
  }
  return false;
}
