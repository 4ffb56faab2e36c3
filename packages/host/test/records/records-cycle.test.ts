import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { CallContext } from '@eoffice/contract';
import { createUser, recordHandoverReminders, systemClock } from '@eoffice/docs-core';
import { composeServices, type ComposedServices } from '../../src/compose-services.js';
import { useTempDir } from '../temp-dir.js';
import { describeEachDialect, useStoreDatabase } from '../../../docs-core/test/postgres-test-db.js';

const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const SIGNED = resolve(REPO_ROOT, '../shared/fixtures/pdf-signed/pyhanko');
const AGENCY = '000.00.02.Z99';
const as = (username: string): CallContext => ({ sessionToken: null, actingUsername: username, face: 'test' });
const setup: CallContext = { sessionToken: null, actingUsername: null, face: 'test' };

async function reply(services: ComposedServices, path: string, input: unknown, context: CallContext) {
  return services.dispatch(path, input, context);
}
async function call<T = Record<string, unknown>>(services: ComposedServices, path: string, input: unknown, context: CallContext): Promise<T> {
  const r = await reply(services, path, input, context);
  if (!r.ok) throw new Error(`${path}: ${r.error.code} ${r.error.message}`);
  return r.result as T;
}
async function refused(services: ComposedServices, path: string, input: unknown, context: CallContext): Promise<{ code: string; message: string; details?: unknown }> {
  const r = await reply(services, path, input, context);
  if (r.ok) throw new Error(`${path} succeeded`);
  return r.error as { code: string; message: string; details?: unknown };
}

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}
function parseXml(text: string): XmlNode {
  const parser = new SaxesParser({ xmlns: false });
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, attributes: Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, String(v)])), children: [], text: '' };
    stack.at(-1)?.children.push(node);
    stack.push(node);
    root ??= node;
  });
  parser.on('text', (t) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(text).close();
  return root!;
}
const all = (node: XmlNode, name: string): XmlNode[] => [...(node.name === name ? [node] : []), ...node.children.flatMap((c) => all(c, name))];

