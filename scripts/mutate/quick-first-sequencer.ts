import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order of test files in a mutant's run. Stryker stops at the first failing test (bail 1), so a killed mutant
 * costs only the files run before the one that kills it; vitest's own order puts the longest files first (to fill
 * parallel workers, which a one-worker mutation run does not have). Here: the files that failed in the previous run
 * first (the last mutant's killer is likely the next one's, its neighbour), then the quickest first (by the last
 * run's duration, else by size). A survivor runs every covering file either way: only killed mutants get cheaper.
 */
export class QuickFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const facts = new Map(
      files.map((spec) => {
        const key = `${spec.project.name}:${relative(config.root, spec.moduleId)}`;
        const state = cache.getFileTestResults(key);
        const size = cache.getFileStats(key)?.size ?? statSync(spec.moduleId).size;
        return [spec, { failed: state?.failed === true, cost: state?.duration ?? size }];
      }),
    );
    const of = (spec: TestSpecification) => facts.get(spec) ?? { failed: false, cost: 0 };
    return [...files].sort((a, b) => Number(of(b).failed) - Number(of(a).failed) || of(a).cost - of(b).cost);
  }
}
