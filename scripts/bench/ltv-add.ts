/**
 * By-hand benchmark of `ltv add` (issue 16 item 8; table in packages/signing/README.md): on a signed PDF of --mb
 * MiB (default 100), in the same process and run, the median of --runs (3) of
 *   - `sha256sum` of the signed file (one read: the floor for anything that hashes it),
 *   - signing it B-B (PKCS#12, P-256, invisible): the baseline the issue names,
 *   - addLtv: revocation for the signer and the TSA from the loopback openssl OCSP/CRL servers, the /DSS and a
 *     document timestamp from the loopback openssl TSA, written as one incremental update.
 * Target: ltv add ≤ 2× the B-B signing time (one hash pass plus the network calls).
 *
 *   pnpm exec tsx scripts/bench/ltv-add.ts [--mb 100] [--runs 3]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { addLtv, ParsedCertificate, Pkcs12Signer, signPdf } from '../../packages/signing/src/index.js';
import { writeBigPdf } from '../../packages/signing/test/helpers/big-pdf.js';
import { makeLtvPki } from '../../packages/signing/test/helpers/ltv-pki.js';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '100' }, runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
const dir = mkdtempSync(path.join(tmpdir(), 'eoffice-bench-ltv-'));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const timed = async (work: () => Promise<unknown> | unknown): Promise<number> => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};

try {
  const pki = await makeLtvPki(path.join(dir, 'pki'));
  try {
    const signer = await pki.issueSigner('Nguyễn Văn Đo');
    const key = Pkcs12Signer.fromFile(signer.p12, signer.password);
    const root = new ParsedCertificate(pki.rootDer);
    const input = path.join(dir, 'big.pdf');
    writeBigPdf(input, Number(values.mb) * 1024 * 1024);
    const signed = path.join(dir, 'signed.pdf');
    await signPdf({ input, output: signed, signer: key });
    const sha: number[] = [];
    const bb: number[] = [];
    const ltv: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      sha.push(await timed(() => execFileSync('sha256sum', [signed])));
      bb.push(await timed(() => signPdf({ input, output: path.join(dir, `bb-${i}.pdf`), signer: key })));
      ltv.push(await timed(() => addLtv({ input: signed, output: path.join(dir, `lta-${i}.pdf`), tsa: { url: pki.tsaUrl }, extraCertificates: [root] })));
      rmSync(path.join(dir, `bb-${i}.pdf`));
      rmSync(path.join(dir, `lta-${i}.pdf`));
    }
    const mib = (statSync(signed).size / 1024 / 1024).toFixed(0);
    console.log(`ltv add on a ${mib} MiB signed PDF, median of ${runs} (load ${loadavg().map((l) => l.toFixed(1)).join(' ')}):`);
    console.log('| operation | ms | × sha256sum | × B-B signing |');
    console.log('|---|---|---|---|');
    for (const [name, xs] of [['sha256sum', sha], ['sign B-B', bb], ['ltv add (DSS + document timestamp)', ltv]] as const) {
      console.log(`| ${name} | ${median(xs).toFixed(0)} | ${(median(xs) / median(sha)).toFixed(2)} | ${(median(xs) / median(bb)).toFixed(2)} |`);
    }
  } finally {
    await pki.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
