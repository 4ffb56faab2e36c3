#!/usr/bin/env -S npx tsx
/**
 * By-hand measurement of OCR (issue 17 item 4; not a test: accuracy is a number to report, and the machine is shared,
 * so pages per minute is noisy). The corpus is the tests' own (packages/docs-core/test/ocr/scan-corpus.ts):
 * Decree 30-shaped page-1s in Vietnamese drawn with the bundled Tinos font, rasterised at 200 or 300 dpi, clean or
 * with specks, a skew of ±2° and stronger JPEG compression, wrapped as image-only PDFs. Each page is read the way the
 * OCR job reads it (readScannedPages: pdftoppm at 300 dpi, Tesseract vie+eng, one page at a time on one core), then:
 *   - character accuracy against the known text (1 − edit distance ÷ length, white space runs made one space),
 *   - the receive-form suggestion per field (số, ký hiệu, date, issuer matched against the demo directory, type,
 *     subject): right when it equals the sample's value exactly,
 *   - pages per minute, from the OCR wall time only (drawing the corpus is not counted).
 *
 *   npx tsx scripts/bench/ocr.ts [samples-per-condition]     (prints a Markdown table for packages/docs-core/README.md)
 *   npx tsx scripts/bench/ocr.ts --sample scan.pdf            (writes the README's sample scan and exits)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEFAULT_OCR_CONFIG, detectOcrEngine, readScannedPages, suggestFromText, type DirectoryCandidate } from '../../packages/docs-core/src/index.js';
import { characterAccuracy, corpusSample, renderScan, sampleText, type ScanConditions } from '../../packages/docs-core/test/ocr/scan-corpus.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The README's sample: corpus sample 2 (Sở Y tế, a Thông báo), 300 dpi, clean. */
const README_SAMPLE = 2;
const CLEAN_300: ScanConditions = { dpi: 300, skew: 0, noise: 0, jpegQuality: 90 };

if (process.argv[2] === '--sample') {
  const out = process.argv[3];
  if (!out) throw new Error('usage: ocr.ts --sample OUT.pdf');
  writeFileSync(out, await renderScan(corpusSample(README_SAMPLE), CLEAN_300));
  console.log(`${out}: ${JSON.stringify(corpusSample(README_SAMPLE))}`);
  process.exit(0);
}

const PER_CONDITION = Number(process.argv[2] ?? 6);
const CONDITIONS: ReadonlyArray<{ label: string; conditions: (n: number) => ScanConditions }> = [
  { label: '300 dpi, clean', conditions: () => CLEAN_300 },
  { label: '300 dpi, noise + skew ±2° + JPEG q60', conditions: (n) => ({ dpi: 300, skew: n % 2 === 0 ? 2 : -2, noise: 600, jpegQuality: 60 }) },
  { label: '200 dpi, clean', conditions: () => ({ dpi: 200, skew: 0, noise: 0, jpegQuality: 90 }) },
  { label: '200 dpi, noise + skew ±2° + JPEG q60', conditions: (n) => ({ dpi: 200, skew: n % 2 === 0 ? -2 : 2, noise: 600, jpegQuality: 60 }) },
];
const FIELDS = ['number', 'symbol', 'issuedDate', 'issuer', 'type', 'subject'] as const;
type Field = (typeof FIELDS)[number];

interface DemoEndpoint {
  code: string;
  name: string;
  parentCode: string | null;
}
const demo = (JSON.parse(readFileSync(path.join(ROOT, 'resources/demo/province-650.json'), 'utf8')) as { endpoints: DemoEndpoint[] }).endpoints;
const names = new Map(demo.map((e) => [e.code, e.name]));
const directory: DirectoryCandidate[] = demo.map((e) => ({ code: e.code, name: e.name, parentName: e.parentCode ? (names.get(e.parentCode) ?? null) : null }));

const engine = await detectOcrEngine(DEFAULT_OCR_CONFIG);
if (!engine.available) throw new Error(engine.reason);
const work = mkdtempSync(path.join(tmpdir(), 'eoffice-bench-ocr-'));
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

try {
  const rows: string[] = [];
  let pages = 0;
  let ocrSeconds = 0;
  const load: number[] = [];
  for (const { label, conditions } of CONDITIONS) {
    const accuracies: number[] = [];
    const hits: Record<Field, number> = { number: 0, symbol: 0, issuedDate: 0, issuer: 0, type: 0, subject: 0 };
    for (let i = 0; i < PER_CONDITION; i += 1) {
      const n = i * 5 + 1;
      const sample = corpusSample(n);
      const pdf = await renderScan(sample, conditions(n), n);
      load.push(loadavg()[0]!);
      const started = performance.now();
      const read = await readScannedPages(pdf, [1], work, DEFAULT_OCR_CONFIG);
      ocrSeconds += (performance.now() - started) / 1000;
      pages += 1;
      const text = read.pages[0]?.text ?? '';
      accuracies.push(characterAccuracy(sampleText(sample), text));
      const found = suggestFromText(text, directory);
      const expected: Record<Field, string> = {
        number: sample.number, symbol: sample.symbol, issuedDate: sample.date, issuer: sample.issuerCode, type: sample.type, subject: sample.subject,
      };
      const got: Record<Field, string | undefined> = {
        number: found.number?.value, symbol: found.symbol?.value, issuedDate: found.issuedDate?.value, issuer: found.issuer?.value.code,
        type: found.type?.value, subject: found.subject?.value,
      };
      for (const field of FIELDS) if (got[field] === expected[field]) hits[field] += 1;
      process.stderr.write(`${label} #${n}: ${pct(accuracies.at(-1)!)} ${FIELDS.filter((f) => got[f] !== expected[f]).map((f) => `${f}≠(${got[f] ?? '—'})`).join(' ')}\n`);
    }
    const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
    rows.push(`| ${label} | ${PER_CONDITION} | ${pct(mean)} | ${pct(Math.min(...accuracies))} | ${FIELDS.map((f) => `${hits[f]}/${PER_CONDITION}`).join(' | ')} |`);
  }
  console.log(`Tesseract: ${engine.version}, ${DEFAULT_OCR_CONFIG.languages}, pages rasterised at ${DEFAULT_OCR_CONFIG.dpi} dpi; ${cpus().length} cores, load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} during the run`);
  console.log('');
  console.log('| Scan | Pages | Characters right (mean) | (worst page) | Số | Ký hiệu | Date | Issuer | Type | Subject |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log('');
  console.log(`Throughput, one page at a time on one core as the OCR job runs: ${((60 * pages) / ocrSeconds).toFixed(1)} pages per minute (${pages} pages in ${ocrSeconds.toFixed(0)} s of OCR).`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
