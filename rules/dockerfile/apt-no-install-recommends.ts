import { aptInstalls } from '../../src/iac/dockerfile/packages.ts';
import { wordSpan } from '../../src/iac/dockerfile/run.ts';
import { defineDockerfileRule } from '../../src/iac/rule.ts';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/apt-no-install-recommends',
    kind: 'config',
    title: 'apt-get install without --no-install-recommends',
    severity: 'low',
    cwe: ['CWE-1357'],
    owasp: ['A05:2021-Security Misconfiguration'],
    help:
      'By default apt also installs every "recommended" package, which pulls in software nobody asked ' +
      'for: more code, more CVEs to patch, a bigger attack surface. Install only what you name:\n\n' +
      '```dockerfile\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends ca-certificates=20230311 \\\n' +
      ' && rm -rf /var/lib/apt/lists/*\n```\n\nvigil offers the flag as an automatic fix.',
    fixHint: 'Add `--no-install-recommends` to `apt-get install`.',
  },
  check(file, report) {
    for (const install of aptInstalls(file)) {
      const off = install.args.some(
        (w) => w.value === '--no-install-recommends' || /Install-Recommends=(false|0|no)/i.test(w.value),
      );
      if (off) continue;
      const at = wordSpan(install.run, install.subcommand);
      // The edit is only offered where the source text is exactly the word we parsed.
      const safe = at.endColumn !== undefined && install.subcommand.raw === 'install';
      report({
        at,
        message: `${install.run.name} install also installs recommended packages; add --no-install-recommends.`,
        fix: {
          description: 'Add `--no-install-recommends` to `apt-get install`.',
          ...(safe ? { replacement: { at, text: 'install --no-install-recommends' } } : {}),
        },
      });
    }
  },
});
