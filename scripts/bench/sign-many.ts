#!/usr/bin/env -S npx tsx
/**
 * By-hand benchmark (issue 3 item 11): N one-page documents signed in ONE PKCS#11 session on a fresh SoftHSM2 dev
 * token (scripts/dev-token), each with a visible signer box whose appearance is drawn once and reused
 * (prebuiltSignerAppearance). Target: 1,000 documents in ≤ 10 s. Not a test: the machine is shared and noisy.
 * Reported in the same run: module load, session open, appearance build, the signing loop (total, per document, peak
 * RSS), and the baselines `sha256sum` over the same files and the bare PKCS#11 signature rate. A sample of the outputs
 * is checked with pdfsig so that the figure is for valid signatures.
 *
 *   npx tsx scripts/bench/sign-many.ts [count=1000]
 *   or, without tsx in the measured process: see "Benchmark" in packages/signing/README.md (esbuild bundle + node).
 */
import { randomInt } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeSamplePdf } from '../../packages/signing/test/helpers/sample-pdfs.js';

const count = Number(process.argv[2] ?? 1000);
const repoRoot = process.env.EOFFICE_REPO_ROOT ?? path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'eoffice-bench-sign-many-'));
const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MiB`;
const seconds = (from: number): number => (performance.now() - from) / 1000;

/** The token's PIN: given to scripts/dev-token, which never prints it. */
const pin = String(randomInt(10_000_000, 100_000_000));

interface DevToken {
  softhsm2Conf: string;
  module: string;
  token: string;
  keys: { leader: string };
}

const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

try {
  let started = performance.now();
  const signing = await import('../../packages/signing/src/index.js');
  console.log(`module load (packages/signing): ${seconds(started).toFixed(2)} s, RSS after ${mib(process.memoryUsage().rss)}`);

  const dev = JSON.parse(execFileSync(path.join(repoRoot, 'scripts/dev-token'), [path.join(dir, 'token')], { encoding: 'utf8', env: { ...process.env, EOFFICE_DEV_TOKEN_PIN: pin } })) as DevToken;
  process.env.SOFTHSM2_CONF = dev.softhsm2Conf;
  const inputs = path.join(dir, 'in');
  const outputs = path.join(dir, 'out');
  mkdirSync(inputs);
  mkdirSync(outputs);
  const onePage = await makeSamplePdf({ pages: 1 });
  const files = Array.from({ length: count }, (_, i) => path.join(inputs, `doc-${String(i).padStart(5, '0')}.pdf`));
  for (const f of files) writeFileSync(f, onePage);
  const signaturePng = readFileSync(path.join(repoRoot, 'resources/samples/signature-sample.png'));

  started = performance.now();
  execFileSync('sha256sum', files, { maxBuffer: 1 << 26 });
  const shaS = seconds(started);

  started = performance.now();
  const signer = await signing.openPkcs11Signer({ modulePath: dev.module, token: { label: dev.token }, keyId: dev.keys.leader, pin });
  const openS = seconds(started);
  try {
    const rect = [330, 400, 200, 110] as const;
    started = performance.now();
    const appearance = await signing.prebuiltSignerAppearance(
      { image: signaturePng, lines: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nguyễn Văn A'] },
      { width: rect[2], height: rect[3] },
    );
    const appearanceS = seconds(started);

    const attributes = Buffer.alloc(1500, 7); // about the size of CMS signed attributes
    await signer.sign(attributes, 'sha256'); // warm-up
    started = performance.now();
    for (let i = 0; i < count; i += 1) await signer.sign(attributes, 'sha256');
    const rawSignS = seconds(started);

    const rssBefore = process.memoryUsage().rss;
    started = performance.now();
    for (const [i, input] of files.entries()) {
      await signing.signPdf({ input, output: path.join(outputs, `signed-${i}.pdf`), signer, placement: { pageIndex: 0, rect }, appearance });
    }
    const signS = seconds(started);
    const peakRss = process.resourceUsage().maxRSS * 1024;

    // The same work with the appearance redrawn for every document, on a tenth of the files: what reuse saves.
    const redrawCount = Math.max(1, Math.floor(count / 10));
    started = performance.now();
    for (let i = 0; i < redrawCount; i += 1) {
      await signing.signPdf({
        input: files[i]!,
        output: path.join(outputs, `redrawn-${i}.pdf`),
        signer,
        placement: { pageIndex: 0, rect },
        appearance: signing.signerAppearance({ image: signaturePng, lines: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nguyễn Văn A'] }),
      });
    }
    const redrawPerDocMs = (seconds(started) * 1000) / redrawCount;

    for (const i of [0, Math.floor(count / 2), count - 1]) {
      const report = execFileSync('pdfsig', ['-nocert', '-no-ocsp', path.join(outputs, `signed-${i}.pdf`)], { encoding: 'utf8' });
      if (!report.includes('Signature is Valid.')) throw new Error(`signed-${i}.pdf: pdfsig does not say valid:\n${report}`);
    }

    console.log(`load average at start: ${loadAtStart}`);
    console.log(`documents: ${count} × ${onePage.length} B one-page PDFs; pdfsig: first, middle and last valid`);
    console.log(`token session open + login: ${openS.toFixed(2)} s; appearance built once: ${appearanceS.toFixed(2)} s`);
    console.log(`baseline sha256sum over the ${count} files: ${shaS.toFixed(2)} s`);
    console.log(`baseline PKCS#11 RSA-2048 signatures, one at a time: ${count} in ${rawSignS.toFixed(2)} s (${(count / rawSignS).toFixed(0)}/s)`);
    console.log(`signPdf × ${count} (visible, appearance reused): ${signS.toFixed(2)} s, ${((signS * 1000) / count).toFixed(1)} ms/document`);
    console.log(`  (appearance redrawn per document, ${redrawCount} documents: ${redrawPerDocMs.toFixed(1)} ms/document)`);
    console.log(`peak RSS of the process: ${mib(peakRss)} (RSS before the signing loop ${mib(rssBefore)})`);
    console.log(`target ≤ 10 s for 1,000: ${count === 1000 ? (signS <= 10 ? 'met' : 'NOT met') : `n/a (count ${count})`}`);
  } finally {
    await signer.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
