import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pkcs12Signer, signPdf } from '../../../packages/signing/src/index.js';
import { makeSamplePdf } from '../../../packages/signing/test/helpers/sample-pdfs.js';
import { makeTestIdentity } from '../../../packages/signing/test/helpers/test-pki.js';
import { nestedArrays, xrefStreamBomb, zeroWidthXref } from '../../../packages/signing/test/helpers/hostile-pdfs.js';
import type { Seed } from '../run-fuzz.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
/** The shared fixtures beside the checkout, read by path (never copied into the repo). */
export const FIXTURES = path.resolve(repoRoot, '../shared/fixtures');
/** Every input that once failed, kept small, replayed by the CI slice. */
export const PDF_REGRESSIONS = fileURLToPath(new URL('./regressions', import.meta.url));

function pdfsUnder(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...pdfsUnder(full));
    else if (name.toLowerCase().endsWith('.pdf')) found.push(full);
  }
  return found;
}

/** The fixtures' PDFs (signed by others, attacks included), at most `maxBytes` each so cases stay quick. */
export function fixtureSeeds(maxBytes = 300_000): Seed[] {
  return pdfsUnder(FIXTURES)
    .filter((file) => statSync(file).size <= maxBytes)
    .map((file) => ({ name: path.relative(FIXTURES, file), bytes: readFileSync(file) }));
}

/** Files we sign ourselves (PKCS#12 key from openssl): one signature, and two signatures over object streams. */
export async function ownSignedSeeds(): Promise<Seed[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'eoffice-fuzz-seeds-'));
  try {
    const identity = makeTestIdentity(dir, 'rsa-2048');
    const signer = Pkcs12Signer.fromFile(identity.p12, identity.password);
    const plain = path.join(dir, 'plain.pdf');
    writeFileSync(plain, await makeSamplePdf({ pages: 2 }));
    await signPdf({ input: plain, output: path.join(dir, 'signed.pdf'), signer, signingTime: new Date('2026-03-05T02:03:04Z') });
    const streams = path.join(dir, 'streams.pdf');
    writeFileSync(streams, await makeSamplePdf({ pages: 1, useObjectStreams: true }));
    await signPdf({ input: streams, output: path.join(dir, 'streams-1.pdf'), signer, signingTime: new Date('2026-03-05T02:03:04Z') });
    await signPdf({
      input: path.join(dir, 'streams-1.pdf'),
      output: path.join(dir, 'streams-2.pdf'),
      signer,
      signingTime: new Date('2026-03-06T02:03:04Z'),
      placement: { pageIndex: 0, rect: [72, 72, 180, 60] },
    });
    return ['signed.pdf', 'streams-2.pdf'].map((name) => ({ name: `ours/${name}`, bytes: readFileSync(path.join(dir, name)) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Small versions of issue 13's crafted files, so mutations start from the shapes that once hurt. */
export function hostileSeeds(): Seed[] {
  return [
    { name: 'crafted/xref-bomb-64MB', bytes: xrefStreamBomb(64 * 1024 * 1024) },
    { name: 'crafted/zero-width-xref', bytes: zeroWidthXref() },
    { name: 'crafted/nested-arrays', bytes: nestedArrays(190) },
  ];
}

/** The regression corpus: every file that once crashed, stalled or blew memory. */
export function regressionSeeds(dir = PDF_REGRESSIONS): Seed[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.pdf'))
    .sort()
    .map((name) => ({ name: `regressions/${name}`, bytes: readFileSync(path.join(dir, name)) }));
}
