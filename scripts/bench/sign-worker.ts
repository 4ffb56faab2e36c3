/**
 * One signing run for scripts/bench/sign.ts, in its own process so that its peak RSS is its own.
 *   node --import tsx scripts/bench/sign-worker.ts <ours|signpdf|hash> <in.pdf> <out.pdf> <p12> <password>
 * Prints {"ms": in-process milliseconds, "loadMs": start-up + module load, "maxRssKb": peak RSS} as JSON.
 * scripts/bench/sign.ts runs it bundled by esbuild with plain node, so no TypeScript compiler is in the process.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pkcs12Signer, signPdf } from '../../packages/signing/src/index.js';
// Types only (erased at run time); the modules are loaded from @eoffice/signing's dependencies below.
import type * as PdfLib from 'pdf-lib';
import type * as Placeholder from '@signpdf/placeholder-pdf-lib';
import type * as SignerP12 from '@signpdf/signer-p12';

const [mode, input, output, p12, password] = process.argv.slice(2) as [string, string, string, string, string];
// Set by sign.ts: the bundled worker does not live in scripts/bench.
const repoRoot = process.env.EOFFICE_REPO_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fromSigning = createRequire(path.join(repoRoot, 'packages/signing/package.json'));

// Time since the process started: Node start-up plus loading this module graph (reported apart from the work).
const loadMs = performance.now();
const started = performance.now();
let keyMs: number | undefined;
if (mode === 'ours') {
  // Opening the PKCS#12 (forge's PBKDF2 in JS) is timed apart too: with a token it is the session, opened once.
  const signer = Pkcs12Signer.fromFile(p12, password);
  keyMs = performance.now() - started;
  await signPdf({ input, output, signer });
} else if (mode === 'signpdf') {
  // @signpdf 3.3 with its pdf-lib placeholder: the route most Node projects take (loads and re-saves the whole file).
  const { PDFDocument } = fromSigning('pdf-lib') as typeof PdfLib;
  const { pdflibAddPlaceholder } = fromSigning('@signpdf/placeholder-pdf-lib') as typeof Placeholder;
  const { P12Signer } = fromSigning('@signpdf/signer-p12') as typeof SignerP12;
  const signpdf = (fromSigning('@signpdf/signpdf') as { default: { sign(pdf: Buffer, signer: unknown): Promise<Buffer> } }).default;
  const doc = await PDFDocument.load(readFileSync(input));
  pdflibAddPlaceholder({ pdfDoc: doc, reason: 'bench', contactInfo: '', name: 'bench', location: '' });
  const withPlaceholder = Buffer.from(await doc.save({ useObjectStreams: false }));
  writeFileSync(output, await signpdf.sign(withPlaceholder, new P12Signer(readFileSync(p12), { passphrase: password })));
} else {
  // Node baseline: stream-hash the file, to separate Node's own footprint from the signing work.
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(input, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  hash.digest();
}
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, loadMs, keyMs, maxRssKb: process.resourceUsage().maxRSS }));
