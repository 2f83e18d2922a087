/** Logging calls: `console.<level>` and `<logger>.<level>` on receivers named as loggers. */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrap } from '../resolve.ts';

/** Method names of log levels across console, winston, pino, bunyan and log4js. */
export const LOG_LEVELS = [
  'log',
  'info',
  'warn',
  'error',
  'debug',
  'trace',
  'fatal',
  'verbose',
  'silly',
  'http',
  'notice',
];

const NAMES = 'log|logger|winston|pino|bunyan|log4js|syslog|audit|auditLog|.*Logger';
/** Receivers that are loggers (`logger.info`, `this.log.warn`, `auditLogger.error`), as a sink regex. */
export const LOGGER_RECEIVER = `^(${NAMES})$`;
/** The same, or `console`. */
export const CONSOLE_OR_LOGGER = new RegExp(`^(?:console|${NAMES})$`);
const LEVELS: ReadonlySet<string> = new Set(LOG_LEVELS);

/** The receiver's name of a `<console or logger>.<level>(…)` call, if the call is one. */
export function logCallReceiver(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier')
    return undefined;
  if (!LEVELS.has(callee.property.name)) return undefined;
  const receiver = unwrap(callee.object);
  const name =
    receiver.type === 'Identifier'
      ? receiver.name
      : receiver.type === 'MemberExpression' && !receiver.computed && receiver.property.type === 'Identifier'
        ? receiver.property.name
        : undefined;
  return name && CONSOLE_OR_LOGGER.test(name) ? name : undefined;
}
