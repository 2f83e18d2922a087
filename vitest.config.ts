import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'rules/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/corpus/**', 'test/**/fixtures/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One fork per core (Vitest's default leaves one idle: the suite ran one file at a time on two
    // cores, 681 s against 503 s). The linear-time checks compare with a benign run of the same
    // moment, so a busy core slows both.
    maxWorkers: '100%',
    globalSetup: ['test/support/global-setup.ts'],
  },
});
