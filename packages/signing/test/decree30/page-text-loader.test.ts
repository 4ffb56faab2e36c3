import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BROKEN_WORKER = fileURLToPath(new URL('../helpers/broken-pdfjs-worker.ts', import.meta.url));

// In a process of its own: pdf.js remembers a worker set-up, failed or not, for the rest of the process, so this
// check must come before any other reading of a PDF's text, and must leave no broken pdf.js behind for the test files
// that share vitest's process with it.
describe('firstAndLastPageText when pdf.js itself is broken', () => {
  it('throws when pdf.js cannot load its worker, instead of reading it as a draft without text', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', BROKEN_WORKER], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const outcome = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { rejected?: string; resolved?: boolean };
    expect(outcome.rejected).toMatch(/Setting up fake worker failed/);
  });
});
