import { commandSpan, instructionSpan, runCommands } from '../../src/iac/dockerfile/run.ts';
import { defineDockerfileRule } from '../../src/iac/rule.ts';

/** Octal modes that let everyone write (the "other" digit has the write bit), or symbolic o+w / a+w. */
function worldWritable(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) return (Number(mode.at(-1)) & 2) !== 0;
  return mode.split(',').some(othersMayWrite);
}

/**
 * One symbolic clause that gives others write: who is empty or names `o`/`a` (`[ugo]*[ao][ugo]*`,
 * so at most one `a`), then `+` and permissions with `w`. Checked by hand: the two overlapping
 * loops over `[ugo]` are quadratic in a long clause.
 */
function othersMayWrite(clause: string): boolean {
  const plus = clause.indexOf('+');
  if (plus === -1) return false;
  const who = clause.slice(0, plus);
  if (!/^[ugoa]*$/.test(who) || who.indexOf('a') !== who.lastIndexOf('a')) return false;
  return (who === '' || who.includes('a') || who.includes('o')) && /^[rwxXst]*w/.test(clause.slice(plus + 1));
}

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/chmod-777',
    kind: 'config',
    title: 'World-writable permissions set in the image',
    severity: 'medium',
    cwe: ['CWE-732'],
    owasp: ['A01:2021-Broken Access Control'],
    help:
      '`chmod 777` (or any mode that lets "others" write, `o+w`, `a+w`, `--chmod=777`) lets every user ' +
      'and process in the container replace the files: a compromised low-privilege process can then ' +
      'rewrite binaries or scripts that a more privileged one runs. Give ownership to the user that ' +
      'needs to write, and keep the rest read-only:\n\n' +
      '```dockerfile\nCOPY --chown=app:app --chmod=755 entrypoint.sh /usr/local/bin/\nRUN chown -R app:app /var/cache/app\n```',
    fixHint: 'Use `chown` to the writing user and a mode such as 755/644 instead of a world-writable one.',
  },
  check(file, report) {
    for (const run of runCommands(file)) {
      if (run.name !== 'chmod') continue;
      const mode = run.command.words.slice(run.index + 1).find((w) => !w.value.startsWith('-'));
      if (mode && worldWritable(mode.value))
        report({ at: commandSpan(run), message: `chmod ${mode.value} makes files writable by every user.` });
    }
    for (const instruction of file.instructions) {
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      const mode = instruction.flags.get('chmod')?.[0];
      if (mode && worldWritable(mode))
        report({
          at: instructionSpan(instruction),
          message: `${instruction.keyword} --chmod=${mode} makes files writable by every user.`,
        });
    }
  },
});
