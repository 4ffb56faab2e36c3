#!/usr/bin/env -S npx tsx
/**
 * By-hand benchmark of PDF signing (not a test: the machine is shared and timings are noisy).
 * For a 1-page, a 10 MB and a 100 MB PDF it measures, in the same run, the median of 3 runs of:
 *   - `sha256sum` (one read of the file: the floor for anything that hashes it),
 *   - a Node process that only stream-hashes the file (Node's own time and memory),
 *   - our signPdf (PKCS#12, RSA-2048, invisible signature),
 *   - @signpdf 3.3 with its pdf-lib placeholder.
 * Wall time of the whole process and peak RSS come from GNU time; the in-process time from the worker itself, which
 * runs as built JS: bundled by esbuild (tsx's own) into one .mjs and started with plain node, with the time to start
 * Node and load the modules reported separately.
 *
 *   npx tsx scripts/bench/sign.ts            (prints a Markdown table for packages/signing/README.md)
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBigPdf } from '../../packages/signing/test/helpers/big-pdf.js';
import { makeSamplePdf } from '../../packages/signing/test/helpers/sample-pdfs.js';
import { makeTestIdentity } from '../../packages/signing/test/helpers/test-pki.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'eoffice-bench-sign-'));
const RUNS = 3;

interface Measure {
  wallS: number;
  rssKb: number;
  inProcessMs?: number;
  loadMs?: number;
  keyMs?: number;
}

/** GNU time writes to stderr; run through sh to capture both streams. */
function measure(command: string, args: string[]): Measure {
  const quoted = [command, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const out = execFileSync('sh', ['-c', `/usr/bin/time -f '__TIME__ %e %M' ${quoted} 2>&1`], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const t = /__TIME__ ([\d.]+) (\d+)/.exec(out);
  if (!t) throw new Error(`no timing in output of ${command}: ${out}`);
  const line = out.split('\n').find((l) => l.startsWith('{"ms"'));
  const worker = line ? (JSON.parse(line) as { ms: number; loadMs: number; keyMs?: number }) : undefined;
  return { wallS: Number(t[1]), rssKb: Number(t[2]), inProcessMs: worker?.ms, loadMs: worker?.loadMs, keyMs: worker?.keyMs };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function medianOf(runs: Measure[]): Measure {
  return {
    wallS: median(runs.map((r) => r.wallS)),
    rssKb: median(runs.map((r) => r.rssKb)),
    inProcessMs: runs[0]!.inProcessMs === undefined ? undefined : median(runs.map((r) => r.inProcessMs!)),
    loadMs: runs[0]!.loadMs === undefined ? undefined : median(runs.map((r) => r.loadMs!)),
    keyMs: runs[0]!.keyMs === undefined ? undefined : median(runs.map((r) => r.keyMs!)),
  };
}

try {
  // An RSA root too: @signpdf's P12Signer (node-forge) cannot read EC certificates anywhere in the file.
  const id = makeTestIdentity(dir, 'rsa-2048', 'Nguyễn Văn A', 'rsa-2048');
  const files: [string, string][] = [];
  const onePage = path.join(dir, '1-page.pdf');
  writeFileSync(onePage, await makeSamplePdf({ pages: 1 }));
  files.push(['1 page', onePage]);
  for (const mb of [10, 100]) {
    const f = path.join(dir, `${mb}mb.pdf`);
    writeBigPdf(f, mb * 1024 * 1024);
    files.push([`${mb} MB`, f]);
  }
  // Built JS: the worker bundled with its sources; npm dependencies stay external and resolve from packages/signing.
  const worker = path.join(here, '../../packages/signing/node_modules/.bench/sign-worker.mjs');
  interface Esbuild {
    buildSync(options: Record<string, unknown>): unknown;
  }
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx'))('esbuild') as Esbuild; // tsx's own esbuild
  process.env.EOFFICE_REPO_ROOT = path.resolve(here, '../..');
  esbuild.buildSync({ entryPoints: [path.join(here, 'sign-worker.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: worker, logLevel: 'error' });
  const node = (mode: string, input: string, output: string): Measure => measure(process.execPath, [worker, mode, input, output, id.p12, id.password]);
  const rows: string[] = [];
  for (const [label, file] of files) {
    const size = statSync(file).size;
    const results: Record<string, Measure> = {};
    const collect: Record<string, Measure[]> = { sha: [], hash: [], ours: [], signpdf: [] };
    for (let i = 0; i < RUNS; i++) {
      collect.sha!.push(measure('sha256sum', [file]));
      collect.hash!.push(node('hash', file, ''));
      collect.ours!.push(node('ours', file, path.join(dir, 'ours.pdf')));
      collect.signpdf!.push(node('signpdf', file, path.join(dir, 'signpdf.pdf')));
    }
    for (const k of Object.keys(collect)) results[k] = medianOf(collect[k]!);
    const sha = results.sha!;
    const fmt = (m: Measure): string => {
      const key = m.keyMs === undefined ? '' : ` incl. key opening ${(m.keyMs / 1000).toFixed(2)} s`;
      const inProc = m.inProcessMs === undefined ? '' : `; in-process ${(m.inProcessMs / 1000).toFixed(2)} s${key}; start-up + module load ${(m.loadMs! / 1000).toFixed(2)} s`;
      return `${m.wallS.toFixed(2)} s (×${(m.wallS / Math.max(sha.wallS, 0.01)).toFixed(1)}${inProc}), ${(m.rssKb / 1024).toFixed(0)} MB (×${(m.rssKb / sha.rssKb).toFixed(0)})`;
    };
    rows.push(
      `| ${label} (${(size / 1048576).toFixed(1)} MB) | ${sha.wallS.toFixed(2)} s, ${(sha.rssKb / 1024).toFixed(1)} MB | ${fmt(results.hash!)} | ${fmt(results.ours!)} | ${fmt(results.signpdf!)} |`,
    );
    console.error(`done: ${label}`);
  }
  console.log('| file | sha256sum (wall, peak RSS) | Node stream-hash only | ours: signPdf | @signpdf 3.3 + pdf-lib placeholder |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
