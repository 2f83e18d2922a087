/** Logging calls: `console.<level>` and `<logger>.<level>` on receivers named as loggers. */

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
