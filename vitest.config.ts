import { defineConfig } from 'vitest/config';

// One run covers every package; end-to-end tests (apps/desktop/e2e) belong to Playwright.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/desktop/test/**/*.test.ts', 'scripts/**/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'apps/desktop/e2e/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default on 2 cores is one worker (cores - 1), which leaves a core idle while a test waits on a child
    // process (CLI tests), an fsync or PostgreSQL; two keep both busy. Tests own their temp folders, ports and databases.
    maxWorkers: 2,
    globalSetup: ['scripts/eoffice/build/vitest-global-setup.mjs'],
  },
});
