import { aptInstalls } from '../../src/iac/dockerfile/packages.ts';
import { wordSpan } from '../../src/iac/dockerfile/run.ts';
import { defineDockerfileRule } from '../../src/iac/rule.ts';

export default defineDockerfileRule({
  meta: {
    id: 'dockerfile/apt-unpinned-packages',
    kind: 'config',
    title: 'apt-get install without version pins',
    severity: 'low',
    cwe: ['CWE-1357'],
    owasp: ['A06:2021-Vulnerable and Outdated Components'],
    precision: 'medium',
    help:
      'Without `package=version`, each build installs whatever version the mirror has that day, so two ' +
      'builds of one commit can differ and a vulnerable or broken release slips in unnoticed. Pin the ' +
      'versions you tested (and update them deliberately, e.g. with Renovate):\n\n' +
      '```dockerfile\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n```\n\n' +
      'Local `.deb` files and packages named through variables are not flagged.',
    fixHint: 'Pin each package as `name=version`.',
  },
  check(file, report) {
    for (const install of aptInstalls(file)) {
      const unpinned = install.packages.filter(
        (p) =>
          !p.value.includes('=') &&
          !p.value.endsWith('.deb') &&
          !/^[./$]/.test(p.value) &&
          !p.value.includes('$'),
      );
      if (unpinned.length === 0) continue;
      const names = unpinned.map((p) => p.value);
      report({
        at: wordSpan(install.run, unpinned[0]!),
        message: `${names.length === 1 ? 'Package' : 'Packages'} ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''} installed without a version pin.`,
      });
    }
  },
});
