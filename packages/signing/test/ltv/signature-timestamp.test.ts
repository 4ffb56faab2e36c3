import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParsedCertificate, Pkcs12Signer, signPdf } from '../../src/index.js';
import { requestTimestamp } from '../../src/ltv/timestamp-client.js';
import { fetchCrl, fetchOcsp, RevocationCache } from '../../src/ltv/revocation-fetch.js';
import { evaluateOcspResponse } from '../../src/ltv/ocsp-response.js';
import { evaluateCrl } from '../../src/ltv/crl-check.js';
import { makeLtvPki, type LtvPki } from '../helpers/ltv-pki.js';
import { makeSamplePdf } from '../helpers/sample-pdfs.js';
import { pdfsig } from '../helpers/pdfsig.js';
import { useTempDir } from '../helpers/temp-dir.js';

// One PKI (CA, TSA, OCSP responder, CRL server) for the whole file: making keys and starting openssl is the cost.
const tempDir = useTempDir();
let pki: LtvPki;
let input: string;
beforeAll(async () => {
  pki = await makeLtvPki(path.join(tempDir(), 'pki'));
  input = path.join(tempDir(), 'in.pdf');
  writeFileSync(input, await makeSamplePdf());
}, 60_000);
afterAll(async () => pki?.close());

const codeOf = async (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'resolved',
    (error: unknown) => String((error as { code?: string }).code),
  );

describe('RFC 3161 client against openssl ts -reply', () => {
  it('gets a token for our imprint, signed by the TSA certificate', async () => {
    pki.tsaMode = 'ok';
    const token = await requestTimestamp({ url: pki.tsaUrl, data: Buffer.from('văn bản') });
    expect(token.tsaCertificate?.commonName).toBe('tsa');
    expect(Math.abs(token.genTime.getTime() - Date.now())).toBeLessThan(3_600_000);
  });

  it('refuses an answer for another imprint, another nonce, a refusal and garbage, each with its own code', async () => {
    const ask = () => requestTimestamp({ url: pki.tsaUrl, data: Buffer.from('x') });
    pki.tsaMode = 'wrong-imprint';
    expect(await codeOf(ask())).toBe('TSA_MISMATCH');
    pki.tsaMode = 'wrong-nonce';
    expect(await codeOf(ask())).toBe('TSA_MISMATCH');
    pki.tsaMode = 'refuse';
    expect(await codeOf(ask())).toBe('TSA_REFUSED');
    pki.tsaMode = 'garbage';
    expect(await codeOf(ask())).toBe('TSA_MALFORMED');
    pki.tsaMode = 'ok';
    expect(await codeOf(requestTimestamp({ url: 'http://127.0.0.1:1/tsa', data: Buffer.from('x') }))).toBe('TSA_UNREACHABLE');
  });
});

describe('B-T at signing', () => {
  it('puts the token in the same update; pdfsig says valid', async () => {
    const signer = await pki.issueSigner('Nguyễn Văn Bé');
    const output = path.join(tempDir(), 'bt.pdf');
    const result = await signPdf({
      input, output, signer: Pkcs12Signer.fromFile(signer.p12, signer.password), timestamp: { url: pki.tsaUrl, onUnreachable: 'fail' },
    });
    expect(result.level).toBe('B-T');
    expect(result.timestampTime).not.toBeNull();
    const report = pdfsig(output);
    expect(report.signatures.map((s) => s.validation), report.raw).toEqual(['Signature is Valid.']);
  });

  it('an unreachable TSA fails (nothing written) or signs B-B with a warning, as configured', async () => {
    const signer = await pki.issueSigner('Lê Thị Cúc');
    const key = Pkcs12Signer.fromFile(signer.p12, signer.password);
    const failed = path.join(tempDir(), 'failed.pdf');
    expect(await codeOf(signPdf({ input, output: failed, signer: key, timestamp: { url: 'http://127.0.0.1:1/', onUnreachable: 'fail' } }))).toBe('TSA_UNREACHABLE');
    const { existsSync } = await import('node:fs');
    expect(existsSync(failed)).toBe(false);
    const bb = await signPdf({ input, output: path.join(tempDir(), 'bb.pdf'), signer: key, timestamp: { url: 'http://127.0.0.1:1/', onUnreachable: 'sign-without' } });
    expect(bb.level).toBe('B-B');
    expect(bb.warning).toMatch(/TSA/);
  });

  it('a TSA answering another nonce is never papered over, even when signing without a TSA is allowed', async () => {
    const signer = await pki.issueSigner('Phạm Văn Dũng');
    pki.tsaMode = 'wrong-nonce';
    try {
      const attempt = signPdf({
        input, output: path.join(tempDir(), 'nonce.pdf'), signer: Pkcs12Signer.fromFile(signer.p12, signer.password),
        timestamp: { url: pki.tsaUrl, onUnreachable: 'sign-without' },
      });
      expect(await codeOf(attempt)).toBe('TSA_MISMATCH');
    } finally {
      pki.tsaMode = 'ok';
    }
  });
});

describe('OCSP and CRL clients against openssl ocsp -port and openssl ca -gencrl', () => {
  it('good, then revoked with its reason; the CRL agrees; a rogue responder key is not authorised', async () => {
    const signer = await pki.issueSigner('Hoàng Văn Em');
    const cert = new ParsedCertificate(signer.certDer);
    const root = new ParsedCertificate(pki.rootDer);
    const good = evaluateOcspResponse(await fetchOcsp(cert, root, pki.ocspUrl), cert, root);
    expect([good?.status, good?.authorised, good?.signatureValid]).toEqual(['good', true, true]);
    await pki.revoke(signer, 'keyCompromise');
    const revoked = evaluateOcspResponse(await fetchOcsp(cert, root, pki.ocspUrl), cert, root);
    expect([revoked?.status, revoked?.reason]).toEqual(['revoked', 'keyCompromise']);
    const crl = evaluateCrl(await fetchCrl(pki.crlUrl), cert, root);
    expect([crl?.revoked, crl?.signatureValid, crl?.reason]).toEqual([true, true, 'keyCompromise']);
    const rogue = evaluateOcspResponse(await fetchOcsp(cert, root, await pki.startRogueOcsp()), cert, root);
    expect([rogue?.signatureValid, rogue?.authorised]).toEqual([true, false]);
  });

  it('the cache asks the CRL server once until nextUpdate', async () => {
    const cache = new RevocationCache();
    const before = pki.hits.crl;
    await fetchCrl(pki.crlUrl, { cache });
    await fetchCrl(pki.crlUrl, { cache });
    expect(pki.hits.crl - before).toBe(1);
  });
});
