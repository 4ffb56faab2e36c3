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
    // A worker runs file after file in one process instead of a new process per file: the 244 files spent 580 s
    // importing the packages afresh each time (75 s without isolation, at a higher load). Tests share no module state
    // they change (process.env is restored; pdf.js's worker set-up, which it keeps per process, is broken only in a
    // child process of its own: signing/test/decree30/page-text-loader.test.ts).
    isolate: false,
    globalSetup: ['scripts/eoffice/build/vitest-global-setup.mjs'],
  },
});
