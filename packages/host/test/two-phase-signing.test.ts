import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createInProcessTransport, EOfficeError, type DocumentView, type EOfficeClient, type PreparedSigning } from '@eoffice/contract';
import { makeDemoPdf } from '@eoffice/docs-core';
import { makeDevToken, type DevToken } from '../../signing/test/helpers/dev-token.js';
import { pdfsig } from '../../signing/test/helpers/pdfsig.js';
import { composeServices, type ComposedServices } from '../src/compose-services.js';
import { useTempDir } from './temp-dir.js';

/**
 * The one signing path in two phases, through the contract as every face calls it: documents.prepareSigning →
 * tokens.signPrepared (a real SoftHSM2 token, one PIN) → documents.completeSigning; pdfsig checks the result.
 */
const SOFTHSM = '/usr/lib/softhsm/libsofthsm2.so';

let token: DevToken;
beforeAll(() => {
  token = makeDevToken();
});
afterAll(() => token.remove());

const tempDir = useTempDir();

async function expectCode(promise: Promise<unknown>, code: string): Promise<EOfficeError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(EOfficeError);
  expect((error as EOfficeError).code, (error as EOfficeError).message).toBe(code);
  return error as EOfficeError;
}

interface Agency {
  readonly services: ComposedServices;
  readonly dir: string;
  as(username: string | null): EOfficeClient;
  approvedDraft(subject: string, secrecy?: 'none' | 'secret'): Promise<DocumentView>;
}

async function agency(): Promise<Agency> {
  const dir = await tempDir();
  const services = await composeServices({ dataDir: join(dir, 'data') });
  const as = (username: string | null): EOfficeClient =>
    createClient(createInProcessTransport(services.dispatch, { sessionToken: null, actingUsername: username, face: 'test' }));
  await as(null).services.registers.initAgency({ organId: '000.00.01.Z99', name: 'Ủy ban nhân dân tỉnh Demo', abbreviation: 'UBND' });
  await as(null).services.users.add({ username: 'admin', roles: ['admin'] });
  const admin = as('admin').services.users;
  await admin.add({ username: 'vanthu', roles: ['clerk'], fullName: 'Nguyễn Thị Văn Thư', unit: 'VP' });
  await admin.add({ username: 'lanhdao', roles: ['leader'], fullName: 'Nguyễn Văn An', position: 'Chủ tịch' });
  await admin.add({ username: 'lanhdao2', roles: ['leader'], fullName: 'Lê Phó Chủ Tịch', position: 'Phó Chủ tịch' });
  await admin.add({ username: 'chuyenvien', roles: ['specialist'], fullName: 'Trần Chuyên Viên', unit: 'VP' });
  await admin.add({ username: 'chuyenvien2', roles: ['specialist'], fullName: 'Hoàng Phối Hợp', unit: 'VP' });
  let n = 0;
  const approvedDraft = async (subject: string, secrecy: 'none' | 'secret' = 'none') => {
    const file = join(dir, `du-thao-${++n}.pdf`);
    await writeFile(
      file,
      await makeDemoPdf({
        issuer: 'Ủy ban nhân dân tỉnh Demo',
        numberLine: 'Số:          /QĐ-UBND',
        typeName: 'Quyết định',
        subject,
        body: 'Điều 1. Thành lập Tổ công tác. Điều 2. Quyết định có hiệu lực kể từ ngày ký.',
        dateLine: 'Tỉnh Demo, ngày      tháng      năm 2026',
        signatureBlock: { lines: ['TM. Ủy ban nhân dân', 'Chủ tịch'], name: 'Nguyễn Văn An' },
      }),
    );
    const drafted = await as('chuyenvien').services.documents.draft({ type: 'QĐ', subject, file: { path: file }, signer: 'lanhdao', secrecy });
    await as('chuyenvien').services.documents.submit({ id: drafted.id });
    return as('lanhdao').services.documents.approve({ id: drafted.id });
  };
  // Decree 30: a person signs with their own bound certificate, the clerk seals with the agency's (issue 11 item 1).
  const { cert } = await softhsm(as('lanhdao'));
  for (const keyId of ['01', '03']) await as('lanhdao').services.certificates.add({ owner: 'person', certificate: cert(keyId).certificate });
  await as('vanthu').services.certificates.add({ owner: 'agency', certificate: cert('02').certificate });
  return { services, dir, as, approvedDraft };
}

async function softhsm(client: EOfficeClient) {
  const { modules } = await client.services.tokens.modules({});
  const module = modules.find((m) => m.path === SOFTHSM);
  expect(module, JSON.stringify(modules)).toBeDefined();
  const { tokens } = await client.services.tokens.certificates({ moduleId: module!.id });
  const dev = tokens.find((t) => t.label === token.token)!;
  const cert = (keyId: string) => dev.certificates.find((c) => c.keyId === keyId)!;
  return { moduleId: module!.id, dev, cert };
}

