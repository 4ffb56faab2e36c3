#!/usr/bin/env -S npx tsx
/**
 * By-hand benchmark of the eoffice CLI's start-up (not a test: the machine is shared and timings are noisy).
 * Side by side in one run, interleaved round by round so that a busy moment hits every row alike, the median wall
 * time of:
 *   - `node -e 0` (Node's own start-up: the floor),
 *   - `eoffice --help` (the entry module and the command table, no command module),
 *   - `sha256sum` of a 100 MiB signed PDF, and a Node process that stream-hashes it (start-up plus one SHA-256
 *     pass: the floor for anything that checks the signature's digest),
 *   - `eoffice verify` of that file (--trust its root, so the chain is checked too).
 * The file is a generated 100 MiB PDF signed by `eoffice sign` with a PKCS#12 identity. The CLI runs as built by
 * `pnpm install` (scripts/eoffice/dist/eoffice.mjs; rebuilt first if a source changed).
 *
 *   npx tsx scripts/bench/cli-startup.ts [rounds]      (prints a Markdown table for the root README)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeBigPdf } from '../../packages/signing/test/helpers/big-pdf.js';
import { makeTestIdentity } from '../../packages/signing/test/helpers/test-pki.js';
// @ts-expect-error -- plain .mjs build script without type declarations
import { BUNDLE, buildCli, bundleIsStale } from '../eoffice/build/build-cli.mjs';

const ROUNDS = Number(process.argv[2] ?? 7);
const dir = mkdtempSync(path.join(tmpdir(), 'eoffice-bench-cli-'));
const node = process.execPath;
const cli = BUNDLE as string;

/** Wall seconds of one child process; it must exit with the expected code, or the number would mean nothing. */
function wall(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const started = performance.now();
  const run = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status}: ${run.stderr.toString()}`);
  return seconds;
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

try {
  if (await bundleIsStale()) await buildCli();
  const id = makeTestIdentity(dir, 'rsa-2048', 'Nguyễn Văn A', 'rsa-2048');
  const unsigned = path.join(dir, 'big.pdf');
  const signed = path.join(dir, 'big-signed.pdf');
  writeBigPdf(unsigned, 100 * 1024 * 1024);
  wall(node, [cli, 'sign', unsigned, '--out', signed, '--p12', id.p12, '--pin-env', 'BENCH_P12_PASSWORD'], {
    ...process.env,
    BENCH_P12_PASSWORD: id.password,
  });
  rmSync(unsigned);
  const hashInNode =
    "const h=require('crypto').createHash('sha256');require('fs').createReadStream(process.argv[1],{highWaterMark:1<<20})" +
    ".on('data',(c)=>h.update(c)).on('end',()=>h.digest('hex'))";

  const rows: Array<{ label: string; run: () => number; times: number[] }> = [
    { label: '`node -e 0`', run: () => wall(node, ['-e', '0']), times: [] },
    { label: '`eoffice --help`', run: () => wall(node, [cli, '--help']), times: [] },
    { label: '`sha256sum` of the signed 100 MiB file', run: () => wall('sha256sum', [signed]), times: [] },
    { label: 'Node: start + stream SHA-256 of the file', run: () => wall(node, ['-e', hashInNode, signed]), times: [] },
    { label: '`eoffice verify` of the file', run: () => wall(node, [cli, 'verify', signed, '--trust', id.rootPem, '--json']), times: [] },
  ];
  for (const row of rows) row.run(); // warm the page cache and the disk before anything counts
  for (let round = 0; round < ROUNDS; round++) for (const row of rows) row.times.push(row.run());

  const [bare, help, sha256sum, nodeHash, verify] = rows.map((row) => median(row.times)) as [number, number, number, number, number];
  const lines = [
    `${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ` +
      `median of ${ROUNDS} interleaved rounds:`,
    '',
    '| what | median wall time |',
    '| --- | ---: |',
    ...rows.map((row) => `| ${row.label} | ${median(row.times).toFixed(3)} s |`),
    '',
    '| ratio | measured | target |',
    '| --- | ---: | ---: |',
    `| \`--help\` ÷ \`node -e 0\` | ${(help / bare).toFixed(2)} | ≤ 2 |`,
    `| \`verify\` ÷ (Node start + one SHA-256 pass) | ${(verify / nodeHash).toFixed(2)} | ≤ 2 |`,
    `| \`verify\` ÷ (\`node -e 0\` + \`sha256sum\`) | ${(verify / (bare + sha256sum)).toFixed(2)} | ≤ 2 |`,
  ];
  console.log(lines.join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
