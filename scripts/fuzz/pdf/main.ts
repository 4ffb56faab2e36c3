#!/usr/bin/env -S npx tsx
/**
 * By-hand mutation fuzzing of the PDF verifier and reader, in this one process (a process per case would take hours):
 *
 *   nice -n 19 npx tsx scripts/fuzz/pdf/main.ts [--cases 100000] [--seed 1] [--from 0] [--save] [--without-corpus]
 *
 * Case i of a run depends on the run seed and on the seed list (its length picks the seed file), and the regression
 * corpus is part of that list: a case of an old run replays with the corpus as it was then. The run of 6 Dec 2026 had
 * an empty corpus, so its case 53453 is `--seed 20261206 --from 53453 --cases 1 --without-corpus`.
 *
 * Seeds: the fixtures' PDFs (by path), files we sign, issue 13's crafted files and the regression corpus. Prints the
 * outcome table for packages/signing/README.md. With --save, every failing input of at most 64 KiB is written to
 * scripts/fuzz/pdf/regressions/ (the CI slice replays them); larger ones go to the system temp folder.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { outcomeTable, runFuzz } from '../run-fuzz.js';
import { PDF_REGRESSIONS, fixtureSeeds, hostileSeeds, ownSignedSeeds, regressionSeeds } from './pdf-seeds.js';
import { pdfTarget } from './pdf-target.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    from: { type: 'string', default: '0' },
    save: { type: 'boolean', default: false },
    'without-corpus': { type: 'boolean', default: false },
    table: { type: 'string' },
  },
});
const cases = Number(values.cases);
const runSeed = Number(values.seed);
const first = Number(values.from);
const seeds = [...fixtureSeeds(), ...(await ownSignedSeeds()), ...hostileSeeds(), ...(values['without-corpus'] ? [] : regressionSeeds())];
console.error(`${seeds.length} seeds; cases ${first}..${first + cases - 1}; run seed ${runSeed}`);
// Failing inputs over 64 KiB stay out of the repository: they are kept in the system temp folder.
const elsewhere = mkdtempSync(path.join(tmpdir(), 'eoffice-fuzz-large-'));
const summary = await runFuzz({
  seeds,
  cases,
  first,
  runSeed,
  target: pdfTarget,
  progressEvery: 500,
  onFailure: (f) => {
    console.error(`failure: case ${f.index} (${f.seedName}; ${f.mutations.join(', ')}) ${f.reason} ${f.outcome.code ?? ''} ${f.outcome.message ?? ''}`);
    if (!values.save) return;
    const dir = f.bytes.length <= 64 * 1024 ? PDF_REGRESSIONS : elsewhere;
    writeFileSync(path.join(dir, `${f.sha256.slice(0, 16)}.pdf`), f.bytes);
  },
  onProgress: (done, s) => {
    console.error(`${done} cases, ${s.seconds.toFixed(0)} s: exits ${JSON.stringify(s.byExit)}, slowest ${s.slowest.ms.toFixed(0)} ms wall, ${s.slowestCpu.ms.toFixed(0)} ms CPU, rss ${s.largestRssMb.toFixed(0)} MB, failures ${s.failures.length}`);
    // A long run can be stopped at any time: the table so far is kept beside it (--table FILE).
    if (values.table) writeFileSync(values.table, outcomeTable('PDF fuzzing (verifyPdfSignatures + PdfReader walk), so far', s, runSeed));
  },
});
console.log(outcomeTable('PDF fuzzing (verifyPdfSignatures + PdfReader walk)', summary, runSeed));
process.exitCode = summary.failures.length > 0 ? 1 : 0;
