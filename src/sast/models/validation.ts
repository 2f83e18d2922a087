/**
 * Request validation middleware: a call placed before a route's handler that checks the request's
 * shape against a schema and rejects what does not fit (src/sast/routes/validated.ts). Taken from
 * the libraries' documented APIs:
 *
 * - express-validator: `check`, `body`, `cookie`, `header`, `param`, `query` build a validation
 *   chain (`body('email').isEmail()`), `checkSchema`, `checkExact` and `oneOf` a middleware;
 * - celebrate: `celebrate({ [Segments.BODY]: schema, ... })` (joi);
 * - express-joi-validation: `createValidator()` then `validator.body(schema)`, `.query`, `.params`,
 *   `.headers`, `.fields` (`.response` checks what the handler sends, not the request);
 * - zod-express(-middleware): `validateRequest({ body, query, params })`, `validateRequestBody`,
 *   `validateRequestQuery`, `validateRequestParams`; express-validation and
 *   express-json-validator-middleware: `validate({ body: schema })`; the many hand-written
 *   `validate(schema)` helpers of joi, yup and zod projects — all told by their name.
 */

/** Parts of a request a schema may cover, as Express names them. */
export type RequestPart = 'body' | 'query' | 'params' | 'headers' | 'cookies' | 'signedCookies' | 'fields';

export const REQUEST_PARTS: ReadonlyMap<string, RequestPart> = new Map<string, RequestPart>([
  ['body', 'body'],
  ['query', 'query'],
  ['params', 'params'],
  ['param', 'params'],
  ['headers', 'headers'],
  ['header', 'headers'],
  ['cookies', 'cookies'],
  ['cookie', 'cookies'],
  ['signedcookies', 'signedCookies'],
  ['fields', 'fields'],
  // Hono's validator targets (`zValidator('json', schema)`, `c.req.valid('form')`).
  ['json', 'body'],
  ['form', 'body'],
]);

/** Words of a callee's name that say it validates what it is given (`validateBody`, `bodyValidator`). */
export const VALIDATION_WORDS: ReadonlySet<string> = new Set([
  'validate',
  'validates',
  'validator',
  'validators',
  'validation',
  'validations',
]);

/**
 * Words that say the check is about who sends the request, not what it holds (`validateToken`,
 * `validateSession`, `validateApiKey`): no schema, so no shape.
 */
export const NOT_SHAPE_WORDS: ReadonlySet<string> = new Set([
  ...['token', 'jwt', 'session', 'auth', 'authenticated', 'authentication', 'authorization'],
  ...['authorized', 'csrf', 'xsrf', 'captcha', 'recaptcha', 'signature', 'hmac', 'key', 'otp'],
  ...['permission', 'permissions', 'role', 'roles', 'access', 'admin', 'owner', 'webhook'],
  ...['response', 'license', 'subscription', 'origin', 'ip'],
]);

/** Modules whose members build validation middleware. */
export const VALIDATION_MODULES: ReadonlySet<string> = new Set([
  'express-validator',
  'express-validator/check',
  'celebrate',
]);

/**
 * Members of those modules and the parts they cover: `keys` means the parts named by the keys of
 * its object argument (celebrate's segments), `all` every part.
 */
export const VALIDATION_FUNCTIONS: ReadonlyMap<string, readonly RequestPart[] | 'keys'> = new Map<
  string,
  readonly RequestPart[] | 'keys'
>([
  ['check', ['body', 'cookies', 'headers', 'params', 'query']],
  ['body', ['body']],
  ['cookie', ['cookies']],
  ['header', ['headers']],
  ['param', ['params']],
  ['query', ['query']],
  ['checkSchema', ['body', 'cookies', 'headers', 'params', 'query']],
  ['checkExact', ['body', 'params', 'query']],
  ['oneOf', ['body', 'cookies', 'headers', 'params', 'query']],
  ['celebrate', 'keys'],
]);

/**
 * express-validator's chain builders do nothing until a validator or sanitiser is chained
 * (`body('email')` alone rejects nothing).
 */
export const CHAIN_BUILDERS: ReadonlySet<string> = new Set([
  'check',
  'body',
  'cookie',
  'header',
  'param',
  'query',
]);
