import { defineConfig } from 'vitest/config';
import { mutationModule } from './modules.mjs';
import { QuickFirstSequencer } from './quick-first-sequencer.js';

// Vitest as StrykerJS runs it: only the tests of the module named in EOFFICE_MUTATE_MODULE (see modules.mjs), and no
// CLI bundle build (no CLI test runs under mutation: the bundle never holds a mutant).
const tests = mutationModule(process.env.EOFFICE_MUTATE_MODULE).tests;

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    // A path ending in .ts is one file, one ending in / a folder, anything else a file-name prefix.
    include: tests.map((t) => (t.endsWith('.ts') ? t : t.endsWith('/') ? `${t}**/*.test.ts` : `${t}*.test.ts`)),
    exclude: ['**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    sequence: { sequencer: QuickFirstSequencer },
  },
});
