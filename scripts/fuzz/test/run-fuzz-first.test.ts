import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runFuzz, type FuzzTarget, type Seed } from '../run-fuzz.js';

/** A target that only notes which input it was given (hash and length), so two runs can be compared case by case. */
function recorder(): { target: FuzzTarget; seen: string[] } {
  const seen: string[] = [];
  const target: FuzzTarget = {
    name: 'recorder',
    tokens: ['<<', '>>', '/Name', '0 0 R'],
    run(bytes) {
      seen.push(`${bytes.length}:${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`);
      return { exit: 0 };
    },
  };
  return { target, seen };
}

const seeds: Seed[] = ['first seed 1 0 obj << /A 12 >>', 'second seed 2 0 obj [1 2 3]', 'third 3 0 obj (text) 4567'].map((text, i) => ({
  name: `s${i}`,
  bytes: Buffer.from(text, 'latin1'),
}));

describe('runFuzz from a given case (replaying a long run by its case numbers)', () => {
  it('cases first..first+n-1 are the very inputs of the same cases in a run started at 0', async () => {
    const whole = recorder();
    await runFuzz({ seeds, cases: 40, runSeed: 20261206, target: whole.target });
    const slice = recorder();
    const summary = await runFuzz({ seeds, cases: 5, first: 31, runSeed: 20261206, target: slice.target });
    expect(summary.cases).toBe(5);
    expect(slice.seen).toEqual(whole.seen.slice(31, 36));
    expect(new Set(whole.seen).size).toBeGreaterThan(20);
  });
});
