#!/usr/bin/env -S npx tsx
/**
 * By-hand mutation fuzzing of the edXML parser and attachment unpacking, in this one process:
 *
 *   nice -n 19 npx tsx scripts/fuzz/edxml/main.ts [--cases 100000] [--seed 1] [--save] [--table FILE]
 *
 * Seeds: the fixtures' edXML messages (by path) and the regression corpus. Prints the outcome table for
 * packages/exchange/README.md; --save keeps each failing input of at most 64 KiB in scripts/fuzz/edxml/regressions/.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { outcomeTable, runFuzz } from '../run-fuzz.js';
import { EDXML_REGRESSIONS, edxmlFixtureSeeds, edxmlRegressionSeeds } from './edxml-seeds.js';
import { edxmlTarget } from './edxml-target.js';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '100000' }, seed: { type: 'string', default: '1' }, save: { type: 'boolean', default: false }, table: { type: 'string' } },
});
const runSeed = Number(values.seed);
const seeds = [...edxmlFixtureSeeds(), ...edxmlRegressionSeeds()];
console.error(`${seeds.length} seeds; ${values.cases} cases; run seed ${runSeed}`);
// Failing inputs over 64 KiB stay out of the repository: they are kept in the system temp folder.
const elsewhere = mkdtempSync(path.join(tmpdir(), 'eoffice-fuzz-large-'));
const summary = await runFuzz({
  seeds,
  cases: Number(values.cases),
  runSeed,
  target: edxmlTarget,
  progressEvery: 500,
  onFailure: (f) => {
    console.error(`failure: case ${f.index} (${f.seedName}; ${f.mutations.join(', ')}) ${f.reason} ${f.outcome.code ?? ''} ${f.outcome.message ?? ''}`);
    if (!values.save) return;
    const dir = f.bytes.length <= 64 * 1024 ? EDXML_REGRESSIONS : elsewhere;
    writeFileSync(path.join(dir, `${f.sha256.slice(0, 16)}.edxml`), f.bytes);
  },
  onProgress: (done, s) => {
    console.error(`${done} cases, ${s.seconds.toFixed(0)} s: exits ${JSON.stringify(s.byExit)}, slowest ${s.slowest.ms.toFixed(0)} ms wall, ${s.slowestCpu.ms.toFixed(0)} ms CPU, failures ${s.failures.length}`);
    if (values.table) writeFileSync(values.table, outcomeTable('edXML fuzzing (parseEdxmlFile + unpackAttachments), so far', s, runSeed));
  },
});
console.log(outcomeTable('edXML fuzzing (parseEdxmlFile + unpackAttachments)', summary, runSeed));
process.exitCode = summary.failures.length > 0 ? 1 : 0;
