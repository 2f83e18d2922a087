import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'download, verify, run',
      code: `FROM debian:12\nRUN curl -fsSLo /tmp/i.sh https://example.com/i.sh \\\n && echo "abc  /tmp/i.sh" | sha256sum -c - \\\n && sh /tmp/i.sh`,
    },
    {
      name: 'curl piped into tar and jq',
      code: `FROM debian:12\nRUN curl -fsSL https://x/y.tgz | tar -xz -C /opt && curl -s https://x/v | jq .`,
    },
    {
      name: 'shell in another pipeline',
      code: `FROM debian:12\nRUN curl -o a https://x/a; cat a | sort\nRUN echo hi | sh`,
    },
    { name: 'quoted pipe is text', code: `FROM debian:12\nRUN echo "curl https://x | sh" > /README` },
    {
      name: 'exec form without a shell',
      code: `FROM debian:12\nRUN ["curl", "-fsSLo", "/tmp/a", "https://x/a"]`,
    },
  ],
  invalid: [
    { name: 'curl | sh', code: `FROM debian:12\nRUN curl -fsSL https://get.example.com | sh # vigil-expect` },
    {
      name: 'wget -O- | sudo bash on a continuation line',
      code: `FROM debian:12\nRUN apt-get update \\\n && wget -qO- https://x/setup | sudo -E bash - # vigil-expect`,
    },
    {
      name: 'sh -c with command substitution',
      code: `FROM debian:12\nRUN sh -c "$(curl -fsSL https://x/install.sh)" # vigil-expect`,
    },
    {
      name: 'bash process substitution',
      code: `FROM debian:12\nRUN bash <(curl -s https://x/i.sh) # vigil-expect`,
    },
    {
      name: 'inside a heredoc',
      code: `FROM debian:12\nRUN <<EOF\nset -e\ncurl -sSL https://x/i | python3 - # vigil-expect\nEOF`,
    },
  ],
} satisfies RuleCases;
