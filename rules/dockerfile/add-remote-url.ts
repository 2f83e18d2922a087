import { instructionSpan } from '../../src/iac/dockerfile/run.ts';
import { shellWords } from '../../src/iac/dockerfile/parse.ts';
import { defineDockerfileRule } from '../../src/iac/rule.ts';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/add-remote-url',
    kind: 'config',
    title: 'ADD of a remote URL without a checksum',
    severity: 'medium',
    cwe: ['CWE-494'],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    help:
      '`ADD https://…` copies whatever the server returns into the image, unverified. Give ADD the ' +
      'expected digest (BuildKit checks it and fails the build on a mismatch), or download with curl and ' +
      'check the file:\n\n' +
      '```dockerfile\nADD --checksum=sha256:<digest> https://example.com/tool.tar.gz /tmp/\n```',
    fixHint: 'Add `--checksum=sha256:<digest>` to the ADD, or download with curl and verify with sha256sum.',
  },
  check(file, report) {
    for (const instruction of file.instructions) {
      if (instruction.keyword !== 'ADD' || instruction.flags.has('checksum')) continue;
      const words = instruction.json ?? shellWords(instruction.body);
      const remote = words.slice(0, -1).filter((w) => /^https?:\/\//i.test(w));
      for (const url of remote) {
        report({
          at: instructionSpan(instruction),
          message: `ADD fetches ${url.replace(/[?#].*$/, '')} without a checksum, so the download is not verified.`,
        });
      }
    }
  },
});
