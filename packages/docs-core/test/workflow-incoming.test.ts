import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/index.js';
import type { ReceiveInput } from '../src/workflow/workflow-inputs.js';
import { defaultSearchIndex } from '../src/search/index.js';
import { SENDER, SENDER_NAME, makeWorld, signedBySender, writePdf, type World } from './workflow-helpers.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

describeEachDialect('incoming lifecycle', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  async function receivePaper(world: World, overrides: Partial<Pick<ReceiveInput, 'number' | 'symbol' | 'urgency'>> = {}) {
    const file = await writePdf(world.dir, `scan-${Math.random()}.pdf`);
    return world.workflow.receive(await world.as('vanthu'), {
      file: { path: file }, attachments: [], source: 'paper', from: SENDER, fromName: 'Sở Tài chính', number: overrides.number ?? '123',
      symbol: overrides.symbol ?? 'STC-NS', issuedDate: '2026-02-27', type: 'Công văn', subject: 'V/v quyết toán ngân sách năm 2025',
      urgency: overrides.urgency ?? 'normal', secrecy: 'none', language: 'Tiếng Việt',
    });
  }

  /** An electronic document as the axis delivers it, signed by the sender (the hash double). */
  async function receiveFromAxis(world: World, documentId = '000.00.17.H99,2026/02/27,45/STC-NS') {
    const raw = await readFile(await writePdf(world.dir, `axis-${Math.random()}.pdf`));
    const signed = await signedBySender(world, raw, 'Giám đốc Sở Tài chính');
    return world.workflow.receiveFromAxis({
      pdf: signed, pdfName: 'cv45.pdf', attachments: [], exchangeDocumentId: documentId, businessType: 0, from: SENDER, fromName: SENDER_NAME,
      number: '45', symbol: 'STC-NS', issuedDate: '2026-02-27', type: 'Công văn', subject: 'V/v báo cáo tình hình thu chi',
      urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt',
    });
  }

  const statusCodes = async (world: World) =>
    (await world.store.db.selectFrom('outbox').select('status_code').where('kind', '=', 'status').orderBy('id').execute()).map((r) => r.status_code);

  it('walks a paper document received → verified → registered → presented → assigned → in progress → completed → filed', async () => {
    const world = await makeWorld(await tempDir(), await database());
    const { workflow } = world;
    try {
      const clerk = await world.as('vanthu');
      const doc = await receivePaper(world, { urgency: 'very-urgent' });
      expect(doc).toMatchObject({ state: 'received', source: 'paper', number: '123', symbol: 'STC-NS', arrivalNumber: null, flags: ['very-urgent'] });
      expect((await workflow.verify(clerk, doc.id)).state).toBe('verified');
      const registered = await workflow.register(clerk, doc.id);
      expect(registered).toMatchObject({ state: 'registered', arrivalNumber: 1 });
      expect((await workflow.present(clerk, doc.id)).state).toBe('presented');
      const assigned = await workflow.assign(await world.as('lanhdao'), doc.id, {
        lead: 'chuyenvien', support: ['chuyenvien2'], inform: ['luutru'], dueDate: '2026-03-10', note: 'Phòng Tài chính chủ trì tham mưu',
      });
      expect(assigned.assignments.map((a) => [a.username, a.role, a.dueDate])).toEqual([
        ['chuyenvien', 'lead', '2026-03-10'],
        ['chuyenvien2', 'support', '2026-03-10'],
        ['luutru', 'inform', null],
      ]);
      // Only the lead assignee starts and completes.
      await expect(workflow.start(await world.as('chuyenvien2'), doc.id)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      expect((await workflow.start(await world.as('chuyenvien'), doc.id)).state).toBe('in_progress');
      const extended = await workflow.extendDeadline(await world.as('lanhdao'), doc.id, { dueDate: '2026-03-20', reason: 'Chờ số liệu quyết toán' });
      expect(extended.dueDate).toBe('2026-03-20');
      expect(extended.assignments[0]!.extensions).toEqual([expect.objectContaining({ previousDueDate: '2026-03-10', newDueDate: '2026-03-20' })]);
      const completed = await workflow.complete(await world.as('chuyenvien'), doc.id, { note: 'Đã tổng hợp, báo cáo lãnh đạo' });
      expect(completed).toMatchObject({ state: 'completed', resultNote: 'Đã tổng hợp, báo cáo lãnh đạo' });
      expect((await workflow.file(await world.as('chuyenvien'), doc.id)).state).toBe('filed');
      // Paper: nothing leaves the agency.
      expect(await statusCodes(world)).toEqual([]);
      expect((await verifyAuditChain(world.store.db)).ok).toBe(true);
    } finally {
      await world.store.close();
    }
  });

  it('an axis document sends statuses 01, 03, 04, 05, 06 in the transactions that cause them', async () => {
    const world = await makeWorld(await tempDir(), await database());
    const { workflow } = world;
    try {
      const clerk = await world.as('vanthu');
      const doc = await receiveFromAxis(world);
      expect(await statusCodes(world)).toEqual(['01']);
      const verified = await workflow.verify(clerk, doc.id);
      expect(verified).toMatchObject({ state: 'verified', checking: [] });
      // One entry per signature: the leader's, then the agency's seal over it.
      expect(verified.signatures).toEqual([
        expect.objectContaining({ kind: 'received', valid: true, signerName: 'Giám đốc Sở Tài chính' }),
        expect.objectContaining({ kind: 'received', valid: true, signerName: 'Sở Tài chính' }),
      ]);
      await workflow.register(clerk, doc.id);
      await workflow.present(clerk, doc.id);
      await workflow.assign(await world.as('lanhdao'), doc.id, { lead: 'chuyenvien', support: [], inform: [], dueDate: '2026-03-06' });
      await workflow.start(await world.as('chuyenvien'), doc.id);
      await workflow.complete(await world.as('chuyenvien'), doc.id, { note: 'Xong' });
      expect(await statusCodes(world)).toEqual(['01', '03', '04', '05', '06']);
      const rows = await world.store.db.selectFrom('outbox').selectAll().execute();
      expect(new Set(rows.map((r) => r.recipient_organ_id))).toEqual(new Set([SENDER]));
      expect(JSON.parse(rows[1]!.payload)).toMatchObject({ statusCode: '03', responseFor: { code: '45/STC-NS', documentId: '000.00.17.H99,2026/02/27,45/STC-NS' } });
    } finally {
      await world.store.close();
    }
  });

  it('an invalid signature needs checking and is not registered without a confirmation; rejecting it sends 02 with the reason', async () => {
    const world = await makeWorld(await tempDir(), await database());
    const { workflow } = world;
    try {
      const clerk = await world.as('vanthu');
      const raw = await readFile(await writePdf(world.dir, 'x.pdf'));
      const signed = Buffer.from((await world.signer.signAsPerson({ pdf: raw, signerName: 'Sở' })).pdf);
      signed[12] = signed[12]! ^ 1; // a byte changed after signing
      const doc = await workflow.receiveFromAxis({
        pdf: signed, pdfName: 'x.pdf', attachments: [], exchangeDocumentId: 'D1', businessType: 0, from: SENDER, number: '7', symbol: 'STC-VP',
        issuedDate: '2026-02-27', type: 'TB', subject: 'Thông báo', urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt',
      });
      const verified = await workflow.verify(clerk, doc.id);
      expect(verified.flags).toEqual(expect.arrayContaining(['signature-invalid', 'needs-checking']));
      expect(verified.checking?.map((f) => f.code)).toContain('SIGNATURE_INVALID');
      await expect(workflow.register(clerk, doc.id)).rejects.toMatchObject({ code: 'E_NEEDS_CHECKING' });
      await expect(workflow.reject(clerk, doc.id)).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
      const rejected = await workflow.reject(clerk, doc.id, 'Chữ ký số không hợp lệ');
      expect(rejected).toMatchObject({ state: 'rejected', rejectReason: 'Chữ ký số không hợp lệ' });
      const rows = await world.store.db.selectFrom('outbox').selectAll().orderBy('id').execute();
      expect(rows.map((r) => r.status_code)).toEqual(['01', '02']);
      expect(JSON.parse(rows[1]!.payload).description).toBe('Chữ ký số không hợp lệ');
    } finally {
      await world.store.close();
    }
  });

  it('số đến is one yearly sequence that restarts on 1 January', async () => {
    const world = await makeWorld(await tempDir(), { ...(await database()), now: '2026-12-31T10:00:00+07:00' });
    const { workflow } = world;
    try {
      const clerk = await world.as('vanthu');
      const numbers: Array<number | null> = [];
      for (const when of ['2026-12-31T10:00:00+07:00', '2026-12-31T23:59:59+07:00', '2027-01-01T00:00:00+07:00', '2027-01-02T08:00:00+07:00']) {
        world.clock.set(when);
        const doc = await receivePaper(world, { number: String(Math.random()).slice(2, 8) });
        await workflow.verify(clerk, doc.id);
        numbers.push((await workflow.register(clerk, doc.id)).arrivalNumber);
      }
      expect(numbers).toEqual([1, 2, 1, 2]);
      const in2027 = await workflow.list({ direction: 'incoming', year: 2027, limit: 100, offset: 0 });
      expect(in2027.map((d) => d.arrivalNumber).sort()).toEqual([1, 2]);
      expect(await workflow.list({ direction: 'outgoing', limit: 100, offset: 0 })).toEqual([]);
    } finally {
      await world.store.close();
    }
  });

  it('flags a duplicate by số + ký hiệu + issuer within the year, and by DocumentId + type + content', async () => {
    const world = await makeWorld(await tempDir(), await database());
    try {
      const first = await receivePaper(world);
      const again = await receivePaper(world);
      expect(again).toMatchObject({ duplicateOf: first.id, flags: ['duplicate'] });
      const other = await receivePaper(world, { number: '124' });
      expect(other.duplicateOf).toBeNull();
      const pdf = await readFile(await writePdf(world.dir, 'same.pdf'));
      const axis = async (number: string, businessType: number) =>
        world.workflow.receiveFromAxis({
          pdf, pdfName: 'same.pdf', attachments: [], exchangeDocumentId: 'DOC-9', businessType, from: SENDER, number, symbol: 'STC-KH',
          issuedDate: '2026-02-27', type: 'KH', subject: 'Kế hoạch', urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt',
        });
      const axisFirst = await axis('80', 0);
      expect(axisFirst.duplicateOf).toBeNull();
      // Same DocumentId, business type and content, even with a different number typed in: a duplicate.
      expect((await axis('81', 0)).duplicateOf).toBe(axisFirst.id);
      // An update (2) reuses the DocumentId and is not a duplicate.
      expect((await axis('82', 2)).duplicateOf).toBeNull();
    } finally {
      await world.store.close();
    }
  });

  it('flags an item not registered by the end of the next working day (Điều 4)', async () => {
    // Friday 6 March 2026: the next working day is Monday 9 March.
    const world = await makeWorld(await tempDir(), { ...(await database()), now: '2026-03-06T16:00:00+07:00' });
    try {
      const doc = await receivePaper(world);
      world.clock.set('2026-03-09T23:00:00+07:00');
      expect((await world.workflow.show(doc.id)).flags).not.toContain('late-registration');
      world.clock.set('2026-03-10T00:00:01+07:00');
      expect((await world.workflow.show(doc.id)).flags).toContain('late-registration');
    } finally {
      await world.store.close();
    }
  });

  it('a recall request accepted (15) removes the document; the register line and the audit keep the trace', async () => {
    const world = await makeWorld(await tempDir(), await database());
    const { workflow } = world;
    try {
      const clerk = await world.as('vanthu');
      const doc = await receiveFromAxis(world, 'DOC-R');
      await workflow.verify(clerk, doc.id);
      await workflow.register(clerk, doc.id);
      await expect(workflow.acceptRecall(clerk, doc.id)).rejects.toMatchObject({ code: 'E_INVALID_STATE' });
      const found = await defaultSearchIndex.search(world.store.db, { text: 'bao cao tinh hinh thu chi' });
      expect(found.hits.map((h) => [h.id, h.state])).toEqual([[doc.id, 'registered']]);
      const requested = await workflow.requestRecallFromAxis('DOC-R', 'Ban hành nhầm');
      expect(requested.flags).toContain('recall-requested');
      await expect(workflow.acceptRecall(await world.as('chuyenvien'), doc.id)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await workflow.acceptRecall(clerk, doc.id);
      await expect(workflow.show(doc.id)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
      expect((await defaultSearchIndex.search(world.store.db, { text: 'bao cao tinh hinh thu chi' })).hits).toEqual([]);
      expect(await world.store.db.selectFrom('document_files').selectAll().where('document_id', '=', doc.id).execute()).toEqual([]);
      expect(await statusCodes(world)).toEqual(['01', '03', '15']);
      const line = await world.store.db.selectFrom('register_entries').selectAll().executeTakeFirstOrThrow();
      expect(line).toMatchObject({ number: 1, status: 'recalled', document_id: doc.id });
      const trace = await world.store.db.selectFrom('audit_log').selectAll().where('object_id', '=', doc.id).orderBy('id').execute();
      expect(trace.at(-1)).toMatchObject({ action: 'document.acceptRecall' });
      expect(JSON.parse(trace.at(-1)!.after!)).toMatchObject({ removed: true, code: '45/STC-NS' });
      expect((await verifyAuditChain(world.store.db)).ok).toBe(true);
    } finally {
      await world.store.close();
    }
  });

  it('a recall request refused (16) keeps the document where it was', async () => {
    const world = await makeWorld(await tempDir(), await database());
    const { workflow } = world;
    try {
      const clerk = await world.as('vanthu');
      const doc = await receiveFromAxis(world, 'DOC-S');
      await workflow.recall(clerk, doc.id, 'Bên gửi đề nghị thu hồi');
      const refused = await workflow.refuseRecall(clerk, doc.id, 'Văn bản đã được xử lý');
      expect(refused).toMatchObject({ state: 'received' });
      expect(refused.flags).not.toContain('recall-requested');
      expect(await statusCodes(world)).toEqual(['01', '16']);
    } finally {
      await world.store.close();
    }
  });
});
