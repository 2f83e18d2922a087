import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'cleaned in the same RUN',
      code: `FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl \\\n && rm -rf /var/lib/apt/lists/*`,
    },
    {
      name: 'cache mount',
      code: `FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y curl`,
    },
    {
      name: 'only in a discarded build stage',
      code: `FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM gcr.io/distroless/base-debian12\nCOPY --from=build /a /a`,
    },
    { name: 'no apt at all', code: `FROM alpine:3.20\nRUN apk add --no-cache curl` },
  ],
  invalid: [
    {
      name: 'no cleanup',
      code: `FROM debian:12\nRUN apt-get update && apt-get install -y curl # vigil-expect`,
    },
    {
      name: 'cleanup in a later RUN does not help',
      code: `FROM debian:12\nRUN apt-get update && apt-get install -y curl # vigil-expect\nRUN rm -rf /var/lib/apt/lists/*`,
    },
    {
      name: 'in the stage the final one builds on',
      code: `FROM ubuntu:24.04 AS base\nRUN apt-get update \\ # vigil-expect\n && apt-get install -y git\nFROM base\nUSER 1000`,
    },
  ],
} satisfies RuleCases;
