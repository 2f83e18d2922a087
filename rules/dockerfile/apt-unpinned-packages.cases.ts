import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'all pinned',
      code: `FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10 git=1:2.39.5-0`,
    },
    {
      name: 'local deb file',
      code: `FROM debian:12\nRUN apt-get install -y ./wkhtmltox_0.12.6-1.bookworm_amd64.deb`,
    },
    { name: 'packages from a variable', code: `FROM debian:12\nARG PKGS\nRUN apt-get install -y $PKGS` },
    { name: 'no install at all', code: `FROM debian:12\nRUN apt-get update && apt-get upgrade -y` },
  ],
  invalid: [
    { name: 'one unpinned', code: `FROM debian:12\nRUN apt-get install -y curl # vigil-expect` },
    {
      name: 'mixed, reported at the first unpinned package',
      code: `FROM debian:12\nRUN apt-get update && apt-get install -y \\\n    curl=7.88.1-10 \\\n    git \\ # vigil-expect\n    jq`,
    },
    {
      name: 'apt with -o value',
      code: `FROM ubuntu:24.04\nRUN apt -o Acquire::Retries=3 install -y nginx # vigil-expect`,
    },
  ],
} satisfies RuleCases;
