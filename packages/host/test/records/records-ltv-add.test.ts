import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createHttpTransport, type EOfficeClient } from '@eoffice/contract';
import { Pkcs12Signer, signPdf } from '@eoffice/signing';
import { makeLtvPki, type LtvPki } from '../../../signing/test/helpers/ltv-pki.js';
import { makeSamplePdf } from '../../../signing/test/helpers/sample-pdfs.js';
import { composeServices, type ComposedServices } from '../../src/compose-services.js';
import { signingLibraryVerifier } from '../../src/signing-ports.js';
import { startWebHost, type WebHost } from '../../src/web/web-host.js';
import { as, call } from './records-fixture.js';

const AGENCY = '000.00.04.Z99';
const PASSWORD = 'mat-khau-dai-du';
/** Nothing listens on port 1 of loopback: a TSA that is down. */
const DOWN = 'http://127.0.0.1:1/tsa';

interface Outcome {
  archival: Array<{ documentId: string; originalSha256: string; sha256: string; timestampTime: string }>;
  pending: Array<{ documentId: string; reason: string }>;
}
interface Status {
  documents: Array<{
    documentId: string;
    level: string | null;
    longTerm: boolean;
    archival: { sha256: string; timestampTime: string | null } | null;
    pending: { reason: string } | null;
  }>;
}

let dir: string;
let pki: LtvPki;
let services: ComposedServices;
let host: WebHost;
let fileId: string;
/** In the file: `bt` signed B-T, `bb` signed B-B, `paper` a scan with no digital signature. */
const docs = { bt: '', bb: '', paper: '', outside: '', secret: '' };
let signedPath: string;

async function refusal(path: string, input: unknown, username: string): Promise<{ code: string; message: string }> {
  const reply = await services.dispatch(path, input, as(username));
  if (reply.ok) throw new Error(`${path} succeeded for ${username}`);
  return reply.error;
}
const archivalFiles = async (id: string) =>
  (await call<{ files: Array<{ role: string; sha256: string }> }>(services, 'documents.show', { id }, as('luutru'))).files.filter((f) => f.role === 'archival');

