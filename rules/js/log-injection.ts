import { LOG_LEVELS, LOGGER_RECEIVER } from '../../src/sast/models/loggers.ts';
import { defineTaintRule } from '../../src/sast/taint/rule.ts';

export default defineTaintRule(
  {
    id: 'js/log-injection',
    kind: 'sast',
    title: 'Log injection: request data is written to logs unescaped',
    severity: 'low',
    cwe: ['CWE-117'],
    owasp: ['A09:2021-Security Logging and Monitoring Failures'],
    help:
      'Request data is logged as text. A value with line breaks forges extra log entries ' +
      '("…\\nINFO admin logged in"), and terminal escape sequences can hide lines from whoever reads the ' +
      'log. Written to the console the text is the log line itself; through a logging library ' +
      "(winston, pino, bunyan, a project's own logger) whether a line break forges an entry depends on " +
      'a format configured elsewhere (JSON formats escape it), so those findings are medium precision, ' +
      "as CodeQL's js/log-injection is. Log structured fields, or encode the value: " +
      "`logger.info({ user: req.body.user }, 'login failed')` or `console.log('login failed for %s', JSON.stringify(user))`.",
    fixHint: 'Log structured fields or JSON.stringify the value; strip \\r and \\n.',
  },
  {
    sources: ['remote'],
    sinks: [
      {
        call: LOG_LEVELS.map((l) => `console.${l}`),
        args: 'all',
        skipLiteralObjects: true,
        skipRequestObjects: true,
        notInBrowser: true,
        notInDevelopment: true,
        label: 'a log message',
      },
      {
        call: LOG_LEVELS.map((l) => `*.${l}`),
        args: 'all',
        receiver: LOGGER_RECEIVER,
        skipLiteralObjects: true,
        skipRequestObjects: true,
        notInBrowser: true,
        notInDevelopment: true,
        // The logger's format, set where it is created, decides whether a line break survives.
        precision: 'medium',
        label: 'a log message',
      },
    ],
    sanitisedBy: ['numeric', 'crlf', 'json', 'url'],
    guards: ['allow', 'lookup', 'type'],
  },
);
