import { describe, expect, it } from 'vitest';
import { expressionsIn, MAX_WORKFLOW_BYTES, parseWorkflow, spanOf } from '../../../src/iac/workflow/parse.ts';

const path = '.github/workflows/ci.yml';

describe('parseWorkflow', () => {
  it('reads triggers in all three forms', () => {
    expect([...parseWorkflow(path, 'on: push\n').triggers]).toEqual(['push']);
    expect([...parseWorkflow(path, 'on: [push, pull_request_target]\n').triggers]).toEqual([
      'push',
      'pull_request_target',
    ]);
    expect([
      ...parseWorkflow(path, 'on:\n  workflow_run:\n    workflows: [CI]\n  issues:\n').triggers,
    ]).toEqual(['workflow_run', 'issues']);
  });

  it('models jobs and steps with their lines', () => {
    const wf = parseWorkflow(
      path,
      'on: push\npermissions: read-all\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make\n        env:\n          A: b\n  call:\n    uses: ./.github/workflows/x.yml\n    secrets: inherit\n',
    );
    expect(wf.diagnostics).toEqual([]);
    expect(wf.jobs.map((j) => j.id)).toEqual(['build', 'call']);
    const [checkout, make] = wf.jobs[0]!.steps;
    expect(spanOf(wf, checkout!.uses!).line).toBe(7);
    expect(spanOf(wf, make!.run!).line).toBe(8);
    expect(make!.env).toBeDefined();
    expect(spanOf(wf, wf.jobs[1]!.secrets!).line).toBe(13);
    expect(spanOf(wf, wf.permissions!).line).toBe(2);
  });

  it('places each expression of a block scalar on its own line', () => {
    const wf = parseWorkflow(
      path,
      'on: push\njobs:\n  a:\n    steps:\n      - run: |\n          echo one\n          echo "${{ github.head_ref }}" ${{ env.X }}\n',
    );
    const run = wf.jobs[0]!.steps[0]!.run!;
    const found = expressionsIn(wf, run).map((e) => [e.text, wf.position(e.offset)]);
    expect(found).toEqual([
      ['github.head_ref', { line: 7, column: 17 }],
      ['env.X', { line: 7, column: 41 }],
    ]);
  });

  describe('bad input: a diagnostic naming the file and line, never a throw', () => {
    it('malformed YAML', () => {
      const wf = parseWorkflow(path, 'on: push\njobs:\n  a:\n    steps: [\n      - run: x\n');
      expect(wf.diagnostics).toEqual([
        expect.objectContaining({
          level: 'error',
          path,
          line: expect.any(Number),
          message: expect.stringMatching(/^invalid YAML/),
        }),
      ]);
      expect(wf.jobs).toEqual([]);
    });

    it('truncated mid-mapping', () => {
      const wf = parseWorkflow(path, 'on: push\njobs:\n  a:\n    steps:\n      - run: "unterminated');
      expect(wf.diagnostics[0]).toMatchObject({ level: 'error', path, line: 5 });
    });

    it('deeply nested flow collections are refused before parsing', () => {
      const wf = parseWorkflow(path, `on: push\nx: ${'['.repeat(100_000)}`);
      expect(wf.diagnostics).toEqual([
        expect.objectContaining({ line: 2, message: 'YAML nested deeper than 64 levels' }),
      ]);
    });

    it('deeply nested block mappings parse without overflow', () => {
      const lines = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
      const wf = parseWorkflow(path, `on: push\n${lines} v\n`);
      expect(wf.diagnostics).toEqual([]);
      expect([...wf.triggers]).toEqual(['push']);
    });

    it('huge files are skipped', () => {
      const wf = parseWorkflow(path, `on: push\n# ${'x'.repeat(MAX_WORKFLOW_BYTES)}\n`);
      expect(wf.diagnostics[0]!.message).toContain('larger than');
    });

    it('binary junk and non-mapping documents', () => {
      expect(parseWorkflow(path, 'on: push\n\u0000\u0001').diagnostics[0]).toMatchObject({
        level: 'error',
        line: 2,
        message: 'not a workflow: binary content',
      });
      expect(parseWorkflow(path, '- a\n- b\n').diagnostics[0]!.message).toContain('not a mapping');
      expect(parseWorkflow(path, '').diagnostics).toEqual([]);
    });

    it('alias bombs are not expanded', () => {
      const bomb =
        'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\non: push\n';
      const started = performance.now();
      const wf = parseWorkflow(path, bomb);
      expect([...wf.triggers]).toEqual(['push']);
      expect(performance.now() - started).toBeLessThan(1000);
    });
  });
});
