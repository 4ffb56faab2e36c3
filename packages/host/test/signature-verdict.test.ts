import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient, createInProcessTransport, type DocumentView, type EOfficeClient } from '@eoffice/contract';
import { makeDemoPdf, type DocumentSigner, type SignatureVerifier } from '@eoffice/docs-core';
import { Pkcs12Signer, signPdf } from '@eoffice/signing';
import { makeSamplePdf } from '../../signing/test/helpers/sample-pdfs.js';
import { makeTestIdentity, type TestIdentity } from '../../signing/test/helpers/test-pki.js';
import { composeServices, type ComposeOptions, type ComposedServices } from '../src/compose-services.js';
import { signingLibraryDocumentSigner, signingLibraryVerifier } from '../src/signing-ports.js';
import { trustAnchorPaths, trustDirOf } from '../src/trust-anchor-paths.js';
import { useTempDir } from './temp-dir.js';

/**
 * The verifier port end to end with real signatures (PKCS#12 keys under a test CA, packages/signing's verifier):
 * the verdict reaches the stored check and the view whole — intact, valid and trusted apart — so a face can show
 * "valid but not trusted", and a signature just made is verified once.
 */
describe('the verdict reaches the core whole', () => {
  const tempDir = useTempDir();

  async function identity(dir: string, name: string, commonName: string): Promise<TestIdentity> {
    const folder = join(dir, name);
    await mkdir(folder, { recursive: true });
    return makeTestIdentity(folder, 'ec-p256', commonName);
  }

  /** An agency, its users, and a client acting as any of them, over the composition every face uses. */
  async function agency(dir: string, options: Omit<ComposeOptions, 'dataDir'>) {
    const services = await composeServices({ dataDir: join(dir, 'data'), ...options });
    const as = (username: string | null): EOfficeClient =>
      createClient(createInProcessTransport(services.dispatch, { sessionToken: null, actingUsername: username, face: 'test' }));
    await as(null).services.registers.initAgency({ organId: '000.00.01.Z99', name: 'Ủy ban nhân dân tỉnh Demo', abbreviation: 'UBND' });
    await as(null).services.users.add({ username: 'admin', roles: ['admin'] });
    const admin = as('admin').services.users;
    await admin.add({ username: 'vanthu', roles: ['clerk'], fullName: 'Nguyễn Thị Văn Thư', unit: 'VP' });
    await admin.add({ username: 'lanhdao', roles: ['leader'], fullName: 'Nguyễn Văn An', position: 'Chủ tịch' });
    await admin.add({ username: 'chuyenvien', roles: ['specialist'], fullName: 'Trần Chuyên Viên', unit: 'VP' });
    return { services, as };
  }

  async function draft(dir: string, client: EOfficeClient, attachments: string[] = []): Promise<DocumentView> {
    const file = join(dir, 'du-thao.pdf');
    await writeFile(
      file,
      await makeDemoPdf({
        issuer: 'Ủy ban nhân dân tỉnh Demo',
        numberLine: 'Số:          /QĐ-UBND',
        typeName: 'Quyết định',
        subject: 'Về việc thành lập Tổ công tác',
        body: 'Điều 1. Thành lập Tổ công tác. Điều 2. Quyết định có hiệu lực kể từ ngày ký.',
        dateLine: 'Tỉnh Demo, ngày      tháng      năm 2026',
        signatureBlock: { lines: ['TM. Ủy ban nhân dân', 'Chủ tịch'], name: 'Nguyễn Văn An' },
      }),
    );
    return client.services.documents.draft({
      type: 'QĐ', subject: 'Về việc thành lập Tổ công tác', file: { path: file }, attachments: attachments.map((path) => ({ path })),
      to: [], urgency: 'normal', secrecy: 'none', signer: 'lanhdao', language: 'Tiếng Việt', direction: 'outgoing',
    });
  }

  /** The leader's key signs, the agency's seals: as two tokens would, each in its holder's hands. */
  function twoKeys(dir: string, leader: TestIdentity, seal: TestIdentity): DocumentSigner {
    const person = signingLibraryDocumentSigner(Pkcs12Signer.fromFile(leader.p12, leader.password), { workDir: join(dir, 'work') });
    const agencyKey = signingLibraryDocumentSigner(Pkcs12Signer.fromFile(seal.p12, seal.password), { workDir: join(dir, 'work') });
    return {
      signAsPerson: (request) => person.signAsPerson(request),
      sealAsAgency: (request) => agencyKey.sealAsAgency(request),
      stampAttachment: (request) => agencyKey.stampAttachment!(request),
    };
  }

  async function bindKeys(as: (u: string | null) => EOfficeClient, leader: TestIdentity, seal: TestIdentity): Promise<void> {
    await as('lanhdao').services.certificates.add({ owner: 'person', certificate: await readFile(leader.leafPem, 'utf8') });
    await as('vanthu').services.certificates.add({ owner: 'agency', certificate: await readFile(seal.leafPem, 'utf8') });
  }

  /** A sender's signed PDF, signed outside the agency with `who`'s key. */
  async function signedElsewhere(dir: string, who: TestIdentity, name: string): Promise<string> {
    const input = join(dir, `${name}-draft.pdf`);
    const output = join(dir, `${name}.pdf`);
    await writeFile(input, await makeSamplePdf());
    await signPdf({ input, output, signer: Pkcs12Signer.fromFile(who.p12, who.password), subFilter: 'ETSI.CAdES.detached' });
    return output;
  }

  async function receive(client: EOfficeClient, file: string, number: string): Promise<DocumentView> {
    const received = await client.services.documents.receive({
      file: { path: file }, attachments: [], source: 'file', from: '000.00.17.H99', number, symbol: 'STC-VP', issuedDate: '2026-02-27',
      type: 'TB', subject: 'Thông báo', urgency: 'normal', secrecy: 'none',
    } as Parameters<typeof client.services.documents.receive>[0]);
    return client.services.documents.verify({ id: received.id });
  }

  async function withAgency<T>(dir: string, options: Omit<ComposeOptions, 'dataDir'>, work: (a: { services: ComposedServices; as: (u: string | null) => EOfficeClient }) => Promise<T>) {
    const made = await agency(dir, options);
    try {
      return await work(made);
    } finally {
      await made.services.close();
    }
  }

  it('signs and seals with keys whose CA is in the data folder trust/: intact, valid and trusted, verified once each', async () => {
    const dir = await tempDir();
    const [leader, seal] = [await identity(dir, 'pki', 'Nguyễn Văn An'), await identity(dir, 'pki-agency', 'UBND tỉnh Demo')];
    await mkdir(trustDirOf(join(dir, 'data')), { recursive: true });
    await copyFile(leader.rootPem, join(trustDirOf(join(dir, 'data')), 'agency-root.pem'));
    await copyFile(seal.rootPem, join(trustDirOf(join(dir, 'data')), 'seal-root.pem'));
    const real = signingLibraryVerifier({ trust: { dataDir: join(dir, 'data'), env: {} } });
    let calls = 0;
    // Counts and delegates to the real verifier: verifying a new signature twice would show here.
    const counting: SignatureVerifier = { verifyPdf: (pdf, at) => ((calls += 1), real.verifyPdf(pdf, at)), readCertificate: (der) => real.readCertificate(der) };
    const signer = twoKeys(dir, leader, seal);
    const attachment = join(dir, 'phu-luc.pdf');
    await writeFile(attachment, await makeSamplePdf({ pages: 1 }));
    await withAgency(dir, { signer, verifier: counting }, async ({ as }) => {
      await bindKeys(as, leader, seal);
      const doc = await draft(dir, as('chuyenvien'), [attachment]);
      await as('chuyenvien').services.documents.submit({ id: doc.id });
      await as('lanhdao').services.documents.approve({ id: doc.id });
      const signed = await as('lanhdao').services.documents.sign({ id: doc.id });
      expect(calls).toBe(1);
      expect(signed.signatures).toEqual([
        expect.objectContaining({ kind: 'person', valid: true, intact: true, trusted: true, signerName: 'Nguyễn Văn An' }),
      ]);
      expect(signed.signatures[0]!.warnings).not.toContain('NOT_TRUSTED');
      const issued = await as('vanthu').services.documents.issue({ id: doc.id });
      // The seal once, the stamped attachment once: 1 + 2.
      expect(calls).toBe(3);
      expect(issued.state).toBe('issued');
      expect(issued.signatures.map((s) => [s.kind, s.valid, s.intact, s.trusted])).toEqual([
        ['person', true, true, true],
        ['agency', true, true, true],
      ]);
    });
  }, 60_000);

  it('a key no trust anchor knows still signs (our dev token): valid, trusted false, NOT_TRUSTED reported', async () => {
    const dir = await tempDir();
    const [agencyCa, devToken] = [await identity(dir, 'agency', 'CA cơ quan'), await identity(dir, 'dev', 'Nguyễn Văn An')];
    const signer = signingLibraryDocumentSigner(Pkcs12Signer.fromFile(devToken.p12, devToken.password), { workDir: join(dir, 'work') });
    await withAgency(dir, { signer, trustAnchors: [agencyCa.rootPem] }, async ({ as }) => {
      await as('lanhdao').services.certificates.add({ owner: 'person', certificate: await readFile(devToken.leafPem, 'utf8') });
      const doc = await draft(dir, as('chuyenvien'));
      await as('chuyenvien').services.documents.submit({ id: doc.id });
      await as('lanhdao').services.documents.approve({ id: doc.id });
      const signed = await as('lanhdao').services.documents.sign({ id: doc.id });
      expect(signed.state).toBe('signed');
      const [signature] = signed.signatures;
      expect(signature).toMatchObject({ valid: true, intact: true, trusted: false });
      expect(signature!.warnings).toContain('NOT_TRUSTED');
      expect(signature!.problems).toEqual(expect.arrayContaining([{ code: 'NOT_TRUSTED', severity: 'warning' }, { code: 'NO_TRUSTED_CHAIN', severity: 'warning' }]));
    });
  }, 60_000);

  it('on receipt: a trusted sender passes, an unknown CA is recorded NOT_TRUSTED and flagged, a changed byte is not intact', async () => {
    const dir = await tempDir();
    const [known, stranger] = [await identity(dir, 'known', 'Giám đốc Sở Tài chính'), await identity(dir, 'stranger', 'Người Lạ')];
    const trustedFile = await signedElsewhere(dir, known, 'trusted');
    const untrustedFile = await signedElsewhere(dir, stranger, 'untrusted');
    const tamperedFile = join(dir, 'tampered.pdf');
    const bytes = Buffer.from(await readFile(trustedFile));
    bytes[10] = bytes[10]! ^ 1; // the header's binary comment: covered by the signature, ignored by the reader
    await writeFile(tamperedFile, bytes);

    await withAgency(dir, { trustAnchors: [known.rootPem] }, async ({ as }) => {
      const clerk = as('vanthu');
      const trusted = await receive(clerk, trustedFile, '1');
      expect(trusted.signatures).toEqual([expect.objectContaining({ kind: 'received', valid: true, intact: true, trusted: true, warnings: [] })]);
      expect(trusted.flags).not.toContain('signature-untrusted');

      const untrusted = await receive(clerk, untrustedFile, '2');
      expect(untrusted.signatures).toEqual([expect.objectContaining({ kind: 'received', valid: true, intact: true, trusted: false })]);
      expect(untrusted.signatures[0]!.warnings).toContain('NOT_TRUSTED');
      expect(untrusted.flags).toContain('signature-untrusted');
      // Trust is recorded and shown, not a finding (the agency does not require it); what holds this file is the missing
      // agency signature (a person signed alone, Điều 21), which the clerk may confirm with a reason.
      expect(untrusted.checking?.map((f) => f.code)).toEqual(['NO_AGENCY_SIGNATURE']);
      expect((await clerk.services.documents.register({ id: untrusted.id, confirm: true, reason: 'Đã xác minh qua điện thoại' })).state).toBe('registered');

      const tampered = await receive(clerk, tamperedFile, '3');
      expect(tampered.signatures).toEqual([expect.objectContaining({ kind: 'received', valid: false, intact: false })]);
      expect(tampered.signatures[0]!.problems).toContainEqual({ code: 'DIGEST_MISMATCH', severity: 'error' });
      expect(tampered.flags).toContain('signature-invalid');
    });
  }, 60_000);

  it('without any trust anchor, trust is not asked: trusted null, no NOT_TRUSTED', async () => {
    const dir = await tempDir();
    const sender = await identity(dir, 'sender', 'Giám đốc Sở Tài chính');
    const file = await signedElsewhere(dir, sender, 'signed');
    const empty = join(dir, 'no-certificates');
    await mkdir(empty);
    await withAgency(dir, {}, async ({ as }) => {
      const previous = process.env.EOFFICE_TRUST_DIR;
      process.env.EOFFICE_TRUST_DIR = empty;
      try {
        const doc = await receive(as('vanthu'), file, '1');
        expect(doc.signatures).toEqual([expect.objectContaining({ valid: true, intact: true, trusted: null, warnings: [] })]);
        expect(doc.flags).not.toContain('signature-untrusted');
      } finally {
        if (previous === undefined) delete process.env.EOFFICE_TRUST_DIR;
        else process.env.EOFFICE_TRUST_DIR = previous;
      }
    });
  }, 60_000);

  it('reads anchors from the configured list, else EOFFICE_TRUST_DIR, else the shipped folder; plus the data folder trust/', async () => {
    const dir = await tempDir();
    const pki = await identity(dir, 'pki', 'CA');
    const envDir = join(dir, 'env-trust');
    await mkdir(envDir);
    await copyFile(pki.rootPem, join(envDir, 'root.pem'));
    const dataDir = join(dir, 'data');
    expect(trustAnchorPaths({ dataDir, env: { EOFFICE_TRUST_DIR: join(dir, 'missing') } })).toEqual([]);
    expect(trustAnchorPaths({ dataDir, env: { EOFFICE_TRUST_DIR: envDir } })).toEqual([envDir]);
    expect(trustAnchorPaths({ dataDir, trustAnchors: [pki.rootPem], env: { EOFFICE_TRUST_DIR: envDir } })).toEqual([pki.rootPem]);
    await mkdir(trustDirOf(dataDir), { recursive: true });
    await copyFile(pki.rootPem, join(trustDirOf(dataDir), 'root.pem'));
    expect(trustAnchorPaths({ dataDir, trustAnchors: [pki.rootPem] })).toEqual([pki.rootPem, trustDirOf(dataDir)]);
  }, 60_000);
});
