import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext } from '@eoffice/contract';
import { createUser, openStore, systemClock } from '@eoffice/docs-core';
import { composeServices } from '@eoffice/host';
import { makeLtvPki, type LtvPki } from '../../../packages/signing/test/helpers/ltv-pki.js';
import { pdfsig } from '../../../packages/signing/test/helpers/pdfsig.js';
import { makeSamplePdf } from '../../../packages/signing/test/helpers/sample-pdfs.js';
import { runEoffice, type CliRun } from './run-eoffice.js';

const AGENCY = '000.00.03.Z99';
/** Nothing listens on port 1 of loopback: a TSA that is down. */
const DOWN = 'http://127.0.0.1:1/tsa';

interface DocJson {
  files: Array<{ role: string; sha256: string; name: string }>;
}
interface Outcome {
  archival: Array<{ documentId: string; originalSha256: string; sha256: string }>;
  pending: Array<{ documentId: string; reason: string }>;
}

let dir: string;
let dataDir: string;
let pki: LtvPki;
/** One signed incoming document in each of two files of the 2026 list. */
const docs: Record<'first' | 'second', string> = { first: '', second: '' };

const attempt = (...args: string[]): Promise<CliRun> => runEoffice([...args, '--data-dir', dataDir]);
async function eo(...args: string[]): Promise<string> {
  const run = await attempt(...args);
  if (run.code !== 0) throw new Error(`eoffice ${args.join(' ')} → exit ${run.code}: ${run.stderr}`);
  return run.stdout;
}
const json = async <T>(...args: string[]): Promise<T> => JSON.parse(await eo(...args, '--json')) as T;
const blobPath = (sha: string) => join(dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const filesOf = async (id: string) => (await json<DocJson>('doc', 'show', id, '--as', 'vanthu')).files;

async function rows<T>(read: (db: Awaited<ReturnType<typeof openStore>>['db']) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir });
  try {
    return await read(store.db);
  } finally {
    await store.close();
  }
}