const outsideHole = (pdf: Buffer): Buffer => {
  const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  let last: RegExpExecArray | null = null;
  for (let m = range.exec(pdf.toString('latin1')); m; m = range.exec(pdf.toString('latin1'))) last = m;
  const [, gapStart, gapEnd] = last!.slice(1).map(Number) as [number, number, number, number];
  return Buffer.concat([pdf.subarray(0, gapStart), pdf.subarray(gapEnd)]);
};

async function blob(a: Agency, sha256: string): Promise<Buffer> {
  return Buffer.from(await a.services.store.blobs.get(sha256));
}

const prepareFor = (client: EOfficeClient, id: string, kind: 'person' | 'agency', cert: { certificate: string; chain: string[] }) =>
  client.services.documents.prepareSigning({ id, kind, certificate: cert.certificate, chain: cert.chain });

const signOne = (client: EOfficeClient, moduleId: string, prepared: PreparedSigning, keyId: string, pin: string, jobId = `job-${prepared.preparationId.slice(0, 8)}`) =>
  client.services.tokens.signPrepared({
    moduleId,
    token: { label: token.token, serial: token.serial },
    keyId,
    pin,
    jobId,
    preparations: [{ preparationId: prepared.preparationId, documentId: prepared.documentId, dataToSign: prepared.items.map((i) => i.dataToSign), digest: prepared.items[0]!.digest }],
  });

