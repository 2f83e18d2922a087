import { ERROR_ROLE, type FrameworkModel } from '../taint/spec.ts';

/**
 * Caught errors. A `catch` parameter has the error role by the language; Express error middleware
 * gets it from the Express model; a promise's `.catch(err => …)` callback from here. Only the
 * stack trace is a source, and only of the `exception` kind: the rule about exposing server
 * internals reads it, the injection rules do not.
 */
export const errors: FrameworkModel = {
  framework: 'errors',
  handlers: [{ framework: 'errors', call: '*.catch', params: [ERROR_ROLE] }],
  // A stack sent only in development (`env === 'development' && { stack }`) reaches developers.
  sources: [
    {
      path: `${ERROR_ROLE}.stack`,
      kind: 'exception',
      label: "a caught error's stack trace",
      notInDevelopmentCode: true,
    },
  ],
};
