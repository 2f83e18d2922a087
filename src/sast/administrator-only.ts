/**
 * Code only an administrator reaches: past `if (!isAdmin) return` (or `throw`), inside `if
 * (user.isAdmin) { … }`, in a route handler behind middleware named for administrators
 * (`router.post('/x', requireAdmin, handler)`), or in a controller method or class decorated for
 * them (`@Roles(Role.Admin)`). What arrives there was sent by an administrator,
 * who most often can do as much through the application's own features: a flow from it is worth a
 * look, not proof of an attack from outside.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { alwaysLeaves } from './naming.ts';
import { calleeName, unwrap } from './resolve.ts';

type Node = TSESTree.Node;

/** Names that say their holder is an administrator: `isAdmin`, `is_admin`, `isAdministrator`, `isSuperuser`. */
const ADMIN_FLAG = /^is_?(?:admin|administrator|super_?admin|super_?user)$/i;
/** Middleware named for administrators: `requireAdmin`, `ensureAdmin`, `adminOnly`, `isAdmin`, `checkAdmin`. */
const ADMIN_MIDDLEWARE =
  /^(?:(?:require|ensure|check|verify|assert|only|must_?be|is)_?(?:admin|administrator|super_?admin|super_?user)|(?:admin|administrator)_?(?:only|required|guard|check))$/i;
/** Role values naming an administrator (`user.role === 'admin'`). */
const ADMIN_ROLE = /^(?:admin|administrator|superadmin|super_admin)$/i;

/** Does `test` being true mean the current user is an administrator? */
function adminTest(test: Node): boolean {
  const t = unwrap(test);
  if (t.type === 'AwaitExpression') return adminTest(t.argument);
  if (t.type === 'LogicalExpression' && t.operator === '&&') return adminTest(t.left) || adminTest(t.right);
  if (t.type === 'CallExpression') {
    const name = calleeName(t.callee);
    // `user.isAdministrator(uid)`, `hasRole('admin')`, `roles.includes('admin')`.
    if (name !== undefined && ADMIN_FLAG.test(name)) return true;
    const arg = t.arguments[0];
    return (
      (name === 'includes' || name === 'has' || name === 'hasRole') &&
      arg?.type === 'Literal' &&
      typeof arg.value === 'string' &&
      ADMIN_ROLE.test(arg.value)
    );
  }
  if (t.type === 'BinaryExpression' && (t.operator === '===' || t.operator === '==')) return comparesAdmin(t);
  const name = calleeName(t);
  return name !== undefined && ADMIN_FLAG.test(name);
}

/** Does `test` being true mean the current user is not an administrator? */
function notAdminTest(test: Node): boolean {
  const t = unwrap(test);
  if (t.type === 'UnaryExpression' && t.operator === '!') return adminTest(t.argument);
  if (t.type === 'LogicalExpression' && t.operator === '||')
    return notAdminTest(t.left) || notAdminTest(t.right);
  if (t.type === 'BinaryExpression' && (t.operator === '!==' || t.operator === '!=')) return comparesAdmin(t);
  return false;
}

/** The sides of a comparison with an administrator (`user.role` and `'admin'`, `isAdmin` and `true`), whatever its operator. */
function comparesAdmin(t: TSESTree.BinaryExpression): boolean {
  const [value, other] = t.right.type === 'Literal' ? [t.right, t.left] : [t.left, t.right as Node];
  const name = calleeName(other);
  return (
    value.type === 'Literal' &&
    name !== undefined &&
    ((typeof value.value === 'string' && ADMIN_ROLE.test(value.value) && /role/i.test(name)) ||
      (value.value === true && ADMIN_FLAG.test(name)))
  );
}

/** A route registration's handler behind middleware named for administrators. */
function behindAdminMiddleware(fn: Node): boolean {
  const call = fn.parent;
  if (call?.type !== 'CallExpression') return false;
  const at = call.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
  return call.arguments.slice(0, Math.max(at, 0)).some((a) => {
    const m = unwrap(a);
    const name = calleeName(m.type === 'CallExpression' ? m.callee : m);
    if (name !== undefined && ADMIN_MIDDLEWARE.test(name)) return true;
    // `authorize('admin')`, `requireRole('admin')`.
    const arg = m.type === 'CallExpression' ? m.arguments[0] : undefined;
    return arg?.type === 'Literal' && typeof arg.value === 'string' && ADMIN_ROLE.test(arg.value);
  });
}

/** Decorators that restrict who calls a handler (NestJS, routing-controllers): roles, permissions, guards. */
const ACCESS_DECORATOR = /role|permission|guard|auth|admin|access|scope|polic/i;
/** A word of an identifier or string naming an administrator (`accessAdminControl`, `Role.ADMIN`). */
const ADMIN_WORD = /^(?:admin|administrator|superadmin|superuser)$/i;

/**
 * A handler method or controller class decorated as administrators' only: `@Roles(Role.Admin)`,
 * `@HasPermission(permissions.accessAdminControl)`, `@UseGuards(AdminGuard)`, `@AdminOnly()`.
 */
function adminDecorated(decorators: readonly TSESTree.Decorator[] | undefined): boolean {
  return (decorators ?? []).some((d) => {
    const e = d.expression;
    const name = calleeName(e.type === 'CallExpression' ? e.callee : e);
    if (name === undefined || !ACCESS_DECORATOR.test(name)) return false;
    const words = [name, ...(e.type === 'CallExpression' ? e.arguments.flatMap(namesIn) : [])];
    return words.some((w) => w.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])/).some((part) => ADMIN_WORD.test(part)));
  });
}

/** The identifiers, property names and strings an argument is made of (a few levels deep). */
function namesIn(node: Node, depth = 0): string[] {
  if (depth > 3) return [];
  switch (node.type) {
    case 'Identifier':
      return [node.name];
    case 'Literal':
      return typeof node.value === 'string' ? [node.value] : [];
    case 'MemberExpression':
      return [...namesIn(node.object, depth + 1), ...namesIn(node.property, depth + 1)];
    case 'CallExpression':
      return [...namesIn(node.callee, depth + 1), ...node.arguments.flatMap((a) => namesIn(a, depth + 1))];
    case 'ArrayExpression':
      return node.elements.flatMap((e) => (e ? namesIn(e, depth + 1) : []));
    default:
      return [];
  }
}

/** Is `node` reached only when the current user is an administrator (see the module's comment)? */
export function inAdministratorOnlyCode(node: Node): boolean {
  let child: Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    switch (p.type) {
      case 'IfStatement':
      case 'ConditionalExpression':
        if (child === p.consequent && adminTest(p.test)) return true;
        if (child === p.alternate && notAdminTest(p.test)) return true;
        break;
      case 'LogicalExpression':
        if (p.operator === '&&' && child === p.right && adminTest(p.left)) return true;
        break;
      case 'BlockStatement':
      case 'Program':
        for (const stmt of p.body) {
          if (stmt === child) break;
          if (
            stmt.type === 'IfStatement' &&
            !stmt.alternate &&
            alwaysLeaves(stmt.consequent) &&
            notAdminTest(stmt.test)
          )
            return true;
        }
        break;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        if (behindAdminMiddleware(p)) return true;
        break;
      case 'MethodDefinition':
      case 'ClassDeclaration':
      case 'ClassExpression':
        if (adminDecorated(p.decorators)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}
