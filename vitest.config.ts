import { pathToFileURL } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The verifier thread's entry as the CLI bundle builds it (the global set-up below rebuilds it when a source changed).
 * From source, each verifier thread would load tsx and compile the signing package again inside the thread: ~1 s of
 * CPU a start against ~0.5 s, and the suite starts many. The mutation runs keep the source worker (their own config).
 */
const VERIFY_WORKER = pathToFileURL(new URL('scripts/eoffice/dist/verify-worker.mjs', import.meta.url).pathname).href;

// One run covers every package; end-to-end tests (apps/desktop/e2e) belong to Playwright.
export default defineConfig({
  define: { __EOFFICE_VERIFY_WORKER_URL__: JSON.stringify(VERIFY_WORKER) },
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
