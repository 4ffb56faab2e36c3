import { defineConfig } from 'vitest/config';

// One run covers every package; end-to-end tests (apps/desktop/e2e) belong to Playwright.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/desktop/test/**/*.test.ts', 'scripts/**/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'apps/desktop/e2e/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['scripts/eoffice/build/vitest-global-setup.mjs'],
  },
});
