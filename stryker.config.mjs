// @ts-check
// StrykerJS for `pnpm mutate` (scripts/mutate/run.mjs): one module at a time, named in EOFFICE_MUTATE_MODULE.
// By hand only, never in CI: one worker (the machine has 2 cores and is shared), incremental so a re-run tests only
// the mutants whose code or tests changed.
import { createRequire } from 'node:module';
import process from 'node:process';
import { mutationModule } from './scripts/mutate/modules.mjs';

const name = process.env.EOFFICE_MUTATE_MODULE ?? '';
const module = mutationModule(name);
const require = createRequire(import.meta.url);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // pnpm keeps the runner out of core's own node_modules: name it by path.
  plugins: [require.resolve('@stryker-mutator/vitest-runner')],
  testRunner: 'vitest',
  vitest: { configFile: 'scripts/mutate/vitest.mutate.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: module.mutate,
  concurrency: 1,
  incremental: true,
  incrementalFile: `reports/mutation/${name}.incremental.json`,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['reports', 'test-results', 'playwright-report', 'apps/desktop/dist', 'apps/desktop/out', '.eoffice-data'],
  thresholds: { high: 90, low: 85, break: null },
  timeoutMS: 20_000,
};
