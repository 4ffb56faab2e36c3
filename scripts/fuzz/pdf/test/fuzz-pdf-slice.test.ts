import { describe, expect, it } from 'vitest';
import { outcomeTable, runFuzz } from '../../run-fuzz.js';
import { fixtureSeeds, hostileSeeds, ownSignedSeeds, regressionSeeds } from '../pdf-seeds.js';
import { runPdfCase, pdfTarget } from '../pdf-target.js';

/**
 * The CI slice of the PDF fuzzer (issue 13 item 5): a fixed run seed and a few hundred cases, so a change that makes
 * the verifier or the reader crash on a mutated file fails here; the long run is scripts/fuzz/pdf/main.ts by hand.
 * Time and memory are the long run's to report: nothing here depends on the machine's speed.
 */
describe('PDF fuzzing, CI slice', () => {
  it('300 mutated files (run seed 20261205): every one ends in exit 0, 1 or a typed refusal, none crashes', async () => {
    const seeds = [...fixtureSeeds(60_000), ...(await ownSignedSeeds()), ...hostileSeeds()];
    expect(seeds.length).toBeGreaterThan(20);
    const summary = await runFuzz({ seeds, cases: 300, runSeed: 20261205, target: pdfTarget, maxMs: Number.POSITIVE_INFINITY, maxRssMb: Number.POSITIVE_INFINITY });
    expect(summary.failures, outcomeTable('slice', summary, 20261205)).toEqual([]);
    expect(summary.byExit.crash ?? 0).toBe(0);
    // The mutations reach past the header: some files still verify, others are refused with a typed code.
    expect((summary.byExit['2'] ?? 0) + (summary.byExit['1'] ?? 0)).toBeGreaterThan(0);
  }, 120_000);

  it('every file in the regression corpus (inputs that once failed) ends without a crash', () => {
    for (const seed of regressionSeeds()) {
      const outcome = runPdfCase(seed.bytes);
      expect(outcome.exit, `${seed.name}: ${outcome.stack ?? ''}`).not.toBe('crash');
    }
  });
});