/**
 * records.ltvStatus and records.ltvAdd (issue 16 on the Hồ sơ screen): the archivist sees which signed documents of a
 * file are not yet long-term verifiable and has the archival copies made by the service closing a file uses. A real
 * PKI (openssl CA, TSA, OCSP, CRL on loopback), real signatures, real SQLite, the real HTTP face for the remote caller.
 */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eoffice-ltv-add-'));
  pki = await makeLtvPki(join(dir, 'pki'));
  const input = join(dir, 'in.pdf');
  await writeFile(input, await makeSamplePdf());
  const signer = await pki.issueSigner('Nguyễn Văn Hải');
  const key = () => Pkcs12Signer.fromFile(signer.p12, signer.password);
  signedPath = join(dir, 'bt.pdf');
  await signPdf({ input, output: signedPath, signer: key(), timestamp: { url: pki.tsaUrl, onUnreachable: 'fail' } });
  await signPdf({ input, output: join(dir, 'bb.pdf'), signer: key() });

  services = await composeServices({ dataDir: join(dir, 'data') });
  await call(services, 'registers.initAgency', { organId: AGENCY, name: 'Sở Nội vụ tỉnh Demo', abbreviation: 'SNV' }, as(null));
  await call(services, 'users.add', { username: 'admin', roles: ['admin'], password: PASSWORD }, as(null));
  for (const [username, role] of [['vanthu', 'clerk'], ['lanhdao', 'leader'], ['chuyenvien', 'specialist'], ['luutru', 'archivist']] as const) {
    await call(services, 'users.add', { username, roles: [role], password: PASSWORD }, as('admin'));
  }
  await call(services, 'trust.add', { certificate: pki.rootDer.toString('base64') }, as('admin'));
  await call(services, 'records.planImport', {
    plan: { year: 2026, headings: [{ code: 'TH', title: 'Tổng hợp', files: [{ title: 'Hồ sơ quyết định năm 2026', retention: 'permanent', unit: 'Văn phòng' }] }] },
  }, as('vanthu'));
  await call(services, 'records.planApprove', { year: 2026 }, as('lanhdao'));
  fileId = (await call(services, 'records.open', { year: 2026, notation: '01.TH' }, as('vanthu'))).id;
  const receive = async (path: string, number: string, extra: Record<string, unknown> = {}) => {
    const doc = await call(services, 'documents.receive', {
      file: { path }, from: '000.00.16.Z99', fromName: 'Sở Y tế tỉnh Demo', number, symbol: 'QĐ-SYT', issuedDate: '2026-03-01', type: 'QĐ',
      subject: `Quyết định số ${number} về lưu trữ`, ...extra,
    }, as('vanthu'));
    await call(services, 'documents.verify', { id: doc.id }, as('vanthu'));
    await call(services, 'documents.register', { id: doc.id, confirm: true, reason: 'PKI thử nghiệm, đã xác minh' }, as('vanthu'));
    return doc.id;
  };
  docs.bt = await receive(signedPath, '31');
  docs.bb = await receive(join(dir, 'bb.pdf'), '32');
  docs.paper = await receive(input, '33', { source: 'paper' });
  docs.outside = await receive(signedPath, '34');
  docs.secret = await receive(signedPath, '35', { secrecy: 'secret' });
  for (const id of [docs.bt, docs.bb, docs.paper]) await call(services, 'records.add', { id: fileId, documentId: id }, as('vanthu'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>E-Office</title>');
  host = await startWebHost({ services, rendererDir: dir });
}, 300_000);
afterAll(async () => {
  await host?.close();
  await services?.close();
  await pki?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('records.ltvStatus / records.ltvAdd: long-term verifiable signed documents of a record file', () => {
  it('lists the signed documents with the level they were checked at; a paper scan is not listed', async () => {
    const status = await call<Status>(services, 'records.ltvStatus', { id: fileId }, as('luutru'));
    expect(status.documents.map((d) => [d.documentId, d.level, d.longTerm, d.archival, d.pending])).toEqual([
      [docs.bt, 'B-T', false, null, null],
      [docs.bb, 'B-B', false, null, null],
    ]);
  });

  it('only the archive keepers and the admin may have copies made: the specialist and the leader are refused, nothing is asked of the TSA', async () => {
    await call(services, 'trust.setSigningPolicy', { tsaUrl: pki.tsaUrl }, as('admin'));
    const hits = pki.hits.tsa;
    for (const username of ['chuyenvien', 'lanhdao']) {
      expect((await refusal('records.ltvAdd', { id: fileId }, username)).code).toBe('E_FORBIDDEN');
    }
    expect(pki.hits.tsa).toBe(hits);
    expect(await archivalFiles(docs.bt)).toEqual([]);
  });

  it('a hidden document, one not in the file and a missing one get the same answer; a hidden file answers as a missing one', async () => {
    // The admin handles no secrets: the secret document (in no file) is hidden from them, not from the archivist.
    const shape = (e: { code: string; message: string }, id: string) => ({ code: e.code, message: e.message.replace(id, 'ID') });
    const hidden = shape(await refusal('records.ltvAdd', { id: fileId, documentIds: [docs.secret] }, 'admin'), docs.secret);
    const missing = shape(await refusal('records.ltvAdd', { id: fileId, documentIds: ['khong-co'] }, 'admin'), 'khong-co');
    const outside = shape(await refusal('records.ltvAdd', { id: fileId, documentIds: [docs.outside] }, 'admin'), docs.outside);
    expect(hidden).toEqual(missing);
    expect(outside).toEqual(missing);
    expect(missing.code).toBe('E_NOT_FOUND');
    // Named beside a document that could be extended, the refusal comes first: nothing is made.
    expect((await refusal('records.ltvAdd', { id: fileId, documentIds: [docs.bt, docs.secret] }, 'admin')).code).toBe('E_NOT_FOUND');
    expect(await archivalFiles(docs.bt)).toEqual([]);
    expect(shape(await refusal('records.ltvStatus', { id: 'khong-co' }, 'luutru'), 'khong-co').code).toBe('E_NOT_FOUND');
  });

  it('TSA down: each document reported with the reason, nothing stored, the status unchanged', async () => {
    await call(services, 'trust.setSigningPolicy', { tsaUrl: DOWN }, as('admin'));
    const outcome = await call<Outcome>(services, 'records.ltvAdd', { id: fileId }, as('luutru'));
    expect(outcome.archival).toEqual([]);
    expect(outcome.pending.map((p) => p.documentId).sort()).toEqual([docs.bt, docs.bb].sort());
    expect(outcome.pending[0]!.reason).toMatch(/TSA|dấu thời gian/);
    expect(await archivalFiles(docs.bt)).toEqual([]);
    const status = await call<Status>(services, 'records.ltvStatus', { id: fileId }, as('luutru'));
    expect(status.documents.map((d) => d.longTerm)).toEqual([false, false]);
  });

  it('a remote archivist names documents, never a file: a path is no input, and the copies are made from the stored originals', async () => {
    await call(services, 'trust.setSigningPolicy', { tsaUrl: pki.tsaUrl }, as('admin'));
    let session: string | null = null;
    const client: EOfficeClient = createClient(createHttpTransport({ baseUrl: `http://127.0.0.1:${host.port}`, token: host.token, getSession: () => session }));
    session = (await client.services.users.login({ username: 'luutru', password: PASSWORD })).token;
    const refused = await client.services.records.ltvAdd({ id: fileId, path: signedPath } as never).then(() => null, (e: { code: string }) => e.code);
    expect(refused).toBe('E_INVALID_INPUT');
    const asId = await client.services.records.ltvAdd({ id: fileId, documentIds: [signedPath] }).then(() => null, (e: { code: string }) => e.code);
    expect(asId).toBe('E_NOT_FOUND');
    expect(await archivalFiles(docs.bt)).toEqual([]);

    const hits = pki.hits.tsa;
    const outcome = (await client.services.records.ltvAdd({ id: fileId })) as Outcome;
    expect(outcome.pending).toEqual([]);
    expect(outcome.archival.map((a) => a.documentId).sort()).toEqual([docs.bt, docs.bb].sort());
    expect(pki.hits.tsa - hits).toBe(2);

    // Each copy is the stored original's bytes then one update, and our verifier finds it B-LTA, trusted, revocation good.
    const verifier = signingLibraryVerifier({});
    try {
      for (const made of outcome.archival) {
        const [copy] = await archivalFiles(made.documentId);
        expect(copy!.sha256).toBe(made.sha256);
        const bytes = await readFile(join(dir, 'data', 'blobs', made.sha256.slice(0, 2), made.sha256.slice(2, 4), made.sha256));
        const original = await readFile(join(dir, 'data', 'blobs', made.originalSha256.slice(0, 2), made.originalSha256.slice(2, 4), made.originalSha256));
        expect(bytes.subarray(0, original.length).equals(original)).toBe(true);
        const report = await verifier.verifyPdf(new Uint8Array(bytes), undefined, [new Uint8Array(pki.rootDer)]);
        expect(report.signatures[0]).toMatchObject({ level: 'B-LTA', intact: true, valid: true, trusted: true, revocation: { status: 'good', source: 'embedded' } });
      }
    } finally {
      await verifier.close();
    }
    const status = await client.services.records.ltvStatus({ id: fileId });
    expect(status.documents.map((d) => [d.documentId, d.level, d.longTerm, d.archival?.sha256, d.archival?.timestampTime])).toEqual(
      [docs.bt, docs.bb].map((id) => {
        const made = outcome.archival.find((a) => a.documentId === id)!;
        return [id, id === docs.bt ? 'B-T' : 'B-B', true, made.sha256, made.timestampTime];
      }),
    );
    // Done is done: a second call asks the TSA nothing and makes nothing.
    expect(await client.services.records.ltvAdd({ id: fileId })).toEqual({ archival: [], pending: [] });
    expect(pki.hits.tsa - hits).toBe(2);
  });

  it('the document view gives each signature its level, its timestamp and its revocation status', async () => {
    const shown = await call<{ signatures: Array<{ level: string | null; timestamp: { time: string | null; tsa: string | null; intact: boolean; valid: boolean; trusted: boolean | null } | null; revocation: { status: string; source: string | null } | null }> }>(
      services, 'documents.show', { id: docs.bt }, as('luutru'),
    );
    expect(shown.signatures).toHaveLength(1);
    expect(shown.signatures[0]).toMatchObject({ level: 'B-T', timestamp: { intact: true, valid: true, trusted: true, tsa: expect.stringContaining('CN=') }, revocation: { status: expect.any(String) } });
    expect(shown.signatures[0]!.timestamp!.time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const bb = await call<{ signatures: Array<{ level: string | null; timestamp: unknown }> }>(services, 'documents.show', { id: docs.bb }, as('luutru'));
    expect(bb.signatures.map((s) => [s.level, s.timestamp])).toEqual([['B-B', null]]);
    const paper = await call<{ signatures: Array<{ level: string | null; timestamp: unknown; revocation: unknown }> }>(services, 'documents.show', { id: docs.paper }, as('luutru'));
    expect(paper.signatures.map((s) => [s.level, s.timestamp, s.revocation])).toEqual(paper.signatures.map(() => [null, null, null]));
  });
});
