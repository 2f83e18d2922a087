/** Test, fixture and test-runner files by name (src/sast/test-files.ts). */
import { describe, expect, it } from 'vitest';
import { isTestFile } from '../../src/sast/test-files.ts';

describe('isTestFile', () => {
  it.each([
    'src/user.test.ts',
    'src/__tests__/user.ts',
    'cypress.config.ts',
    'vitest.setup.ts',
    'apps/web/jest.setup.js',
    'jest.global-setup.ts',
    'src/setupTests.ts',
    'test-setup.ts',
    'vitest.workspace.ts',
  ])('%s is test code', (path) => {
    expect(isTestFile(path)).toBe(true);
  });

  it.each(['src/setup.ts', 'src/server.ts', 'src/testing-utils.ts', 'vite.config.ts', 'src/jest.ts'])(
    '%s is not',
    (path) => {
      expect(isTestFile(path)).toBe(false);
    },
  );
});
