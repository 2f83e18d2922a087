/** Test, fixture and test-runner files, and translation catalogues, by name. */
import { describe, expect, it } from 'vitest';
import { isTestFile } from '../../src/sast/test-files.ts';
import { isTranslationFile } from '../../src/sast/translation-files.ts';

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
    'packages/connectors/connector-x/src/mock.ts',
    'packages/integration-tests/src/api/admin-user.ts',
    'packages/e2e_tests/utils/api.ts',
    'tools/seed-snapshot/src/index.ts',
    'scripts/db_seeds/users.js',
    'apps/web/test-fixtures/session.ts',
  ])('%s is test code', (path) => {
    expect(isTestFile(path)).toBe(true);
  });

  it.each([
    'src/setup.ts',
    'src/server.ts',
    'src/testing-utils.ts',
    'vite.config.ts',
    'src/jest.ts',
    'src/mockup.ts',
    'src/ab-test/assign.ts',
    'src/seedling/plant.ts',
    'packages/backend/src/mock-server/mock-server.service.ts',
  ])('%s is not', (path) => {
    expect(isTestFile(path)).toBe(false);
  });
});

describe('isTranslationFile', () => {
  it.each(['packages/phrases/src/locales/pt-pt/input.ts', 'src/i18n/de.json', 'app/translations/fr/auth.js'])(
    '%s is a catalogue',
    (path) => {
      expect(isTranslationFile(path)).toBe(true);
    },
  );

  it.each(['src/locales.ts', 'src/auth/password.ts', 'src/db.ts'])('%s is not', (path) => {
    expect(isTranslationFile(path)).toBe(false);
  });
});
