import { pathToFileURL } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The verifier thread's entry as the CLI bundle builds it (the global set-up below rebuilds it when a source changed).
 * From source, each verifier thread would load tsx and compile the signing package again inside the thread: ~1 s of
 * CPU a start against ~0.5 s, and the suite starts many. The mutation runs keep the source worker (their own config).
 */
const VERIFY_WORKER = pathToFileURL(new URL('scripts/eoffice/dist/verify-worker.mjs', import.meta.url).pathname).href;

/**
 * The files that take longest (measured: 20-100 s each, against a median under 2 s), started first. Without a
 * cache of earlier durations, as on a clean clone, vitest starts larger files first, and a short file that runs long
 * (the workstation race) started over 5 minutes in and ran alone at the end. Order by the last measurement.
 */
const SLOW_FILES_FIRST = [
  'scripts/eoffice/test/cli-demo-seed.test.ts',
  'packages/host/test/agency-server/workstation-race.test.ts',
  'scripts/eoffice/test/cli-doc-sign-decree30.test.ts',
  'scripts/demo/test/lifecycle.test.ts',
  'scripts/eoffice/test/cli-deputy-opinion.test.ts',
  'packages/docs-core/test/demo-seed.test.ts',
  'packages/docs-core/test/numbering-race.test.ts',
  'scripts/eoffice/test/cli-doc-sign-tsa.test.ts',
  'scripts/eoffice/test/cli-demo-profile.test.ts',
  'packages/docs-core/test/workflow-outgoing.test.ts',
  'scripts/eoffice/test/cli-ocr.test.ts',
  'scripts/eoffice/test/cli-directory-search.test.ts',
];

class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = SLOW_FILES_FIRST.findIndex((slow) => file.moduleId.endsWith(slow));
      return at < 0 ? SLOW_FILES_FIRST.length : at;
    };
    // A stable sort: the rest keep vitest's own order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

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
    // process (CLI tests), an fsync or PostgreSQL. Two workers still left a third of a core idle; three on 2 cores
    // ran the suite in 402 s against 495 s (178% CPU). Tests own their temp folders, ports and databases.
    maxWorkers: 3,
    sequence: { sequencer: SlowFilesFirst },
    // A worker runs file after file in one process instead of a new process per file: the 244 files spent 580 s
    // importing the packages afresh each time (75 s without isolation, at a higher load). Tests share no module state
    // they change (process.env is restored; pdf.js's worker set-up, which it keeps per process, is broken only in a
    // child process of its own: signing/test/decree30/page-text-loader.test.ts).
    isolate: false,
    globalSetup: ['scripts/eoffice/build/vitest-global-setup.mjs'],
  },
});
