/**
 * By-hand benchmark of verification (issue 13 item 4; table in packages/signing/README.md): a signed PDF of --mb MiB
 * (default 100), median of --runs (3), side by side in the same run:
 *   - poppler's `pdfsig -nocert -no-ocsp` on it (the target: no slower than pdfsig),
 *   - our verifyPdfSignatures in this process (the services' verifier thread runs the same code),
 *   - `eoffice verify --json` as a whole process (Node start-up and module loading included),
 *   - `sha256sum` of the file (one read: the floor for anything that hashes it).
 *
 *   pnpm exec tsx scripts/bench/verify.ts [--mb 100] [--runs 3]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Pkcs12Signer, signPdf, verifyPdfSignatures } from '../../packages/signing/src/index.js';
import { writeBigPdf } from '../../packages/signing/test/helpers/big-pdf.js';
import { makeTestIdentity } from '../../packages/signing/test/helpers/test-pki.js';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '100' }, runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repo, 'scripts/eoffice/dist/eoffice.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'eoffice-bench-verify-'));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const timed = (work: () => unknown): number => {
  const start = performance.now();
  work();
  return performance.now() - start;
};

try {
  const identity = await makeTestIdentity(dir, 'ec-p256', 'Nguyễn Văn Kiểm');
  const input = path.join(dir, 'big.pdf');
  writeBigPdf(input, Number(values.mb) * 1024 * 1024);
  const signed = path.join(dir, 'signed.pdf');
  await signPdf({ input, output: signed, signer: Pkcs12Signer.fromFile(identity.p12, identity.password) });
  const check = verifyPdfSignatures(signed).signatures[0];
  if (!check?.intact || !check.valid) throw new Error('the benchmark file does not verify');
  const pdfsigOut = spawnSync('pdfsig', ['-nocert', '-no-ocsp', signed], { encoding: 'utf8' });
  if (!`${pdfsigOut.stdout}${pdfsigOut.stderr}`.includes('Signature is Valid.')) throw new Error('pdfsig does not find the file valid');
  const rows: Array<[string, number[]]> = [['sha256sum', []], ['pdfsig -nocert -no-ocsp', []], ['verifyPdfSignatures (in process)', []], ['eoffice verify --json (whole process)', []]];
  for (let i = 0; i < runs; i += 1) {
    rows[0]![1].push(timed(() => execFileSync('sha256sum', [signed])));
    rows[1]![1].push(timed(() => spawnSync('pdfsig', ['-nocert', '-no-ocsp', signed])));
    rows[2]![1].push(timed(() => verifyPdfSignatures(signed)));
    rows[3]![1].push(timed(() => spawnSync(process.execPath, [cli, 'verify', signed, '--json'])));
  }
  const pdfsig = median(rows[1]![1]);
  console.log(`verify a ${(statSync(signed).size / 1024 / 1024).toFixed(0)} MiB signed PDF, median of ${runs} (load ${loadavg().map((l) => l.toFixed(1)).join(' ')}):`);
  console.log('| operation | ms | × pdfsig |');
  console.log('|---|---|---|');
  for (const [name, xs] of rows) console.log(`| ${name} | ${median(xs).toFixed(0)} | ${(median(xs) / pdfsig).toFixed(2)} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
