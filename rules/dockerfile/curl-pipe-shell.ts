import { commandSpan, runCommands, type RunScript } from '../../src/iac/dockerfile/run.ts';
import { defineDockerfileRule } from '../../src/iac/rule.ts';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch']);
/** Programs that execute what they read on stdin (or from a substituted file). */
const INTERPRETERS = new Set([
  'sh',
  'bash',
  'dash',
  'ash',
  'zsh',
  'ksh',
  'busybox',
  'python',
  'python2',
  'python3',
  'perl',
  'ruby',
  'node',
  'php',
]);
/** `$(curl …)`, `` `wget …` ``, `<(curl …)` inside a word. */
const SUBSTITUTED_DOWNLOAD = /(\$\(|`|<\()\s*(\S*\/)?(curl|wget|fetch)\s/;

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/curl-pipe-shell',
    kind: 'config',
    title: 'Remote script piped into a shell',
    severity: 'high',
    cwe: ['CWE-494', 'CWE-829'],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    help:
      '`curl … | sh`, `wget -O- … | bash`, `sh -c "$(curl …)"` and `bash <(curl …)` run whatever the ' +
      'server returns at build time, with no check that it is the script you reviewed: a compromised ' +
      'host, a moved URL or a truncated download ends up executed as root in your image. Download to a ' +
      'file, verify its checksum, then run it:\n\n' +
      '```dockerfile\nRUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n' +
      ' && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh && rm /tmp/install.sh\n```',
    fixHint: 'Download the script to a file, verify its sha256 checksum, then run it.',
  },
  check(file, report) {
    // Pipelines (per script) that a downloader has written into so far.
    const downloading = new Map<RunScript, Set<number>>();
    for (const run of runCommands(file)) {
      const pipelines = downloading.get(run.script) ?? new Set<number>();
      downloading.set(run.script, pipelines);
      if (DOWNLOADERS.has(run.name)) pipelines.add(run.command.pipeline);
      const interpreter = INTERPRETERS.has(run.name);
      // `curl … | sh`: an interpreter later in the same pipeline than a downloader.
      const piped = interpreter && run.command.stage > 0 && pipelines.has(run.command.pipeline);
      // `sh -c "$(curl …)"` / `bash <(curl …)`: the download is substituted into the interpreter's words.
      const substituted =
        interpreter && run.command.words.slice(run.index + 1).some((w) => SUBSTITUTED_DOWNLOAD.test(w.value));
      if (!piped && !substituted) continue;
      report({
        at: commandSpan(run),
        message: `A remote script is ${piped ? 'piped into' : 'substituted into'} ${run.name} without a checksum check.`,
      });
    }
  },
});
