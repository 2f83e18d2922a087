import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'flag present',
      code: `FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl`,
    },
    {
      name: 'apt option form',
      code: `FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl`,
    },
    { name: 'not an install', code: `FROM debian:12\nRUN apt-get update && apt-get remove -y curl` },
    { name: 'the word install elsewhere', code: `FROM debian:12\nRUN make install && echo apt-get install` },
  ],
  invalid: [
    {
      name: 'plain install',
      code: `FROM debian:12\nRUN apt-get update && apt-get install -y curl # vigil-expect`,
    },
    {
      name: 'sudo apt on a continuation line',
      code: `FROM ubuntu:24.04\nRUN apt-get update \\\n && sudo apt install -y \\ # vigil-expect\n    git`,
    },
    {
      name: 'options before the subcommand',
      code: `FROM debian:12\nRUN apt-get -qq -y install curl # vigil-expect`,
    },
  ],
} satisfies RuleCases;