// On both stores (issue 14 item 8): the workstation's SQLite file and the agency server's PostgreSQL.
describeEachDialect('hồ sơ from the yearly list to the archive (issue 14)', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);
  const previousNow = process.env.EOFFICE_NOW;
  const open: ComposedServices[] = [];
  const at = (iso: string) => {
    process.env.EOFFICE_NOW = iso;
  };
  beforeAll(() => at('2026-01-05T08:00:00+07:00'));
  afterAll(() => {
    if (previousNow === undefined) delete process.env.EOFFICE_NOW;
    else process.env.EOFFICE_NOW = previousNow;
  });
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });

  async function world() {
    at('2026-01-05T08:00:00+07:00');
    const root = await tempDir();
    const services = await composeServices({ dataDir: join(root, 'data'), database: await database() });
    open.push(services);
    expect(services.store.dialect).toBe(dialect);
    await call(services, 'registers.initAgency', { organId: AGENCY, name: 'Sở Nội vụ tỉnh Demo', abbreviation: 'SNV' }, setup);
    for (const [username, roles] of [
      ['vanthu', ['clerk']],
      ['lanhdao', ['leader']],
      ['luutru', ['archivist']],
      ['chuyenvien', ['specialist']],
    ] as const) {
      await createUser(services.store.db, systemClock(), 'setup', { username, roles: [...roles], password: `mat-khau-${username}` });
    }
    const plan = {
      year: 2026,
      numbering: 'per-heading',
      headings: [
        { code: 'TH', title: 'Tổng hợp', files: [
          { title: 'Hồ sơ cải cách hành chính năm 2026', retention: 10, unit: 'Văn phòng', person: 'Nguyễn Văn A' },
          { title: 'Hồ sơ bảo vệ bí mật nhà nước', retention: 'permanent', unit: 'Văn phòng', secrecy: 'confidential' },
        ] },
        { code: 'XD', title: 'Xây dựng cơ bản', files: [{ title: 'Hồ sơ sửa chữa trụ sở', retention: 20, unit: 'Văn phòng', construction: true }] },
      ],
    };
    const receive = async (file: string, number: string, issuedDate: string, subject: string) => {
      const doc = await call<{ id: string }>(services, 'documents.receive', {
        file: { path: join(SIGNED, file) }, from: '000.00.16.Z99', fromName: 'Sở Y tế tỉnh Demo', number, symbol: 'QĐ-SYT', issuedDate, type: 'QĐ', subject,
      }, as('vanthu'));
      // The fixtures are signed abroad, not sealed by Sở Y tế: the arrival check holds them (Điều 21), so the clerk
      // registers them by confirming with a reason.
      await call(services, 'documents.verify', { id: doc.id }, as('vanthu'));
      await call(services, 'documents.register', { id: doc.id, confirm: true, reason: 'Bản mẫu ký số nước ngoài, đã xác minh' }, as('vanthu'));
      return doc.id;
    };
    return { root, services, plan, receive };
  }

  it('walks the year: list approved and amended, a file filled, closed, reminded, packaged and accepted', async () => {
    const { root, services: s, plan, receive } = await world();
    const imported = await call<{ state: string; headings: Array<{ files: Array<{ notation: string; fileCode: string }> }> }>(s, 'records.planImport', { plan }, as('vanthu'));
    expect(imported.state).toBe('draft');
    // Numbering restarts per major heading: 01.TH, 02.TH, 01.XD.
    expect(imported.headings.flatMap((h) => h.files.map((f) => f.notation))).toEqual(['01.TH', '02.TH', '01.XD']);
    expect(imported.headings[0]!.files[0]!.fileCode).toBe(`${AGENCY}/2026/01.TH`);
    expect((await refused(s, 'records.open', { year: 2026, notation: '01.TH' }, as('chuyenvien'))).code).toBe('E_PLAN_NOT_APPROVED');
    expect((await refused(s, 'records.planApprove', { year: 2026 }, as('vanthu'))).code).toBe('E_FORBIDDEN');
    await call(s, 'records.planApprove', { year: 2026 }, as('lanhdao'));
    // Frozen: a change needs a reason, and is kept as an amendment.
    const amended = { ...plan, headings: [plan.headings[0]!, { ...plan.headings[1]!, files: [...plan.headings[1]!.files, { title: 'Hồ sơ mua sắm thiết bị', retention: 5, unit: 'Văn phòng' }] }] };
    expect((await refused(s, 'records.planImport', { plan: amended }, as('vanthu'))).code).toBe('E_INVALID_INPUT');
    const after = await call<{ state: string; amendments: Array<{ reason: string; added: string[] }> }>(s, 'records.planImport', { plan: amended, amendmentReason: 'Bổ sung theo kế hoạch quý II' }, as('vanthu'));
    expect(after.state).toBe('approved');
    expect(after.amendments).toMatchObject([{ reason: 'Bổ sung theo kế hoạch quý II', added: ['02.XD'], removed: [], changed: [] }]);
    // Printed as Phụ lục V's list: the lines, their retention, the approval and the amendment, owner-only.
    const printed = join(root, 'danh-muc-2026.pdf');
    expect(await call(s, 'records.planPrint', { year: 2026, outPath: printed }, as('vanthu'))).toMatchObject({ path: printed, rows: 4 });
    expect((await stat(printed)).mode & 0o777).toBe(0o600);
    const printedText = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', printed, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const text of ['DANH MỤC HỒ SƠ NĂM 2026', '01.TH', 'Hồ sơ cải cách hành chính năm 2026', '10 năm', '02.XD', 'Đã được duyệt bởi lanhdao', 'Bổ sung theo kế hoạch quý II']) {
      expect(printedText, text).toContain(text);
    }

    const file = await call<{ id: string; state: string }>(s, 'records.open', { year: 2026, notation: '01.TH' }, as('chuyenvien'));
    expect((await refused(s, 'records.close', { id: file.id }, as('chuyenvien'))).details).toEqual({ missing: ['DocTotal'] });
    at('2026-03-10T09:00:00+07:00');
    const later = await receive('pades-with-old-style-signing-cert-attr.pdf', '12', '2026-03-01', 'Về cải cách thủ tục đất đai');
    const earlier = await receive('minimal-two-fields-signed-twice.pdf', '7', '2026-02-10', 'Về kế hoạch cải cách hành chính');
    expect((await call<{ document: { docOrdinal: number } }>(s, 'records.add', { id: file.id, documentId: later }, as('chuyenvien'))).document.docOrdinal).toBe(1);
    const added = await call<{ document: { docOrdinal: number; pageAmount: number } }>(s, 'records.add', { id: file.id, documentId: earlier }, as('chuyenvien'));
    // DocOrdinal is the document's place in the file, which is in date order: added late, the document of 10/02 takes
    // its place before the one of 01/03, which moves up. The page count comes from the PDF.
    expect(added.document.docOrdinal).toBe(1);
    expect(added.document.pageAmount).toBeGreaterThan(0);
    const ordinals = async () => (await call<{ documents: Array<{ documentId: string; docOrdinal: number }> }>(s, 'records.show', { id: file.id }, as('chuyenvien'))).documents.map((d) => [d.documentId, d.docOrdinal]);
    expect(await ordinals()).toEqual([[earlier, 1], [later, 2]]);
    expect((await refused(s, 'records.add', { id: file.id, documentId: earlier }, as('chuyenvien'))).code).toBe('E_CONFLICT');
    const docRow = async (id: string) => s.store.db.selectFrom('documents').select(['file_organ_id', 'file_catalog', 'file_notation', 'doc_ordinal']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(await docRow(later)).toEqual({ file_organ_id: AGENCY, file_catalog: 2026, file_notation: '01.TH', doc_ordinal: 2 });
    expect(await docRow(earlier)).toEqual({ file_organ_id: AGENCY, file_catalog: 2026, file_notation: '01.TH', doc_ordinal: 1 });
    // Taken out, no gap is left; put back, it takes its place by date again.
    await call(s, 'records.remove', { id: file.id, documentId: earlier }, as('chuyenvien'));
    expect(await ordinals()).toEqual([[later, 1]]);
    expect((await docRow(later)).doc_ordinal).toBe(1);
    await call(s, 'records.add', { id: file.id, documentId: earlier }, as('chuyenvien'));
    expect(await ordinals()).toEqual([[earlier, 1], [later, 2]]);
    // One document in two files, never copied.
    const second = await call<{ id: string }>(s, 'records.open', { year: 2026, notation: '01.XD' }, as('chuyenvien'));
    await call(s, 'records.add', { id: second.id, documentId: later }, as('chuyenvien'));
    expect(await s.store.db.selectFrom('documents').select('id').execute()).toHaveLength(2);

    at('2026-12-20T09:00:00+07:00');
    const closed = await call<{ file: { state: string; startDate: string; endDate: string; docTotal: number; pageTotal: number; handover: { dueDate: string } } }>(s, 'records.close', { id: file.id }, as('chuyenvien'));
    expect(closed.file).toMatchObject({ state: 'closed', startDate: '2026-02-10', endDate: '2026-03-01', docTotal: 2, handover: { dueDate: '2027-03-01' } });
    expect(closed.file.pageTotal).toBeGreaterThan(0);
    const addClosed = await refused(s, 'records.add', { id: file.id, documentId: earlier }, as('chuyenvien'));
    expect(addClosed.code).toBe('E_FILE_CLOSED');
    // Construction file: 3 months after its end.
    const closedXd = await call<{ file: { handover: { dueDate: string } } }>(s, 'records.close', { id: second.id }, as('chuyenvien'));
    expect(closedXd.file.handover.dueDate).toBe('2026-06-01');

    // The reminder: 30 calendar days before 2027-03-01 is 2027-01-30.
    at('2027-01-29T09:00:00+07:00');
    const due = async () => (await call<{ files: Array<{ file: { id: string }; overdue: boolean }> }>(s, 'records.handoverDue', {}, as('luutru'))).files;
    expect((await due()).map((d) => d.file.id)).toEqual([second.id]);
    expect((await recordHandoverReminders(s.store.db, systemClock())).ids).toEqual([second.id]);
    at('2027-01-30T09:00:00+07:00');
    expect((await due()).map((d) => [d.file.id, d.overdue])).toEqual([[second.id, true], [file.id, false]]);
    expect((await recordHandoverReminders(s.store.db, systemClock())).ids).toEqual([file.id]);
    expect((await recordHandoverReminders(s.store.db, systemClock())).ids).toEqual([]);
    // Keeping a due file: a leader, a reason, at most 2 years past the due date.
    expect((await refused(s, 'records.keep', { id: second.id, until: '2028-06-02', reason: 'còn dùng' }, as('lanhdao'))).code).toBe('E_INVALID_INPUT');
    const kept = await call<{ handover: { dueDate: string; keepReason: string } }>(s, 'records.keep', { id: second.id, until: '2027-12-31', reason: 'Còn đang quyết toán' }, as('lanhdao'));
    expect(kept.handover).toMatchObject({ dueDate: '2027-12-31', keepReason: 'Còn đang quyết toán' });
    expect((await due()).map((d) => d.file.id)).toEqual([file.id]);

    // Export: XML with the Phụ lục VI fields, PDF carrying the originals.
    const xmlOut = join(root, 'ho-so.xml');
    await call(s, 'records.export', { id: file.id, format: 'xml', outPath: xmlOut }, as('luutru'));
    const xml = parseXml(await readFile(xmlOut, 'utf8'));
    for (const field of ['FileCode', 'Title', 'Maintenance', 'Rights', 'Creator', 'Language', 'StartDate', 'EndDate', 'DocTotal', 'PageTotal', 'Description']) {
      expect(xml.children.some((c) => c.name === field), field).toBe(true);
    }
    expect(all(xml, 'DocOrdinal').map((n) => n.text)).toEqual(['1', '2']);
    expect(all(xml, 'IssuedDate').map((n) => n.text)).toEqual(['2026-02-10', '2026-03-01']);
    const pdfOut = join(root, 'ho-so.pdf');
    await call(s, 'records.export', { id: file.id, format: 'pdf', outPath: pdfOut }, as('luutru'));
    expect(execFileSync('pdfdetach', ['-list', pdfOut], { encoding: 'utf8' })).toContain('002-pades-with-old-style-signing-cert-attr.pdf');
    expect((await stat(pdfOut)).mode & 0o777).toBe(0o600);

    // Packaging an open file is refused, with nothing written.
    const third = await call<{ id: string }>(s, 'records.open', { year: 2026, notation: '02.XD' }, as('chuyenvien'));
    expect((await refused(s, 'records.handoverPackage', { ids: [third.id], outDir: join(root, 'none') }, as('luutru'))).code).toBe('E_FILE_NOT_CLOSED');
    await expect(stat(join(root, 'none'))).rejects.toThrow();

    const outDir = join(root, 'nop-luu');
    const packaged = await call<{ packages: Array<{ path: string; fileCode: string }>; list: string; minutes: string }>(s, 'records.handoverPackage', { ids: [file.id], outDir }, as('luutru'));
    expect((await readdir(outDir)).sort()).toEqual(['000.00.02.Z99-2026-01.TH.zip', 'bien-ban-giao-nhan.pdf', 'muc-luc-ho-so-nop-luu.pdf']);
    execFileSync('pdfinfo', [packaged.list]);
    execFileSync('pdfinfo', [packaged.minutes]);
    const entries = unzipSync(new Uint8Array(await readFile(packaged.packages[0]!.path)));
    const objid = '000.00.02.Z99-2026-01.TH';
    // CSIP rule 1: METS.xml at the package root, with OBJID and TYPE.
    const mets = parseXml(new TextDecoder().decode(entries[`${objid}/METS.xml`]!));
    expect(mets.name).toBe('mets:mets');
    expect(mets.attributes.OBJID).toBe(objid);
    expect(mets.attributes.TYPE).toBeTruthy();
    expect(mets.attributes.PROFILE).toContain('E-ARK-CSIP');
    // Rule 2: metsHdr with the creating agent.
    expect(all(mets, 'mets:metsHdr')[0]!.attributes['csip:OAISPACKAGETYPE']).toBe('SIP');
    expect(all(mets, 'mets:agent').filter((a) => a.attributes.ROLE === 'CREATOR')).toHaveLength(2);
    // Rule 3: dmdSec (the file's Phụ lục VI record) and amdSec with PREMIS, both present in the package with their checksums.
    const refs = all(mets, 'mets:mdRef');
    expect(refs.map((r) => r.attributes.MDTYPE).sort()).toEqual(['OTHER', 'PREMIS']);
    for (const ref of refs) {
      const bytes = entries[`${objid}/${ref.attributes['xlink:href']}`]!;
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(ref.attributes.CHECKSUM);
    }
    expect(all(mets, 'mets:amdSec')).toHaveLength(1);
    const premis = parseXml(new TextDecoder().decode(entries[`${objid}/metadata/preservation/premis.xml`]!));
    const eventTypes = new Set(all(premis, 'premis:eventType').map((e) => e.text));
    for (const type of ['receipt', 'registration', 'signature validation', 'closing']) expect(eventTypes, type).toContain(type);
    // Rule 4: a fileSec whose files carry SIZE and CHECKSUM with CHECKSUMTYPE SHA-256 — and match the stored blobs.
    const files = all(mets, 'mets:file');
    expect(files).toHaveLength(2);
    for (const f of files) {
      expect(f.attributes.CHECKSUMTYPE).toBe('SHA-256');
      const href = all(f, 'mets:FLocat')[0]!.attributes['xlink:href']!;
      // Rule 6: one folder per representation.
      expect(href).toMatch(/^representations\/rep-original\/data\//);
      const bytes = entries[`${objid}/${href}`]!;
      expect(bytes.length).toBe(Number(f.attributes.SIZE));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.attributes.CHECKSUM);
      // Byte-identical to the stored original, which pdfsig still reports valid.
      expect(Buffer.from(await s.store.blobs.get(f.attributes.CHECKSUM!)).equals(Buffer.from(bytes))).toBe(true);
      const extracted = join(root, `pkg-${f.attributes.ID}.pdf`);
      await writeFile(extracted, bytes);
      const report = execFileSync('pdfsig', [extracted], { encoding: 'utf8' });
      expect(report).toContain('Signature Validation: Signature is Valid.');
      expect(report).not.toContain('Signature Validation: Digest Mismatch');
    }
    const originals = await Promise.all([later, earlier].map(async (id) => (await s.store.db.selectFrom('document_files').select('sha256').where('document_id', '=', id).executeTakeFirstOrThrow()).sha256));
    expect(files.map((f) => f.attributes.CHECKSUM).sort()).toEqual([...originals].sort());
    // Rule 5: a structMap with the mandatory divisions (the root, Metadata, each representation) pointing at every file.
    const structMap = all(mets, 'mets:structMap')[0]!;
    const labels = all(structMap, 'mets:div').map((d) => d.attributes.LABEL);
    expect(labels).toEqual([objid, 'Metadata', 'Representations/rep-original']);
    expect(all(structMap, 'mets:fptr').map((p) => p.attributes.FILEID).sort()).toEqual(files.map((f) => f.attributes.ID).sort());

    // The archive accepts: read-only from then on, and the receipt is audited.
    expect((await refused(s, 'records.accept', { ids: [file.id] }, as('vanthu'))).code).toBe('E_FORBIDDEN');
    await call(s, 'records.accept', { ids: [file.id], note: 'Đã nhận đủ' }, as('luutru'));
    expect((await refused(s, 'records.update', { id: file.id, description: 'sửa' }, as('chuyenvien'))).code).toBe('E_FILE_CLOSED');
    expect((await refused(s, 'records.remove', { id: file.id, documentId: later }, as('chuyenvien'))).code).toBe('E_FILE_CLOSED');
    const receipt = await s.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'record-file.accept').where('object_id', '=', file.id).executeTakeFirst();
    expect(receipt?.actor).toBe('luutru');
    expect((await call<{ ok: boolean }>(s, 'audit.verify', {}, as('luutru'))).ok ?? true).toBe(true);

    // The archivist's search, folded, and its export marked with who and when.
    const found = await call<{ files: Array<{ id: string }>; documents: Array<{ documentId: string }> }>(s, 'records.search', { text: 'dat dai' }, as('luutru'));
    expect(found.documents.map((d) => d.documentId)).toEqual([later]);
    const csv = join(root, 'tra-cuu.csv');
    await call(s, 'records.searchExport', { query: { state: 'archived' }, format: 'csv', outPath: csv }, as('luutru'));
    const csvText = await readFile(csv, 'utf8');
    expect(csvText).toContain('Xuất bởi luutru lúc 2027-01-30');
    expect(csvText).toContain(`${AGENCY}/2026/01.TH`);
  }, 60_000);

  it('keeps a secret file from a user without clearance in every command', async () => {
    const { services: s, plan } = await world();
    await call(s, 'records.planImport', { plan }, as('vanthu'));
    await call(s, 'records.planApprove', { year: 2026 }, as('lanhdao'));
    // An admin runs the system, not the records: the list it sees lacks the secret line, so re-importing that view
    // would silently drop the line. Only those who see every line (the clerk, the archivist) edit the list.
    await createUser(s.store.db, systemClock(), 'setup', { username: 'quantri', roles: ['admin'], password: 'mat-khau-quantri' });
    const adminView = await call<{ plan: { headings: Array<{ files: Array<{ notation: string }> }> } }>(s, 'records.planShow', { year: 2026 }, as('quantri'));
    expect(adminView.plan.headings.flatMap((h) => h.files.map((f) => f.notation))).toEqual(['01.TH', '01.XD']);
    const withoutSecret = { ...plan, headings: [{ ...plan.headings[0]!, files: [plan.headings[0]!.files[0]!] }, plan.headings[1]!] };
    expect((await refused(s, 'records.planImport', { plan: withoutSecret, amendmentReason: 'Sắp xếp lại' }, as('quantri'))).code).toBe('E_FORBIDDEN');
    const kept = await call<{ plan: { headings: Array<{ files: Array<{ notation: string }> }> } }>(s, 'records.planShow', { year: 2026 }, as('vanthu'));
    expect(kept.plan.headings.flatMap((h) => h.files.map((f) => f.notation))).toEqual(['01.TH', '02.TH', '01.XD']);
    const secret = await call<{ id: string }>(s, 'records.open', { year: 2026, notation: '02.TH' }, as('vanthu'));
    const notFound = (await refused(s, 'records.show', { id: 'khong-co' }, as('chuyenvien'))).message.replace('khong-co', '<id>');
    for (const [path, input] of [
      ['records.show', { id: secret.id }],
      ['records.update', { id: secret.id, description: 'x' }],
      ['records.close', { id: secret.id }],
      ['records.export', { id: secret.id, format: 'xml' }],
    ] as const) {
      const error = await refused(s, path, input, as('chuyenvien'));
      expect(error.code, path).toBe('E_NOT_FOUND');
      expect(error.message.replace(secret.id, '<id>'), path).toBe(notFound);
    }
    expect((await refused(s, 'records.open', { year: 2026, notation: '02.TH' }, as('chuyenvien'))).code).toBe('E_NOT_FOUND');
    const list = await call<{ files: unknown[] }>(s, 'records.list', {}, as('chuyenvien'));
    expect(list.files).toEqual([]);
    const shown = await call<{ plan: { headings: Array<{ files: Array<{ notation: string }> }> } }>(s, 'records.planShow', { year: 2026 }, as('chuyenvien'));
    expect(shown.plan.headings.flatMap((h) => h.files.map((f) => f.notation))).toEqual(['01.TH', '01.XD']);
    // Those who handle secrets see it.
    expect((await call<{ files: unknown[] }>(s, 'records.list', {}, as('luutru'))).files).toHaveLength(1);
  }, 30_000);
});
