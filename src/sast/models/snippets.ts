import { UNBOUND_REQUEST, type FrameworkModel } from '../taint/spec.ts';
import { SERVER_SIDE } from './express.ts';

/**
 * Code written as if inside an Express handler with no handler around it (a rule's example, a gist,
 * a fragment pasted into a script): a `req` no scope declares is probably the request, not proven,
 * so its properties are `remote-extra` (medium precision); a `res` no scope declares is the response
 * (propagation.ts gives both their roles). The hint makes the taint half run on such files, and,
 * being likely only, leaves the pattern half running too.
 */
export const snippets: FrameworkModel = {
  framework: 'snippets',
  hints: ['\\breq\\.(?:query|body|params|cookies|headers|files?)\\b'],
  likelyOnly: true,
  sources: [
    {
      path: `${UNBOUND_REQUEST}.*`,
      kind: 'remote-extra',
      label: 'an undeclared `req`',
      except: SERVER_SIDE,
    },
  ],
};