describe('two-phase signing through the contract, with a SoftHSM2 token', () => {
  it('lists the detected module and the token’s certificates before any PIN; the leader signs what was prepared, byte for byte; the clerk issues with the seal', async () => {
    const a = await agency();
    const leader = a.as('lanhdao');
    const { moduleId, dev, cert } = await softhsm(leader);
    expect(dev.pin).toEqual({ countLow: false, finalTry: false, locked: false, pinPad: false });
    // The CA on the token is a chain element, not a choice; the four keys are usable today.
    expect(dev.certificates.map((c) => c.keyId).sort()).toEqual(['01', '02', '03', '04']);
    for (const c of dev.certificates) expect(c.problem).toBeNull();
    expect(cert('01').chain).toHaveLength(1);

    const doc = await a.approvedDraft('Về việc thành lập Tổ công tác');
    const prepared = await prepareFor(leader, doc.id, 'person', cert('01'));
    expect(prepared.items).toHaveLength(1);
    expect(prepared.items[0]!.placement?.pageIndex).toBe(0);
    const { results } = await signOne(leader, moduleId, prepared, '01', token.pin);
    expect(results.map((r) => [r.status, r.error])).toEqual([['signed', null]]);
    const signed = results[0]!.document!;
    expect(signed.state).toBe('signed');
    expect(signed.signatures.map((s) => [s.kind, s.valid])).toEqual([['person', true]]);

    // What you see is what you sign: the stored file is the prepared revision, only /Contents filled.
    const shown = Buffer.from(prepared.items[0]!.pdf, 'base64');
    const stored = await blob(a, signed.files.find((f) => f.role === 'signed')!.sha256);
    expect(stored.length).toBe(shown.length);
    expect(outsideHole(stored).equals(outsideHole(shown))).toBe(true);
    expect(stored.equals(shown)).toBe(false);
    const onDisk = join(a.dir, 'signed.pdf');
    await writeFile(onDisk, stored);
    const report = pdfsig(onDisk);
    expect(report.signatures.map((s) => s.validation), report.raw).toEqual(['Signature is Valid.']);
    expect(report.signatures[0]!.totalDocumentSigned).toBe(true);

    // The clerk's issue: the number bound, the seal's revision prepared with số and date filled, signed, stored.
    const clerk = a.as('vanthu');
    const sealing = await prepareFor(clerk, doc.id, 'agency', cert('02'));
    expect(sealing.numberAndSymbol).toBe('01/QĐ-UBND');
    expect(sealing.issuedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const issued = (await signOne(clerk, moduleId, sealing, '02', token.pin)).results[0]!;
    expect(issued.status, JSON.stringify(issued.error)).toBe('signed');
    expect(issued.document!.state).toBe('issued');
    const issuedFile = join(a.dir, 'issued.pdf');
    await writeFile(issuedFile, await blob(a, issued.document!.files.find((f) => f.role === 'issued')!.sha256));
    const both = pdfsig(issuedFile);
    expect(both.signatures.map((s) => s.validation), both.raw).toEqual(['Signature is Valid.', 'Signature is Valid.']);
    await a.services.close();
  });

  it('a wrong PIN is refused once, signs nothing, and the token then says an earlier PIN was wrong; the same preparation signs with the right PIN', async () => {
    const a = await agency();
    const leader = a.as('lanhdao');
    const { moduleId, cert } = await softhsm(leader);
    const doc = await a.approvedDraft('Về việc sai mã PIN');
    const prepared = await prepareFor(leader, doc.id, 'person', cert('01'));
    const refused = await expectCode(signOne(leader, moduleId, prepared, '01', '000000'), 'E_PIN_INCORRECT');
    expect(refused.details).toMatchObject({ tokenFlags: { userPinCountLow: true } });
    const after = await leader.services.documents.show({ id: doc.id });
    expect(after.state).toBe('approved');
    expect(after.files.filter((f) => f.role === 'signed')).toEqual([]);
    expect(after.signatures).toEqual([]);
    expect((await softhsm(leader)).dev.pin.countLow).toBe(true);
    // The user types it again (never the app on its own): the same prepared revision is signed.
    const { results } = await signOne(leader, moduleId, prepared, '01', token.pin);
    expect(results[0]!.status).toBe('signed');
    expect((await softhsm(leader)).dev.pin.countLow).toBe(false);
    await a.services.close();
  });

  it('an abandoned preparation expires and leaves no trace: no file, no signature, no audit entry, no blob', async () => {
    const a = await agency();
    const leader = a.as('lanhdao');
    const { moduleId, cert } = await softhsm(leader);
    const doc = await a.approvedDraft('Về việc bỏ dở');
    const blobsBefore = await readdir(join(a.dir, 'data', 'blobs'), { recursive: true });
    const auditBefore = await a.as('admin').services.audit.verify({});
    const historyBefore = (await leader.services.documents.history({ id: doc.id })).entries.length;
    const previous = process.env.EOFFICE_NOW;
    try {
      process.env.EOFFICE_NOW = new Date(Date.now() + 60_000).toISOString();
      const prepared = await prepareFor(leader, doc.id, 'person', cert('01'));
      process.env.EOFFICE_NOW = new Date(Date.now() + 12 * 60_000).toISOString();
      const { results } = await signOne(leader, moduleId, prepared, '01', token.pin);
      expect(results[0]!.status).toBe('failed');
      expect(results[0]!.error?.code).toBe('E_PREPARATION_EXPIRED');
    } finally {
      if (previous === undefined) delete process.env.EOFFICE_NOW;
      else process.env.EOFFICE_NOW = previous;
    }
    const after = await leader.services.documents.show({ id: doc.id });
    expect(after.state).toBe('approved');
    expect(after.files.map((f) => f.role)).toEqual(['main']);
    expect((await leader.services.documents.history({ id: doc.id })).entries.length).toBe(historyBefore);
    expect(await a.as('admin').services.audit.verify({})).toEqual(auditBefore);
    expect(await readdir(join(a.dir, 'data', 'blobs'), { recursive: true })).toEqual(blobsBefore);
    await a.services.close();
  });

  it('a batch signs N documents with one PIN, reports progress as events, stops when cancelled, and answers per document', async () => {
    const a = await agency();
    const leader = a.as('lanhdao');
    const { moduleId, cert } = await softhsm(leader);
    const docs = [];
    for (const n of [1, 2, 3]) docs.push(await a.approvedDraft(`Về việc số ${n}`));
    const prepared = [];
    for (const doc of docs) prepared.push(await prepareFor(leader, doc.id, 'person', cert('03')));
    const progress: number[] = [];
    const unsubscribe = a.services.events.subscribe((event) => {
      if (event.name !== 'job.progress' || event.payload.jobId !== 'batch-1') return;
      progress.push(event.payload.done);
      // Cancelled after the first document: the documents not yet begun are not signed.
      if (event.payload.done === 1) void leader.services.tokens.cancel({ jobId: 'batch-1' });
    });
    const { results } = await leader.services.tokens.signPrepared({
      moduleId,
      token: { label: token.token, serial: token.serial },
      keyId: '03',
      pin: token.pin,
      jobId: 'batch-1',
      preparations: prepared.map((p) => ({ preparationId: p.preparationId, documentId: p.documentId, dataToSign: p.items.map((i) => i.dataToSign), digest: p.items[0]!.digest })),
    });
    unsubscribe();
    expect(results.map((r) => r.documentId)).toEqual(docs.map((d) => d.id));
    expect(results[0]!.status).toBe('signed');
    expect(results[2]!.status).toBe('cancelled');
    expect(progress.slice(0, 2)).toEqual([0, 1]);
    expect(progress.at(-1)).toBe(3);
    for (const result of results) {
      const now = await leader.services.documents.show({ id: result.documentId });
      expect(now.state).toBe(result.status === 'signed' ? 'signed' : 'approved');
    }
    // A cancelled preparation is gone.
    await expectCode(leader.services.documents.completeSigning({ preparationId: results[2]!.preparationId, signatures: ['AAAA'] }), 'E_PREPARATION_EXPIRED');

    // Without cancel, one PIN signs them all.
    const rest = await a.approvedDraft('Về việc số 4');
    const again = await prepareFor(leader, rest.id, 'person', cert('03'));
    const second = await prepareFor(leader, docs[2]!.id, 'person', cert('03'));
    const all = await leader.services.tokens.signPrepared({
      moduleId, token: { label: token.token, serial: token.serial }, keyId: '03', pin: token.pin, jobId: 'batch-2',
      preparations: [again, second].map((p) => ({ preparationId: p.preparationId, documentId: p.documentId, dataToSign: p.items.map((i) => i.dataToSign), digest: p.items[0]!.digest })),
    });
    expect(all.results.map((r) => r.status)).toEqual(['signed', 'signed']);
    await a.services.close();
  });

  it('refuses callers without the role, answers a document one may not see as a missing one, and takes no module path from a caller', async () => {
    const a = await agency();
    const leader = a.as('lanhdao');
    const { moduleId, cert } = await softhsm(leader);
    const doc = await a.approvedDraft('Về việc phân quyền');
    const secret = await a.approvedDraft('Về việc mật', 'secret');

    // Roles: a specialist neither prepares nor reaches the tokens; another leader is not the designated signer.
    await expectCode(prepareFor(a.as('chuyenvien'), doc.id, 'person', cert('01')), 'E_FORBIDDEN');
    await expectCode(a.as('chuyenvien').services.tokens.modules({}), 'E_FORBIDDEN');
    await expectCode(a.as('chuyenvien').services.tokens.certificates({ moduleId }), 'E_FORBIDDEN');
    await expectCode(prepareFor(a.as('lanhdao2'), doc.id, 'person', cert('01')), 'E_FORBIDDEN');
    await expectCode(prepareFor(a.as('vanthu'), doc.id, 'agency', cert('02')), 'E_INVALID_STATE');

    // A secret document another specialist may not see: the same answer as an id that does not exist.
    const hidden = await expectCode(prepareFor(a.as('chuyenvien2'), secret.id, 'person', cert('01')), 'E_NOT_FOUND');
    const missing = await expectCode(prepareFor(a.as('chuyenvien2'), 'khong-co', 'person', cert('01')), 'E_NOT_FOUND');
    expect(hidden.message.replace(secret.id, 'ID')).toBe(missing.message.replace('khong-co', 'ID'));

    // Someone else's preparation is a missing one.
    const prepared = await prepareFor(leader, doc.id, 'person', cert('01'));
    await expectCode(a.as('lanhdao2').services.documents.completeSigning({ preparationId: prepared.preparationId, signatures: ['AAAA'] }), 'E_PREPARATION_EXPIRED');
    expect((await a.as('lanhdao2').services.documents.cancelSigning({ preparationId: prepared.preparationId })).cancelled).toBe(false);
    // …and it is still the leader's.
    expect((await leader.services.documents.cancelSigning({ preparationId: prepared.preparationId })).cancelled).toBe(true);

    // Input: a module path is not an input; an unknown module id is not found; a certificate must be base64 DER.
    const call = (path: string, input: unknown) => a.services.dispatch(path, input, { sessionToken: null, actingUsername: 'lanhdao', face: 'test' });
    const withPath = await call('tokens.certificates', { moduleId, modulePath: '/tmp/evil.so' });
    expect(withPath).toMatchObject({ ok: false, error: { code: 'E_INVALID_INPUT' } });
    const byPath = await call('tokens.certificates', { moduleId: '/usr/lib/softhsm/libsofthsm2.so' });
    expect(byPath).toMatchObject({ ok: false, error: { code: 'E_INVALID_INPUT' } });
    expect(await call('tokens.certificates', { moduleId: '0123456789abcdef' })).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
    expect(await call('documents.prepareSigning', { id: doc.id, kind: 'person', certificate: 'not base64!' })).toMatchObject({ ok: false, error: { code: 'E_INVALID_INPUT' } });
    expect(await call('documents.prepareSigning', { id: doc.id, kind: 'person', certificate: 'AAAA' })).toMatchObject({ ok: false, error: { code: 'E_INVALID_INPUT' } });
    expect(await call('documents.prepareSigning', { id: doc.id, kind: 'person', certificate: cert('01').certificate, file: { path: '/etc/passwd' } })).toMatchObject({
      ok: false,
      error: { code: 'E_INVALID_INPUT' },
    });
    // A signature that is not over the prepared data does not verify: nothing is stored.
    const again = await prepareFor(leader, doc.id, 'person', cert('01'));
    await expectCode(leader.services.documents.completeSigning({ preparationId: again.preparationId, signatures: [Buffer.alloc(256, 7).toString('base64')] }), 'E_SIGNATURE_INVALID');
    expect((await leader.services.documents.show({ id: doc.id })).state).toBe('approved');
    await a.services.close();
  });
});

