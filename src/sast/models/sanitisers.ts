import type { FrameworkModel } from '../taint/spec.ts';

/** Library and built-in functions whose result is safe for some sinks; rules say which flags count. */
export const sanitisers: FrameworkModel = {
  framework: 'sanitisers',
  sanitisers: [
    // Math.min(n, MAX) clamps: the one numeric conversion that also bounds a size.
    { call: 'Math.min', flags: ['numeric', 'bounded'] },
    ...[
      'Number',
      'parseInt',
      'parseFloat',
      'Math.*',
      'Number.parseInt',
      'Number.parseFloat',
      'Boolean',
      'Date.parse',
      // `new Date(text)`: a date, written back only in a date's formats (or `Invalid Date`).
      'Date',
      'Date.UTC',
      'BigInt',
    ].map((call) => ({ call, flags: ['numeric' as const] })),
    { call: 'String', flags: ['string'] },
    // Bytes: no query operators can hide in a Buffer.
    { call: 'Buffer.from', flags: ['nosql'] },
    { call: 'JSON.stringify', flags: ['json', 'crlf'] },
    { call: 'encodeURIComponent', flags: ['url', 'html', 'crlf', 'string', 'path'] },
    { call: 'encodeURI', flags: ['crlf', 'string'] },
    // The legacy global: every character but letters, digits and `@*_+-./` as `%XX`.
    { call: 'escape', flags: ['html', 'crlf', 'string'] },
    { call: 'querystring.escape', flags: ['url', 'html', 'crlf', 'string', 'path'] },
    // A digest's text is the hash function's, not the input's: nobody chooses it (a preimage).
    ...['createHash', 'createHmac'].map((fn) => ({
      call: `crypto.${fn}().update().digest`,
      flags: ['numeric' as const],
    })),
    { call: 'path.basename', flags: ['path'] },
    { call: 'path.posix.basename', flags: ['path'] },
    { call: 'path.win32.basename', flags: ['path'] },
    // An extension has no separator: `.png`, or `.` and letters, never `../`.
    { call: 'path.extname', flags: ['path'] },
    { call: 'sanitize-filename', flags: ['path'] },
    // The content-disposition package (Express's `res.attachment`) quotes the file name and writes
    // anything outside printable Latin-1, line breaks included, as `filename*=UTF-8''…` escapes.
    ...['content-disposition', 'content-disposition.create'].map((call) => ({
      call,
      flags: ['crlf' as const],
    })),
    { call: 'escape-html', flags: ['html'] },
    // A feed of the rss package is written through the xml package, which escapes text and attribute
    // values and splits `]]>` in CDATA: what `new RSS(options).xml()` makes holds no markup of theirs.
    { call: 'rss', flags: ['html'] },
    // Shields' badge renderer builds its SVG as an element tree that escapes every text and
    // attribute value: a label or colour from the query is no markup in the badge.
    { call: 'badge-maker.makeBadge', flags: ['html'] },
    { call: 'he.encode', flags: ['html'] },
    { call: 'he.escape', flags: ['html'] },
    { call: 'html-escaper.escape', flags: ['html'] },
    { call: 'entities.encode', flags: ['html'] },
    { call: 'entities.encodeHTML', flags: ['html'] },
    // lodash and its look-alikes (lodash-es, es-toolkit's compat layer, underscore).
    ...['lodash', 'lodash-es', 'es-toolkit', 'es-toolkit/compat', 'underscore'].flatMap((m) => [
      { call: `${m}.escape`, flags: ['html' as const] },
      { call: `${m}.escapeRegExp`, flags: ['regex' as const] },
      ...['toSafeInteger', 'toInteger', 'toNumber', 'toFinite', 'toLength'].map((f) => ({
        call: `${m}.${f}`,
        flags: ['numeric' as const],
      })),
    ]),
    { call: 'escape-string-regexp', flags: ['regex'] },
    // ES2025's built-in escaper.
    { call: 'RegExp.escape', flags: ['regex'] },
    { call: 'validator.escape', flags: ['html'] },
    { call: 'validator.toInt', flags: ['numeric'] },
    { call: 'validator.toFloat', flags: ['numeric'] },
    { call: 'validator.isURL', flags: ['numeric'] },
    // Sanitisers keep markup and the quotes of its text: HTML, but not an attribute's value.
    { call: 'xss', flags: ['html', 'markup'] },
    { call: 'xss.filterXSS', flags: ['html', 'markup'] },
    { call: 'sanitize-html', flags: ['html', 'markup'] },
    { call: 'striptags', flags: ['html', 'markup'] },
    { call: 'dompurify.sanitize', flags: ['html', 'markup'] },
    { call: 'dompurify().sanitize', flags: ['html', 'markup'] },
    { call: 'isomorphic-dompurify.sanitize', flags: ['html', 'markup'] },
    { call: 'DOMPurify.sanitize', flags: ['html', 'markup'] },
    { call: 'mysql.escape', flags: ['sql'] },
    { call: 'mysql2.escape', flags: ['sql'] },
    { call: 'sqlstring.escape', flags: ['sql'] },
    // `format(sql, values)` escapes the values into the `?` placeholders; the SQL stays as given.
    ...['mysql.format', 'mysql2.format', 'sqlstring.format'].map((call) => ({
      call,
      flags: ['sql' as const],
      from: 1,
    })),
    { call: 'pg-format', flags: ['sql'] },
    { call: '*.escapeId', flags: ['sql'] },
    { call: '*.escapeLiteral', flags: ['sql'] },
    { call: '*.escapeIdentifier', flags: ['sql'] },
    { call: 'shell-quote.quote', flags: ['shell'] },
    { call: 'shell-escape', flags: ['shell'] },
    { call: 'mongo-sanitize', flags: ['nosql'] },
    // An ObjectId is 24 hex digits or 12 bytes; anything else throws: harmless wherever it lands.
    ...['mongodb.ObjectId', 'mongodb.ObjectID', 'bson.ObjectId', 'mongoose.Types.ObjectId'].map((call) => ({
      call,
      flags: ['numeric' as const],
    })),
    // A duration's text parsed to milliseconds, or milliseconds printed as `1d`/`3h`: digits and a unit.
    { call: 'ms', flags: ['numeric'] },
    { call: 'humanize-ms', flags: ['numeric'] },
    // file-type detects a type from the bytes and answers from its own fixed list ({ ext, mime }):
    // as harmless as a number wherever it lands.
    ...[
      'fromBuffer',
      'fromFile',
      'fromStream',
      'fileTypeFromBuffer',
      'fileTypeFromFile',
      'fileTypeFromStream',
    ].map((fn) => ({ call: `file-type.${fn}`, flags: ['numeric' as const] })),
    // A MIME type or an extension looked up in the library's own table (or null/false): none of
    // the name it was given is in it.
    ...['mime', 'mime.default', 'mime-types', 'mime-types.default']
      .flatMap((m) => ['getType', 'getExtension', 'lookup', 'extension'].map((fn) => `${m}.${fn}`))
      .map((call) => ({ call, flags: ['numeric' as const] })),
    { call: 'express-mongo-sanitize.sanitize', flags: ['nosql'] },
    // A RegExp object is matched as `$regex`, never read for operators (its pattern is js/regexp-injection's).
    { call: 'RegExp', flags: ['nosql'] },
    // `blob:<origin>/<uuid>`: the browser makes the whole URL, whatever the blob holds.
    { call: 'URL.createObjectURL', flags: ['numeric'] },
  ],
  // A verified token's claims are what the server signed, not what the client sent with it; so
  // are the claims of a token next-auth decrypts with the server's secret (an encrypted JWT).
  opaqueResults: ['jsonwebtoken.verify', 'jose.jwtVerify', 'jose.jwtDecrypt', 'next-auth/jwt.decode'],
  replaceSanitisers: [
    // the usual escapeRegExp character class: [.*+?^${}()|[\]\\]
    { regex: '\\*\\+\\?', flags: ['regex'] },
  ],
};