/**
 * A PDF signed B-T by a certificate of the loopback PKI (AIA and CDP pointing at its OCSP responder and CRL), then
 * the agency's set-up, the two files and their received documents made in-process (each CLI child costs seconds on
 * the shared machine); the closing, the retry, the verification and the handover go through the real CLI.
 */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eoffice-cli-ltv-close-'));
  dataDir = join(dir, 'data');
  pki = await makeLtvPki(join(dir, 'pki'));
  const signer = await pki.issueSigner('Nguyễn Văn Hải');
  const signed: string[] = [];
  for (const name of ['a', 'b']) {
    const input = join(dir, `${name}.pdf`);
    writeFileSync(input, await makeSamplePdf());
    const out = join(dir, `${name}-signed.pdf`);
    const run = await runEoffice(['sign', input, '--out', out, '--p12', signer.p12, '--pin-env', 'PIN', '--tsa', pki.tsaUrl], { env: { PIN: signer.password } });
    if (run.code !== 0) throw new Error(`sign: ${run.stderr}`);
    signed.push(out);
  }
  const services = await composeServices({ dataDir });
  try {
    const setup: CallContext = { sessionToken: null, actingUsername: null, face: 'test' };
    const as = (username: string): CallContext => ({ sessionToken: null, actingUsername: username, face: 'test' });
    const call = async (path: string, input: unknown, context: CallContext) => {
      const reply = await services.dispatch(path, input, context);
      if (!reply.ok) throw new Error(`${path}: ${reply.error.code} ${reply.error.message}`);
      return reply.result as { id: string };
    };
    await call('registers.initAgency', { organId: AGENCY, name: 'Sở Tư pháp tỉnh Demo', abbreviation: 'STP' }, setup);
    for (const [username, role] of [['admin', 'admin'], ['vanthu', 'clerk'], ['lanhdao', 'leader'], ['chuyenvien', 'specialist'], ['luutru', 'archivist']] as const) {
      await createUser(services.store.db, systemClock(), 'setup', { username, roles: [role], password: `mat-khau-${username}` });
    }
    await call('trust.add', { certificate: pki.rootDer.toString('base64') }, as('admin'));
    await call('records.planImport', {
      plan: {
        year: 2026,
        headings: [{ code: 'TH', title: 'Tổng hợp', files: [
          { title: 'Hồ sơ quyết định năm 2026', retention: 'permanent', unit: 'Văn phòng', person: 'Nguyễn Văn A' },
          { title: 'Hồ sơ công văn năm 2026', retention: 'permanent', unit: 'Văn phòng', person: 'Nguyễn Văn A' },
        ] }],
      },
    }, as('vanthu'));
    await call('records.planApprove', { year: 2026 }, as('lanhdao'));
    for (const [key, path, notation, number] of [['first', signed[0]!, '01.TH', '21'], ['second', signed[1]!, '02.TH', '22']] as const) {
      const doc = await call('documents.receive', {
        file: { path }, from: '000.00.16.Z99', fromName: 'Sở Y tế tỉnh Demo', number, symbol: 'QĐ-SYT', issuedDate: '2026-03-01', type: 'QĐ',
        subject: `Quyết định số ${number} về lưu trữ`,
      }, as('vanthu'));
      await call('documents.verify', { id: doc.id }, as('vanthu'));
      await call('documents.register', { id: doc.id, confirm: true, reason: 'Ký bởi PKI thử nghiệm, đã xác minh' }, as('vanthu'));
      const file = await call('records.open', { year: 2026, notation }, as('chuyenvien'));
      await call('records.add', { id: file.id, documentId: doc.id }, as('chuyenvien'));
      docs[key] = doc.id;
    }
  } finally {
    await services.close();
  }
}, 300_000);
afterAll(async () => {
  await pki?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * `openssl ts -verify` of the last signature pdfsig lists (the document timestamp) over its own byte range, to the
 * PKI's root: the archive timestamp checked by a tool that is not ours.
 */
function expectTimestampValid(bytes: Buffer, pdfsigReport: string): void {
  const ranges = [...pdfsigReport.matchAll(/Signed Ranges: \[(\d+) - (\d+)\], \[(\d+) - (\d+)\]/g)].at(-1)!.slice(1).map(Number) as [number, number, number, number];
  const [a, b, c, d] = ranges;
  expect(d).toBe(bytes.length);
  const hex = bytes.subarray(b + 1, c - 1).toString('latin1');
  const der = Buffer.from(hex, 'hex');
  // The token, without the placeholder's zero padding: its DER length says where it ends.
  const lengthBytes = der[1]! & 0x80 ? der[1]! & 0x7f : 0;
  const length = lengthBytes === 0 ? der[1]! : [...der.subarray(2, 2 + lengthBytes)].reduce((n, x) => n * 256 + x, 0);
  const token = join(dir, 'stamp.tst');
  const data = join(dir, 'stamp.data');
  writeFileSync(token, der.subarray(0, 2 + lengthBytes + length));
  writeFileSync(data, Buffer.concat([bytes.subarray(a, b), bytes.subarray(c, d)]));
  const out = execFileSync('openssl', ['ts', '-verify', '-data', data, '-in', token, '-token_in', '-CAfile', join(pki.dir, 'root.pem')], { encoding: 'utf8' });
  expect(out).toContain('Verification: OK');
}

const FIRST = `${AGENCY}/2026/01.TH`;
const SECOND = `${AGENCY}/2026/02.TH`;

describe('closing a record file adds LTV (issue 16, records.ltv_on_close): an archival copy beside each signed original', () => {
  it("TSA down, policy fail: E_TSA_UNREACHABLE, the file stays open, nothing added; policy sign-without: closed, pending, then ltv-retry", async () => {
    await eo('agency', 'signing', '--tsa-url', DOWN, '--ltv-on-close', 'on', '--tsa-unreachable', 'fail', '--as', 'admin');
    const before = await filesOf(docs.first);
    const refused = await attempt('files', 'close', FIRST, '--as', 'chuyenvien');
    expect([refused.code, refused.stderr.split(':')[0]], refused.stderr).toEqual([1, 'E_TSA_UNREACHABLE']);
    expect((await json<{ file: { state: string } }>('files', 'show', FIRST, '--as', 'chuyenvien')).file.state).toBe('open');
    expect(await filesOf(docs.first)).toEqual(before);
    expect(await rows((db) => db.selectFrom('archival_pending').selectAll().execute())).toEqual([]);
    expect(await rows((db) => db.selectFrom('audit_log').select('action').where('action', 'in', ['record-file.close', 'document.archival-copy']).execute())).toEqual([]);

    await eo('agency', 'signing', '--tsa-unreachable', 'sign-without', '--as', 'admin');
    const closed = await json<{ file: { state: string }; ltv: Outcome }>('files', 'close', FIRST, '--as', 'chuyenvien');
    expect(closed.file.state).toBe('closed');
    expect(closed.ltv).toMatchObject({ archival: [], pending: [{ documentId: docs.first, reason: expect.stringContaining('TSA') }] });
    expect((await filesOf(docs.first)).map((f) => f.role)).not.toContain('archival');
    expect(await rows((db) => db.selectFrom('archival_pending').select('document_id').execute())).toEqual([{ document_id: docs.first }]);

    // Still down: the retry reports it pending again, and exits 1 (a scheduled retry must see that it did not finish);
    // with the TSA back, the copy is made, the mark cleared, and it exits 0.
    const stillDown = await attempt('files', 'ltv-retry', FIRST, '--as', 'luutru', '--json');
    expect(stillDown.code, stillDown.stderr).toBe(1);
    expect(JSON.parse(stillDown.stdout)).toMatchObject({ archival: [], pending: [{ documentId: docs.first }] });
    await eo('agency', 'signing', '--tsa-url', pki.tsaUrl, '--as', 'admin');
    const retried = await json<Outcome>('files', 'ltv-retry', '--as', 'luutru');
    expect(retried).toMatchObject({ archival: [{ documentId: docs.first }], pending: [] });
    expect((await filesOf(docs.first)).filter((f) => f.role === 'archival').map((f) => f.sha256)).toEqual([retried.archival[0]!.sha256]);
    expect(await rows((db) => db.selectFrom('archival_pending').selectAll().execute())).toEqual([]);
  }, 300_000);

  it('TSA up: each signed document gets an archival copy pdfsig verifies, B-LTA to our verifier; the original is untouched; the handover carries the copy', async () => {
    await eo('agency', 'signing', '--tsa-url', pki.tsaUrl, '--ltv-on-close', 'on', '--tsa-unreachable', 'fail', '--as', 'admin');
    const original = (await filesOf(docs.second)).find((f) => f.role === 'main')!;
    const originalBytes = readFileSync(blobPath(original.sha256));
    const hits = pki.hits.tsa;
    const closed = await json<{ file: { state: string }; ltv: Outcome }>('files', 'close', SECOND, '--as', 'chuyenvien');
    expect(closed.file.state).toBe('closed');
    expect(closed.ltv.pending).toEqual([]);
    expect(closed.ltv.archival).toMatchObject([{ documentId: docs.second, originalSha256: original.sha256 }]);
    expect(pki.hits.tsa - hits).toBe(1);

    const files = await filesOf(docs.second);
    const copy = files.find((f) => f.role === 'archival')!;
    expect(copy).toMatchObject({ sha256: closed.ltv.archival[0]!.sha256, name: expect.stringMatching(/-luu-tru\.pdf$/) });
    // The original blob is as it was; the copy is the original's bytes, then one incremental update.
    expect(files.find((f) => f.role === 'main')).toEqual(original);
    expect(sha256(readFileSync(blobPath(original.sha256)))).toBe(original.sha256);
    const copyBytes = readFileSync(blobPath(copy.sha256));
    expect(sha256(copyBytes)).toBe(copy.sha256);
    expect(copyBytes.subarray(0, originalBytes.length).equals(originalBytes)).toBe(true);

    const report = pdfsig(blobPath(copy.sha256));
    // poppler validates the signature, not a document timestamp ("not yet verified", for pyHanko's too): openssl does.
    expect(report.signatures.map((s) => s.validation), report.raw).toEqual(['Signature is Valid.', 'Signature has not yet been verified.']);
    expect(report.raw).not.toMatch(/Digest Mismatch|Invalid|not signed/i);
    expectTimestampValid(copyBytes, report.raw);
    const verified = await runEoffice(['verify', blobPath(copy.sha256), '--trust', join(pki.dir, 'root.pem'), '--json']);
    expect(verified.code, verified.stdout).toBe(0);
    const [signature, stamp] = JSON.parse(verified.stdout).signatures;
    expect(signature).toMatchObject({ kind: 'signature', level: 'B-LTA', intact: true, valid: true, trusted: true, revocation: { status: 'good', source: 'embedded' } });
    expect(stamp).toMatchObject({ kind: 'docTimestamp', intact: true, valid: true, trusted: true });

    const audit = await rows((db) => db.selectFrom('audit_log').select(['actor', 'after']).where('action', '=', 'document.archival-copy').where('object_id', '=', docs.second).execute());
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe('chuyenvien');
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ originalSha256: original.sha256, sha256: copy.sha256, level: 'B-LTA', added: { ocsps: expect.any(Number) } });

    // The handover package carries the archival copy, listed in METS with its own SHA-256.
    const outDir = join(dir, 'nop-luu');
    await eo('handover', 'package', SECOND, '--out', outDir, '--as', 'luutru');
    const unpacked = join(dir, 'unpacked');
    execFileSync('unzip', ['-q', join(outDir, `${AGENCY}-2026-02.TH.zip`), '-d', unpacked]);
    const mets = readFileSync(join(unpacked, `${AGENCY}-2026-02.TH`, 'METS.xml'), 'utf8');
    const checksums = [...mets.matchAll(/CHECKSUM="([0-9a-f]{64})"/g)].map((m) => m[1]);
    expect(checksums).toContain(copy.sha256);
    expect(checksums).not.toContain(original.sha256);
    expect(existsSync(blobPath(original.sha256))).toBe(true);
  }, 300_000);
});
