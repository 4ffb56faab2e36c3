import { describe, expect, it } from 'vitest';
import { outcomeTable, runFuzz } from '../../run-fuzz.js';
import { edxmlFixtureSeeds, edxmlRegressionSeeds } from '../edxml-seeds.js';
import { edxmlTarget, runEdxmlCase } from '../edxml-target.js';

/** The CI slice of the edXML fuzzer: fixed run seed, a few hundred cases, no crash; the corpus replayed. */
describe('edXML fuzzing, CI slice', () => {
  it('300 mutated messages (run seed 20261205): each parses or ends in a typed error, none crashes', async () => {
    const seeds = edxmlFixtureSeeds(100_000);
    expect(seeds.length).toBeGreaterThan(10);
    const summary = await runFuzz({ seeds, cases: 300, runSeed: 20261205, target: edxmlTarget, maxMs: Number.POSITIVE_INFINITY, maxRssMb: Number.POSITIVE_INFINITY });
    expect(summary.failures, outcomeTable('slice', summary, 20261205)).toEqual([]);
    expect(summary.byExit['2'] ?? 0).toBeGreaterThan(0);
  }, 120_000);

  it('every message in the regression corpus ends without a crash', async () => {
    for (const seed of edxmlRegressionSeeds()) {
      const outcome = await runEdxmlCase(seed.bytes);
      expect(outcome.exit, `${seed.name}: ${outcome.stack ?? ''}`).not.toBe('crash');
    }
  });
});
