// Run as its own process by decree30/page-text-loader.test.ts: pdf.js remembers its worker set-up, failed or not, for
// the rest of the process, and vitest runs many test files in one process. Points pdf.js at a worker missing from where
// it loads it (what a bundle shipped without pdf.worker.mjs looks like), reads a draft's text, and prints what came of it.
import { makeDemoPdf } from '@eoffice/docs-core';
import { GlobalWorkerOptions } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { firstAndLastPageText } from '../../src/decree30/page-text.js';

GlobalWorkerOptions.workerSrc = new URL('./no-such-dir/pdf.worker.mjs', import.meta.url).href;
const pdf = await makeDemoPdf({ issuer: 'Ủy ban nhân dân tỉnh Demo', numberLine: '', typeName: '', subject: 'Về việc thử', body: 'Nội dung.' });
try {
  const text = await firstAndLastPageText(pdf);
  console.log(JSON.stringify({ resolved: text !== undefined }));
} catch (error) {
  console.log(JSON.stringify({ rejected: error instanceof Error ? error.message : String(error) }));
}
