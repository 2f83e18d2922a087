import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'installing the package is not using it',
      code: `FROM debian:12\nRUN apt-get install -y --no-install-recommends sudo`,
    },
    { name: 'USER switching', code: `FROM debian:12\nUSER root\nRUN apt-get update\nUSER app` },
    { name: 'the word in a string', code: `FROM debian:12\nRUN echo "no sudo here" && grep sudo /etc/group` },
    {
      name: 'sudoers file edit',
      code: `FROM debian:12\nRUN echo 'app ALL=(ALL) NOPASSWD: /bin/ls' > /etc/sudoers.d/app`,
    },
  ],
  invalid: [
    { name: 'sudo apt-get', code: `FROM debian:12\nUSER app\nRUN sudo apt-get update # vigil-expect` },
    {
      name: 'after &&, with options',
      code: `FROM debian:12\nRUN cd /x && sudo -E make install # vigil-expect`,
    },
    {
      name: 'absolute path in a heredoc',
      code: `FROM debian:12\nRUN <<EOF\n/usr/bin/sudo chown app /srv # vigil-expect\nEOF`,
    },
  ],
} satisfies RuleCases;
