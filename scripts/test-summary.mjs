// Prints one closing line for the whole test command, from the JSON reports of vitest and Playwright:
// "tests: N passed, N failed" (plus skipped). Exits 1 when a report is missing or empty, so a run that executed
// no test cannot pass.
import { existsSync, readFileSync } from 'node:fs';

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);
const unit = read('test-results/vitest.json');
const e2e = read('test-results/playwright.json');
if (!unit || !e2e) {
  console.error(`test-summary: missing report (${!unit ? 'vitest' : ''} ${!e2e ? 'playwright' : ''})`);
  process.exit(1);
}
const passed = unit.numPassedTests + (e2e.stats?.expected ?? 0);
const failed = unit.numFailedTests + (e2e.stats?.unexpected ?? 0) + (e2e.stats?.flaky ?? 0);
const skipped = unit.numPendingTests + unit.numTodoTests + (e2e.stats?.skipped ?? 0);
console.log(`unit ${unit.numPassedTests} passed; end-to-end ${e2e.stats?.expected ?? 0} passed`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(passed > 0 && failed === 0 ? 0 : 1);
