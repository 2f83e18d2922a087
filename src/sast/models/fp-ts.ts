import type { FrameworkModel } from '../taint/spec.ts';

/** fp-ts's Either constructors, under the module's two import paths. */
const EITHER = ['fp-ts/Either', 'fp-ts/lib/Either', 'fp-ts/es6/Either'];

/**
 * fp-ts: `E.left(error)` and `E.right(value)` make `{ _tag, left }` and `{ _tag, right }`. A
 * function answering `E.left(\`No route for \${path}\`)` on one branch and `E.right(stored)` on the
 * other gives its caller's `result.right` nothing of the path.
 */
export const fpTs: FrameworkModel = {
  framework: 'fp-ts',
  taggedResults: EITHER.flatMap((m) => [
    { call: `${m}.left`, field: 'left' },
    { call: `${m}.right`, field: 'right' },
  ]),
};
