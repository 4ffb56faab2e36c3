import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient, createInProcessTransport, type EOfficeClient } from '@eoffice/contract';
import { Pkcs12Signer, signPdf } from '@eoffice/signing';
import { writeBigPdf } from '../../signing/test/helpers/big-pdf.js';
import { manyFieldsOnOneValue, nestedArrays, xrefStreamBomb } from '../../signing/test/helpers/hostile-pdfs.js';
import { makeSamplePdf } from '../../signing/test/helpers/sample-pdfs.js';
import { makeTestIdentity } from '../../signing/test/helpers/test-pki.js';
import { composeServices } from '../src/compose-services.js';
import { signingLibraryVerifier } from '../src/signing-ports.js';
import { useTempDir } from './temp-dir.js';

/**
 * Issue 13 item 4 in the services: verification runs on its own thread with a time and a memory limit, so a hostile
 * file never blocks other calls, and a limit ends in a typed error (E_PDF_UNREADABLE), never a hang or a crash.
 */
describe('the verifier thread', () => {
  const tempDir = useTempDir();

  async function signedSample(dir: string, bytes?: number): Promise<Uint8Array> {
    const identity = makeTestIdentity(dir, 'ec-p256');
    const input = join(dir, 'draft.pdf');
    const output = join(dir, 'signed.pdf');
    if (bytes) writeBigPdf(input, bytes);
    else await writeFile(input, await makeSamplePdf());
    await signPdf({ input, output, signer: Pkcs12Signer.fromFile(identity.p12, identity.password) });
    return readFile(output);
  }

  const codeOf = async (promise: Promise<unknown>): Promise<{ code?: string; message?: string }> =>
    promise.then(
      () => ({}),
      (error: { code?: string; message?: string }) => error,
    );

  it('gives the in-process verdict for a sound file, and E_PDF_UNREADABLE for the crafted ones', async () => {
    const verifier = signingLibraryVerifier();
    try {
      const report = await verifier.verifyPdf(await signedSample(await tempDir()));
      expect(report.signatures).toEqual([expect.objectContaining({ intact: true, valid: true, trusted: null })]);
      for (const hostile of [xrefStreamBomb(), nestedArrays()]) {
        const refused = await codeOf(verifier.verifyPdf(hostile));
        expect(refused.code).toBe('E_PDF_UNREADABLE');
        expect(refused.message).toMatch(/giới hạn an toàn.*safety limit/);
      }
      // The thread survives a refusal: the next file is verified as usual.
      expect((await verifier.verifyPdf(await signedSample(await tempDir()))).signatures[0]?.valid).toBe(true);
    } finally {
      await verifier.close();
    }
  }, 60_000);

  it('a verification over its time limit ends in E_PDF_UNREADABLE and the thread is replaced', async () => {
    const pdf = await signedSample(await tempDir());
    // 1 ms: the thread cannot even start in that time, so the limit, not the file, decides.
    const hurried = signingLibraryVerifier({ limits: { timeMs: 1 } });
    try {
      const refused = await codeOf(hurried.verifyPdf(pdf));
      expect(refused.code).toBe('E_PDF_UNREADABLE');
      expect(refused.message).toMatch(/time limit/);
      expect((await codeOf(hurried.verifyPdf(pdf))).code).toBe('E_PDF_UNREADABLE');
    } finally {
      await hurried.close();
    }
  }, 60_000);

  it('a verification over its memory limit ends in E_PDF_UNREADABLE, not a crash of the process', async () => {
    // 300,000 objects in one classic table: their index alone outgrows a 24 MB heap.
    const count = 300_000;
    const rows = Array.from({ length: count }, (_, i) => `${String(9 + i).padStart(10, '0')} 00000 n \n`).join('');
    const body = '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n';
    const pdf = Buffer.from(`${body}xref\n0 ${count + 1}\n0000000000 65535 f \n${rows}trailer\n<< /Size ${count + 1} /Root 1 0 R >>\nstartxref\n${body.length}\n%%EOF\n`, 'latin1');
    const small = signingLibraryVerifier({ limits: { heapMb: 24 } });
    try {
      const refused = await codeOf(small.verifyPdf(pdf));
      expect(refused.code).toBe('E_PDF_UNREADABLE');
      expect(refused.message).toMatch(/memory limit/);
    } finally {
      await small.close();
    }
  }, 60_000);

  it('while a hostile file is being verified, another call of the services answers', async () => {
    const dir = await tempDir();
    // 1,000 fields on one /V over a 21 MB file: the shape that once took 25 s on the services' own thread.
    const hostile = manyFieldsOnOneValue(await signedSample(dir, 21 * 1024 * 1024), 1000);
    const file = join(dir, 'hostile.pdf');
    await writeFile(file, hostile);
    const services = await composeServices({ dataDir: join(dir, 'data') });
    try {
      const as = (username: string | null): EOfficeClient =>
        createClient(createInProcessTransport(services.dispatch, { sessionToken: null, actingUsername: username, face: 'test' }));
      await as(null).services.registers.initAgency({ organId: '000.00.01.Z99', name: 'Ủy ban nhân dân tỉnh Demo', abbreviation: 'UBND' });
      await as(null).services.users.add({ username: 'admin', roles: ['admin'] });
      await as('admin').services.users.add({ username: 'vanthu', roles: ['clerk'], fullName: 'Nguyễn Thị Văn Thư', unit: 'VP' });
      const clerk = as('vanthu').services.documents;
      const received = await clerk.receive({
        file: { path: file }, attachments: [], source: 'file', from: '000.00.17.H99', number: '12', symbol: 'STC-VP', issuedDate: '2026-02-27',
        type: 'TB', subject: 'Thông báo', urgency: 'normal', secrecy: 'none',
      } as Parameters<typeof clerk.receive>[0]);
      let verifySettled = false;
      const verifying = clerk.verify({ id: received.id }).finally(() => {
        verifySettled = true;
      });
      const cheap = await clerk.show({ id: received.id });
      expect(cheap.id).toBe(received.id);
      // On the services' thread the verification would have run to its end before this call could answer.
      expect(verifySettled).toBe(false);
      const verified = await verifying;
      expect(verified.signatures.length).toBeGreaterThan(0);
    } finally {
      await services.close();
    }
  }, 120_000);
});
