import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'executable, not writable',
      code: `FROM debian:12\nRUN chmod 755 /app/run.sh && chmod +x /bin/tool && chmod -R 644 /etc/app`,
    },
    { name: 'owner write only', code: `FROM debian:12\nRUN chmod u+w,g-w,o-w /srv && chmod 1755 /data` },
    { name: 'COPY with a safe mode', code: `FROM debian:12\nCOPY --chmod=0755 run.sh /run.sh` },
    { name: 'the number elsewhere', code: `FROM debian:12\nRUN echo 777 && chown 777:777 /srv` },
  ],
  invalid: [
    { name: 'chmod 777', code: `FROM debian:12\nRUN chmod -R 777 /app # vigil-expect` },
    {
      name: 'symbolic a+w and o+rw',
      code: `FROM debian:12\nRUN chmod a+w /srv && \\ # vigil-expect\n    chmod o+rw /data # vigil-expect`,
    },
    { name: 'COPY --chmod=666', code: `FROM debian:12\nCOPY --chmod=666 conf /etc/app/ # vigil-expect` },
  ],
} satisfies RuleCases;
