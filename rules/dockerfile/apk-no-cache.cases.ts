import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    { name: 'no-cache', code: `FROM alpine:3.20\nRUN apk add --no-cache curl` },
    {
      name: 'cache removed in the same RUN',
      code: `FROM alpine:3.20\nRUN apk add --update curl && rm -rf /var/cache/apk/*`,
    },
    {
      name: 'cache mount',
      code: `FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl`,
    },
    { name: 'apk del and info', code: `FROM alpine:3.20\nRUN apk del curl && apk info` },
  ],
  invalid: [
    { name: 'plain add', code: `FROM alpine:3.20\nRUN apk add curl # vigil-expect` },
    {
      name: 'with update and virtual',
      code: `FROM alpine:3.20\nRUN apk update && apk add -t .build gcc # vigil-expect`,
    },
    {
      name: 'in a heredoc',
      code: `FROM alpine:3.20\nRUN <<EOF\napk add git # vigil-expect\nEOF`,
    },
  ],
} satisfies RuleCases;
