import { afterAll, describe, expect, it } from 'vitest';
import { goImports, goPackageName } from '../../../src/sca/reachability/go-imports.ts';
import type { Reachability } from '../../../src/sca/reachability/types.ts';
import { scaScanner } from '../../../src/sca/scanner.ts';
import { offlineProject, type OfflineProject } from '../support/offline-project.ts';

/**
 * Go at import level against real Go records (corpus copy, see its MANIFEST.tsv) whose OSV
 * `ecosystem_specific.imports` name symbols: GO-2020-0012 (golang.org/x/crypto/ssh, `NewServerConn`
 * among others) and GO-2022-0229 (golang.org/x/crypto/cryptobyte).
 */
const RECORDS = ['GO-2020-0012', 'GO-2022-0229'].map((id) => `osv/Go/${id}.json`);
const GO_MOD = `module example.com/app

go 1.21

require golang.org/x/crypto v0.0.0-20200115000000-aaaaaaaaaaaa
`;

describe('Go imports', () => {
  it('reads single imports, blocks with aliases, dot and blank imports, and pkg.Symbol uses', () => {
    const text = [
      'package main',
      '',
      'import "fmt"',
      'import (',
      '\t"golang.org/x/crypto/ssh" // the server',
      '\tyml "gopkg.in/yaml.v2"',
      '\t_ "github.com/lib/pq"',
      '\t. "strings"',
      ')',
      '',
      '/* ssh.Dial in a comment does not count */',
      'func main() {',
      '\tconn, _, _, err := ssh.NewServerConn(nil, cfg)',
      '\tfmt.Println("ssh.Dial in a string", yml.Marshal, conn.ssh.Dial)',
      '}',
    ].join('\n');
    const found = goImports(text);
    expect(found.imports.map((i) => [i.module, i.line])).toEqual([
      ['fmt', 3],
      ['golang.org/x/crypto/ssh', 5],
      ['gopkg.in/yaml.v2', 6],
      ['github.com/lib/pq', 7],
      ['strings', 8],
    ]);
    expect(found.uses.map((u) => [found.imports[u.importIndex]!.module, u.symbol, u.line])).toEqual([
      ['golang.org/x/crypto/ssh', 'NewServerConn', 13],
      ['fmt', 'Println', 14],
      ['gopkg.in/yaml.v2', 'Marshal', 14],
    ]);
  });

  it('names packages as Go does for versioned paths', () => {
    expect(goPackageName('gopkg.in/yaml.v2')).toBe('yaml');
    expect(goPackageName('github.com/go-git/go-git/v5')).toBe('git');
    expect(goPackageName('golang.org/x/crypto/ssh')).toBe('ssh');
  });

  it('an unterminated string or comment ends the scan without a hang', () => {
    expect(goImports('package x\nimport "unterminated\n').imports.length).toBe(1);
    expect(goImports('package x\n/* open comment').imports).toEqual([]);
  });
});

describe('Go reachability', () => {
  const projects: OfflineProject[] = [];
  afterAll(() => projects.forEach((p) => p.remove()));
  async function scan(files: Record<string, string>) {
    const project = await offlineProject({ 'go.mod': GO_MOD, ...files }, RECORDS);
    projects.push(project);
    const { findings } = await scaScanner.run(project.context());
    return (id: string) => findings.find((f) => f.ruleId === id)!.properties!.reachability as Reachability;
  }

  it('reachable through an OSV symbol used as pkg.Symbol; imported when the module is but not that package', async () => {
    const verdict = await scan({
      'cmd/server/main.go':
        'package main\n\nimport "golang.org/x/crypto/ssh"\n\nfunc main() {\n\tssh.NewServerConn(nil, nil)\n}\n',
    });
    expect(verdict('GO-2020-0012')).toMatchObject({
      verdict: 'reachable',
      symbolsFrom: 'osv',
      evidence: [{ path: 'cmd/server/main.go', line: 6, snippet: 'ssh.NewServerConn(nil, nil)' }],
    });
    expect(verdict('GO-2020-0012').symbols).toContain('ssh.NewServerConn');
    expect(verdict('GO-2022-0229')).toMatchObject({
      verdict: 'imported',
      evidence: [{ path: 'cmd/server/main.go', line: 3 }],
    });
  });

  it('unreachable when only _test.go files import the module', async () => {
    const verdict = await scan({
      'main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println() }\n',
      'main_test.go': 'package main\n\nimport "golang.org/x/crypto/ssh"\n\nvar _ = ssh.Dial\n',
    });
    expect(verdict('GO-2020-0012')).toMatchObject({
      verdict: 'unreachable',
      evidence: [{ path: 'main_test.go', line: 3 }],
    });
  });
});
