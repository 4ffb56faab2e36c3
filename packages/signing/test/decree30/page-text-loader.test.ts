import { describe, expect, it } from 'vitest';
import { makeDemoPdf } from '@eoffice/docs-core';
import { firstAndLastPageText } from '../../src/decree30/page-text.js';

// A file of its own: pdf.js remembers a failed worker set-up for the rest of the process (each test file runs in its
// own fork), and must not have loaded its worker before. The worker missing from where pdf.js loads it is what a
// bundle shipped without pdf.worker.mjs looks like.
describe('firstAndLastPageText when pdf.js itself is broken', () => {
  it('throws when pdf.js cannot load its worker, instead of reading it as a draft without text', async () => {
    const { GlobalWorkerOptions } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    GlobalWorkerOptions.workerSrc = new URL('./no-such-dir/pdf.worker.mjs', import.meta.url).href;
    const pdf = await makeDemoPdf({ issuer: 'Ủy ban nhân dân tỉnh Demo', numberLine: '', typeName: '', subject: 'Về việc thử', body: 'Nội dung.' });
    await expect(firstAndLastPageText(pdf)).rejects.toThrow(/Setting up fake worker failed/);
  });
});
