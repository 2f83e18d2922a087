import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    { name: 'local file', code: `FROM debian:12\nADD app.tar.gz /opt/` },
    {
      name: 'with checksum',
      code: `FROM debian:12\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://x/a.tgz /tmp/`,
    },
    { name: 'COPY is not ADD', code: `FROM debian:12\nCOPY https.txt /srv/` },
    { name: 'URL as the destination name only', code: `FROM debian:12\nADD ./site /srv/http://mirror` },
  ],
  invalid: [
    {
      name: 'https download',
      code: `FROM debian:12\nADD https://example.com/tool.tar.gz /opt/ # vigil-expect`,
    },
    {
      name: 'json form with chown',
      code: `FROM debian:12\nADD --chown=app ["http://example.com/a.sh", "/a.sh"] # vigil-expect`,
    },
    {
      name: 'several sources on a continuation',
      code: `FROM debian:12\nRUN true\nADD https://x/a \\ # vigil-expect\n    https://x/b /dst/`,
    },
  ],
} satisfies RuleCases;
