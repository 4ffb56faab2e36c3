import { expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { verifyAuditChain } from '../src/audit/index.js';
import { documentStatistics, periodOf } from '../src/stats/index.js';
import { RECIPIENT, makeWorld, writePdf, type World } from './workflow-helpers.js';
import { useTempDir } from './helpers.js';
import { describeEachDialect, useStoreDatabase } from './postgres-test-db.js';

describeEachDialect('outgoing lifecycle', (dialect) => {
  const tempDir = useTempDir();
  const database = useStoreDatabase(dialect);

  async function draftAndSign(world: World, options: { type?: string; secrecy?: 'none' | 'secret'; to?: string[] } = {}) {
    const { workflow } = world;
    const file = await writePdf(world.dir, `du-thao-${Math.random()}.pdf`);
    const draft = await workflow.draft(await world.as('chuyenvien'), {
      type: options.type ?? 'QĐ',
      subject: 'Về việc ban hành quy chế làm việc',
      file: { path: file },
      attachments: [],
      to: options.to ?? [RECIPIENT],
      urgency: 'urgent',
      secrecy: options.secrecy ?? 'none',
      signer: 'lanhdao',
      language: 'Tiếng Việt',
      direction: 'outgoing',
    });
    await workflow.submit(await world.as('chuyenvien'), draft.id);
    await workflow.approve(await world.as('lanhdao'), draft.id);
    await workflow.sign(await world.as('lanhdao'), draft.id);
    return draft.id;
  }

  it('walks draft → submitted → returned → submitted → approved → signed → issued → dispatched → archived', async () => {
    const world = await makeWorld(await tempDir(), await database());
    const { workflow } = world;
    try {
      const file = await writePdf(world.dir, 'qd.pdf');
      const draft = await workflow.draft(await world.as('chuyenvien'), {
        type: 'Quyết định', subject: 'Về việc thành lập tổ công tác', file: { path: file }, attachments: [], to: [RECIPIENT],
        urgency: 'flash', secrecy: 'none', signer: 'lanhdao', language: 'Tiếng Việt', direction: 'outgoing',
      });
      expect(draft).toMatchObject({ state: 'draft', type: 'QĐ', typeName: 'Quyết định', number: null, flags: ['flash'] });
      const cv = await world.as('chuyenvien');
      const leader = await world.as('lanhdao');
      const clerk = await world.as('vanthu');
      expect((await workflow.submit(cv, draft.id)).state).toBe('submitted');
      expect((await workflow.returnDraft(leader, draft.id, 'Sửa căn cứ pháp lý')).state).toBe('returned');
      const revised = await workflow.revise(cv, draft.id, { path: await writePdf(world.dir, 'qd-v2.pdf', 'bản sửa') }, 'Bổ sung căn cứ');
      expect(revised.state).toBe('returned');
      const versions = await world.store.db.selectFrom('document_versions').select(['version', 'sha256']).where('document_id', '=', draft.id).orderBy('version').execute();
      expect(versions.map((v) => v.version)).toEqual([1, 2]);
      expect(versions[1]!.sha256).toBe(revised.files.at(-1)!.sha256);
      expect((await workflow.submit(cv, draft.id)).state).toBe('submitted');
      expect((await workflow.approve(leader, draft.id)).state).toBe('approved');
      const signed = await workflow.sign(leader, draft.id);
      expect(signed.state).toBe('signed');
      expect(signed.signatures).toEqual([expect.objectContaining({ kind: 'person', valid: true, signerName: 'Trần Văn Lãnh Đạo' })]);
      const issued = await workflow.issue(clerk, draft.id);
      expect(issued).toMatchObject({ state: 'issued', number: '01', symbol: 'QĐ-UBND', issuedDate: '2026-03-02', year: 2026 });
      expect(issued.files.map((f) => f.role)).toEqual(['main', 'main', 'signed', 'issued']);
      // The sealed file still carries the leader's signature: the seal was appended, never a re-save.
      const sealed = await world.store.blobs.get(issued.files[3]!.sha256);
      // The leader signed version 2, not the first draft: the sealed file starts with its bytes.
      const version2 = await world.store.blobs.get(versions[1]!.sha256);
      expect(sealed.subarray(0, version2.length)).toEqual(version2);
      expect((await world.verifier.verifyPdf(sealed)).signatures.map((s) => s.valid)).toEqual([true, true]);
      const dispatched = await workflow.dispatch(clerk, draft.id, { paper: false });
      expect(dispatched.state).toBe('dispatched');
      const outbox = await world.store.db.selectFrom('outbox').selectAll().execute();
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({ kind: 'document', business_type: 0, recipient_organ_id: RECIPIENT, state: 'pending' });
      expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ code: '01/QĐ-UBND', exchangeDocumentId: '000.00.01.H99,2026/03/02,01/QĐ-UBND' });
      expect((await workflow.archive(await world.as('luutru'), draft.id)).state).toBe('archived');
      const history = await workflow.history(draft.id);
      expect(history.map((h) => h.toState)).toEqual(['draft', 'submitted', 'returned', 'returned', 'submitted', 'approved', 'signed', 'issuing', 'issued', 'dispatched', 'archived']);
      const audit = await verifyAuditChain(world.store.db);
      expect(audit.ok).toBe(true);
      const register = await world.store.db.selectFrom('register_entries').selectAll().execute();
      expect(register).toEqual([expect.objectContaining({ number: 1, code: '01/QĐ-UBND', status: 'active', document_id: draft.id })]);
    } finally {
      await world.store.close();
    }
  });

  it('refuses a wrong role or a wrong state with a typed error and changes nothing', async () => {
    const world = await makeWorld(await tempDir(), await database());
    const { workflow } = world;
    try {
      const file = await writePdf(world.dir, 'a.pdf');
      const draft = await workflow.draft(await world.as('chuyenvien'), {
        type: 'TB', subject: 'Thông báo lịch họp', file: { path: file }, attachments: [], to: [], urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt', direction: 'outgoing',
      });
      await workflow.submit(await world.as('chuyenvien'), draft.id);
      const auditBefore = await verifyAuditChain(world.store.db);
      await expect(workflow.approve(await world.as('chuyenvien'), draft.id)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await expect(workflow.approve(await world.as('vanthu'), draft.id)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await expect(workflow.issue(await world.as('vanthu'), draft.id)).rejects.toMatchObject({ code: 'E_INVALID_STATE' });
      await expect(workflow.dispatch(await world.as('vanthu'), draft.id, { paper: true })).rejects.toMatchObject({ code: 'E_INVALID_STATE' });
      expect((await workflow.show(draft.id)).state).toBe('submitted');
      expect((await verifyAuditChain(world.store.db)).entries).toBe(auditBefore.entries);
      expect(await world.store.db.selectFrom('register_entries').selectAll().execute()).toEqual([]);
    } finally {
      await world.store.close();
    }
  });

  it('only the drafter submits or revises a draft; a draft the caller may not see answers as a missing one', async () => {
    const world = await makeWorld(await tempDir(), await database());
    const { workflow } = world;
    try {
      const draftBy = async (username: string, secrecy: 'none' | 'top-secret') =>
        workflow.draft(await world.as(username), {
          type: 'TB', subject: `Dự thảo của ${username}`, file: { path: await writePdf(world.dir, `${username}-${secrecy}.pdf`) }, attachments: [], to: [],
          urgency: 'normal', secrecy, language: 'Tiếng Việt', direction: 'outgoing',
        });
      const colleagues = await draftBy('chuyenvien2', 'none');
      const leaders = await draftBy('lanhdao', 'top-secret');
      const newFile = { path: await writePdf(world.dir, 'thay.pdf', 'nội dung khác') };
      const intruder = await world.as('chuyenvien');
      // A colleague's ordinary draft: seen, but not theirs to send or change.
      await expect(workflow.submit(intruder, colleagues.id)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await expect(workflow.revise(intruder, colleagues.id, newFile)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      // A leader's top-secret draft: the very answer a made-up id gets, with no state in it.
      const missing = '00000000-0000-4000-8000-000000000000';
      for (const attempt of [(id: string) => workflow.submit(intruder, id), (id: string) => workflow.revise(intruder, id, newFile)]) {
        const secret = await attempt(leaders.id).then(() => undefined, (error: unknown) => error as { code: string; message: string });
        const none = await attempt(missing).then(() => undefined, (error: unknown) => error as { code: string; message: string });
        expect(secret?.code).toBe('E_NOT_FOUND');
        expect({ code: secret?.code, message: secret?.message.replace(leaders.id, '<id>') }).toEqual({ code: none?.code, message: none?.message.replace(missing, '<id>') });
      }
      expect((await workflow.show(leaders.id)).state).toBe('draft');
      expect((await workflow.show(leaders.id)).files.filter((f) => f.role === 'main')).toHaveLength(1);
      expect((await workflow.show(colleagues.id)).state).toBe('draft');
      // The drafters themselves still can.
      expect((await workflow.revise(await world.as('chuyenvien2'), colleagues.id, newFile)).state).toBe('draft');
      expect((await workflow.submit(await world.as('chuyenvien2'), colleagues.id)).state).toBe('submitted');
      expect((await workflow.submit(await world.as('lanhdao'), leaders.id)).state).toBe('submitted');
    } finally {
      await world.store.close();
    }
  });

  it('only the designated leader signs', async () => {
    const world = await makeWorld(await tempDir(), await database());
    try {
      const file = await writePdf(world.dir, 'b.pdf');
      const draft = await world.workflow.draft(await world.as('chuyenvien'), {
        type: 'QĐ', subject: 's', file: { path: file }, attachments: [], to: [], urgency: 'normal', secrecy: 'none', signer: 'lanhdao', language: 'Tiếng Việt', direction: 'outgoing',
      });
      await world.workflow.submit(await world.as('chuyenvien'), draft.id);
      await expect(world.workflow.approve(await world.as('lanhdao2'), draft.id)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
    } finally {
      await world.store.close();
    }
  });

  it('numbers công văn as issuer-unit, pads below 10, and keeps one sequence across types', async () => {
    const world = await makeWorld(await tempDir(), await database());
    try {
      const clerk = await world.as('vanthu');
      const codes: string[] = [];
      for (const type of ['Công văn', 'QĐ', 'TTr', 'QyĐ']) {
        const id = await draftAndSign(world, { type });
        const issued = await world.workflow.issue(clerk, id);
        codes.push(`${issued.number}/${issued.symbol}`);
      }
      expect(codes).toEqual(['01/UBND-VP', '02/QĐ-UBND', '03/TTr-UBND', '04/QyĐ-UBND']);
    } finally {
      await world.store.close();
    }
  });

  it('per-type numbering when the agency configures it; secret documents have their own register', async () => {
    const world = await makeWorld(await tempDir(), { ...(await database()), numberingScheme: 'per-type' });
    try {
      const clerk = await world.as('vanthu');
      const results: string[] = [];
      for (const [type, secrecy] of [['QĐ', 'none'], ['TB', 'none'], ['QĐ', 'none'], ['QĐ', 'secret'], ['QĐ', 'none']] as const) {
        const id = await draftAndSign(world, { type, secrecy });
        const issued = await world.workflow.issue(clerk, id);
        results.push(`${issued.number}/${issued.symbol}${secrecy === 'secret' ? ' (mật)' : ''}`);
      }
      expect(results).toEqual(['01/QĐ-UBND', '01/TB-UBND', '02/QĐ-UBND', '01/QĐ-UBND (mật)', '03/QĐ-UBND']);
    } finally {
      await world.store.close();
    }
  });

  it('a secret document can never be queued for the axis; on paper it goes', async () => {
    const world = await makeWorld(await tempDir(), await database());
    try {
      const clerk = await world.as('vanthu');
      const id = await draftAndSign(world, { secrecy: 'secret' });
      await world.workflow.issue(clerk, id);
      await expect(world.workflow.dispatch(clerk, id, { paper: false })).rejects.toMatchObject({ code: 'SECRET_NOT_EXCHANGEABLE' });
      expect(await world.store.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
      expect((await world.workflow.show(id)).state).toBe('issued');
      expect((await world.workflow.dispatch(clerk, id, { paper: true })).state).toBe('dispatched');
      expect(await world.store.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
    } finally {
      await world.store.close();
    }
  });

  it('a cancelled seal keeps the number for the retry; an abandoned issue voids it and it is never reused', async () => {
    const world = await makeWorld(await tempDir(), await database());
    try {
      const clerk = await world.as('vanthu');
      const first = await draftAndSign(world);
      world.signer.failNextSeal = true;
      await expect(world.workflow.issue(clerk, first)).rejects.toMatchObject({ code: 'PIN_CANCELLED' });
      const pending = await world.workflow.show(first);
      expect(pending).toMatchObject({ state: 'issuing', number: '01', flags: expect.arrayContaining(['number-pending-seal']) });
      expect((await world.workflow.issue(clerk, first)).number).toBe('01');

      const second = await draftAndSign(world);
      world.signer.failNextSeal = true;
      await expect(world.workflow.issue(clerk, second)).rejects.toMatchObject({ code: 'PIN_CANCELLED' });
      await expect(world.workflow.abandonIssue(clerk, second)).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
      const abandoned = await world.workflow.abandonIssue(clerk, second, 'Mất thiết bị ký số');
      expect(abandoned).toMatchObject({ state: 'signed', number: null });
      const retried = await world.workflow.issue(clerk, second);
      expect(retried.number).toBe('03');
      const lines = await world.store.db.selectFrom('register_entries').select(['number', 'status', 'note']).orderBy('number').execute();
      expect(lines).toEqual([
        { number: 1, status: 'active', note: null },
        { number: 2, status: 'void', note: 'Mất thiết bị ký số' },
        { number: 3, status: 'active', note: null },
      ]);
    } finally {
      await world.store.close();
    }
  });

  it('numbering restarts at 01 on 1 January, Vietnam time', async () => {
    const world = await makeWorld(await tempDir(), { ...(await database()), now: '2026-12-31T23:50:00+07:00' });
    try {
      const clerk = await world.as('vanthu');
      const a = await draftAndSign(world);
      expect((await world.workflow.issue(clerk, a)).number).toBe('01');
      const b = await draftAndSign(world);
      expect((await world.workflow.issue(clerk, b)).number).toBe('02');
      // 17:00 UTC on 31 December is already midnight in Hà Nội.
      world.clock.set('2026-12-31T17:00:00Z');
      const c = await draftAndSign(world);
      expect(await world.workflow.issue(clerk, c)).toMatchObject({ number: '01', year: 2027, issuedDate: '2027-01-01' });
    } finally {
      await world.store.close();
    }
  });

  it('recalling a dispatched document freezes it and queues a revoke for each recipient', async () => {
    const world = await makeWorld(await tempDir(), await database());
    try {
      const clerk = await world.as('vanthu');
      const id = await draftAndSign(world, { to: [RECIPIENT, '000.00.21.H99'] });
      await world.workflow.issue(clerk, id);
      await world.workflow.dispatch(clerk, id, { paper: false });
      await expect(world.workflow.recall(clerk, id)).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
      expect((await world.workflow.recall(clerk, id, 'Sai thẩm quyền ban hành')).state).toBe('recalled');
      const revokes = await world.store.db.selectFrom('outbox').selectAll().where('business_type', '=', 1).orderBy('recipient_organ_id').execute();
      expect(revokes.map((r) => r.recipient_organ_id)).toEqual(['000.00.20.H99', '000.00.21.H99']);
      await expect(world.workflow.archive(clerk, id)).rejects.toMatchObject({ code: 'E_INVALID_STATE' });
    } finally {
      await world.store.close();
    }
  });

  it('copies (SY, TrS, SL) share one copy sequence apart from the outgoing numbers, each signed by the agency', async () => {
    const world = await makeWorld(await tempDir(), await database());
    try {
      const clerk = await world.as('vanthu');
      const original = await draftAndSign(world);
      const issued = await world.workflow.issue(clerk, original);
      await expect(world.workflow.makeCopy(clerk, await draftAndSign(world), 'SY')).rejects.toMatchObject({ code: 'E_INVALID_STATE' });
      await expect(world.workflow.makeCopy(await world.as('chuyenvien'), original, 'SY')).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      // A key the agency never bound (a leader's token in the reader) makes no copy and uses up no number.
      world.signer.tokenInReader = world.signer.keys.get('Trần Văn Lãnh Đạo')!;
      await expect(world.workflow.makeCopy(clerk, original, 'SY')).rejects.toMatchObject({ code: 'E_CERT_NOT_BOUND' });
      world.signer.tokenInReader = null;
      const copies = [];
      for (const form of ['SY', 'TrS', 'SL'] as const) copies.push(await world.workflow.makeCopy(clerk, original, form));
      expect(copies.map((c) => `${c.number}/${c.symbol}`)).toEqual(['01/SY-UBND', '02/TrS-UBND', '03/SL-UBND']);
      // Phụ lục I Phần II.I: the sealed original with the agency's copy signature added after it, never the original alone.
      const sealed = Buffer.from(await world.store.blobs.get(issued.files.find((f) => f.role === 'issued')!.sha256));
      const copied = Buffer.from(await world.store.blobs.get(copies[0]!.files[0]!.sha256));
      expect(copied.length).toBeGreaterThan(sealed.length);
      expect(copied.subarray(0, sealed.length).equals(sealed)).toBe(true);
      const report = await world.verifier.verifyPdf(copied);
      expect(report.signatures.map((s) => s.signerName)).toEqual(['Trần Văn Lãnh Đạo', 'Ủy ban nhân dân tỉnh Thử Nghiệm', 'SAO Y Ủy ban nhân dân tỉnh Thử Nghiệm']);
      expect(copies[0]!.signatures.at(-1)).toMatchObject({ kind: 'agency', valid: true });
      // Issue 11 item 9: the three copies are not issued documents; the statistics count the original once.
      expect((await documentStatistics(world.store.db, periodOf(2026), world.clock.now())).total.issued).toBe(1);
      const next = await draftAndSign(world);
      expect((await world.workflow.issue(clerk, next)).number).toBe('02');
    } finally {
      await world.store.close();
    }
  });

  it('an update (2) and a replacement (3) reach the recipients of an electronically dispatched document', async () => {
    const world = await makeWorld(await tempDir(), await database());
    try {
      const clerk = await world.as('vanthu');
      const old = await draftAndSign(world, { to: [RECIPIENT] });
      await world.workflow.issue(clerk, old);
      const paper = await draftAndSign(world, { to: [RECIPIENT] });
      await world.workflow.issue(clerk, paper);
      await world.workflow.dispatch(clerk, paper, { paper: true });
      await expect(world.workflow.sendUpdate(clerk, paper, 'Đính chính')).rejects.toMatchObject({ code: 'E_INVALID_STATE' });
      await world.workflow.dispatch(clerk, old, { paper: false });
      await expect(world.workflow.sendUpdate(await world.as('chuyenvien'), old, 'Đính chính')).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await world.workflow.sendUpdate(clerk, old, 'Đính chính ngày hiệu lực');
      const replacement = await draftAndSign(world, { to: ['000.00.21.H99'] });
      // Issue 11 item 6: a replacement not yet issued is refused by name, and nothing is marked.
      await expect(world.workflow.replace(clerk, old, replacement, 'Thay thế')).rejects.toMatchObject({ code: 'E_INVALID_STATE', message: expect.stringMatching(/chưa được ban hành/) });
      expect(await world.workflow.show(old)).toMatchObject({ replacedBy: null, replaces: [] });
      await world.workflow.issue(clerk, replacement);
      await expect(world.workflow.replace(clerk, old, old, 'Thay thế')).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
      const replaced = await world.workflow.replace(clerk, old, replacement, 'Thay thế do sai thẩm quyền');
      expect(replaced.state).toBe('dispatched');
      const successor = await world.workflow.show(replacement);
      expect(successor.state).toBe('dispatched');
      // The chain both ways: the old one is marked replaced and names its successor; the successor names what it replaces.
      expect(replaced.flags).toContain('replaced');
      expect(replaced.replacedBy).toEqual({ id: replacement, number: successor.number, symbol: successor.symbol, issuedDate: successor.issuedDate, subject: successor.subject });
      expect(successor.replaces?.map((d) => d.id)).toEqual([old]);
      expect(successor.replacedBy).toBeNull();
      expect(successor.flags).not.toContain('replaced');
      // Sent over the axis, the replacement counts as fully electronic as its predecessor does (issue 11 item 9): it was
      // left with no dispatch mode and counted as not electronic. The paper one is not; nothing else is dispatched yet.
      expect((await documentStatistics(world.store.db, periodOf(2026), world.clock.now())).total).toMatchObject({ issued: 3, fullyElectronic: 2 });
      // Replaced once: a second replacement is refused, and the first stays.
      const another = await draftAndSign(world, { to: [RECIPIENT] });
      await world.workflow.issue(clerk, another);
      await expect(world.workflow.replace(clerk, old, another, 'Lần nữa')).rejects.toMatchObject({ code: 'E_INVALID_STATE', message: expect.stringContaining(replacement) });
      expect((await world.workflow.show(old)).replacedBy?.id).toBe(replacement);
      expect((await world.workflow.show(another)).state).toBe('issued');
      const rows = await world.store.db.selectFrom('outbox').selectAll().orderBy('id').execute();
      expect(rows.map((r) => [r.document_id === old ? 'old' : 'new', r.business_type, r.recipient_organ_id])).toEqual([
        ['old', 0, RECIPIENT],
        ['old', 2, RECIPIENT],
        ['new', 3, RECIPIENT],
        ['new', 3, '000.00.21.H99'],
      ]);
      const oldExchangeId = (await world.store.db.selectFrom('documents').select('exchange_document_id').where('id', '=', old).executeTakeFirstOrThrow()).exchange_document_id;
      expect(JSON.parse(rows[2]!.payload).replaces[0].documentId).toBe(oldExchangeId);
    } finally {
      await world.store.close();
    }
  });

  it('issues a paper document: signed by hand (scan), numbered and sealed on paper, dispatched on paper only, counted as not electronic', async () => {
    const world = await makeWorld(await tempDir(), await database());
    const { workflow } = world;
    try {
      const cv = await world.as('chuyenvien');
      const clerk = await world.as('vanthu');
      const draft = await workflow.draft(cv, {
        type: 'TB', subject: 'Thông báo lịch tiếp công dân tháng 3', file: { path: await writePdf(world.dir, 'tb.pdf') }, attachments: [], to: [RECIPIENT],
        urgency: 'normal', secrecy: 'none', signer: 'lanhdao', language: 'Tiếng Việt', direction: 'outgoing',
      });
      await workflow.submit(cv, draft.id);
      const scan = { path: await writePdf(world.dir, 'tb-ky-tay.pdf', 'bản quét có chữ ký tay') };
      // Not before approval, not by a specialist, not without a PDF.
      await expect(workflow.signOnPaper(clerk, draft.id, scan)).rejects.toMatchObject({ code: 'E_INVALID_STATE' });
      await workflow.approve(await world.as('lanhdao'), draft.id);
      await expect(workflow.signOnPaper(cv, draft.id, scan)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await expect(workflow.signOnPaper(await world.as('lanhdao2'), draft.id, scan)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      const notPdf = join(world.dir, 'anh.png');
      await writeFile(notPdf, 'not a pdf');
      await expect(workflow.signOnPaper(clerk, draft.id, { path: notPdf })).rejects.toMatchObject({ code: 'E_PDF_UNREADABLE' });
      expect((await workflow.show(draft.id)).state).toBe('approved');

      // The clerk scanned the sheet the designated leader signed: the signer is the leader, the signature is "paper".
      const signed = await workflow.signOnPaper(clerk, draft.id, scan);
      expect(signed).toMatchObject({ state: 'signed', flags: ['paper'] });
      expect(signed.signatures).toEqual([expect.objectContaining({ kind: 'person', valid: false, signerName: 'Trần Văn Lãnh Đạo' })]);
      expect(signed.files.map((f) => f.role)).toEqual(['main', 'signed']);

      // Signed by hand it stays a paper document: no digital seal on the scan, no number taken for trying.
      await expect(workflow.issue(clerk, draft.id)).rejects.toMatchObject({ code: 'E_PAPER_DOCUMENT' });
      await expect(workflow.issueOnPaper(cv, draft.id)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      expect(await workflow.show(draft.id)).toMatchObject({ state: 'signed', number: null });
      const sealedScan = { path: await writePdf(world.dir, 'tb-dong-dau.pdf', 'bản quét đã đóng dấu, ghi số 01') };
      const issued = await workflow.issueOnPaper(clerk, draft.id, sealedScan);
      expect(issued).toMatchObject({ state: 'issued', number: '01', symbol: 'TB-UBND', flags: ['paper'] });
      expect(issued.files.map((f) => f.role)).toEqual(['main', 'signed', 'issued']);
      expect(issued.signatures.map((s) => [s.kind, s.valid])).toEqual([['person', false], ['agency', false]]);

      // The axis would carry an unsigned scan: refused, nothing queued; on paper it goes.
      await expect(workflow.dispatch(clerk, draft.id, { paper: false })).rejects.toMatchObject({ code: 'E_PAPER_DOCUMENT' });
      expect(await world.store.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
      expect((await workflow.dispatch(clerk, draft.id, { paper: true })).state).toBe('dispatched');

      const stats = await documentStatistics(world.store.db, periodOf(2026), world.clock.now());
      expect(stats.total).toMatchObject({ issued: 1, fullyElectronic: 0, electronicShare: 0 });
      expect((await verifyAuditChain(world.store.db)).ok).toBe(true);
    } finally {
      await world.store.close();
    }
  });

  it('signs each PDF attachment in a separate file on issue (the stamp, verified); other formats go as drafted', async () => {
    const world = await makeWorld(await tempDir(), await database());
    const { workflow } = world;
    try {
      const cv = await world.as('chuyenvien');
      const docx = join(world.dir, 'bieu-mau.docx');
      await writeFile(docx, 'PK not really a docx');
      const draft = await workflow.draft(cv, {
        type: 'QĐ', subject: 'Về việc ban hành quy chế', file: { path: await writePdf(world.dir, 'qd.pdf') },
        attachments: [{ path: await writePdf(world.dir, 'phu-luc-1.pdf', 'Phụ lục 1') }, { path: docx }, { path: await writePdf(world.dir, 'phu-luc-2.pdf', 'Phụ lục 2') }],
        to: [RECIPIENT], urgency: 'normal', secrecy: 'none', signer: 'lanhdao', language: 'Tiếng Việt', direction: 'outgoing',
      });
      await workflow.submit(cv, draft.id);
      await workflow.approve(await world.as('lanhdao'), draft.id);
      await workflow.sign(await world.as('lanhdao'), draft.id);
      const issued = await workflow.issue(await world.as('vanthu'), draft.id);
      const stamped = issued.files.filter((f) => f.role === 'issued-attachment');
      expect(stamped.map((f) => f.name)).toEqual(['phu-luc-1.pdf', 'phu-luc-2.pdf']);
      const originals = issued.files.filter((f) => f.role === 'attachment');
      for (const file of stamped) {
        const bytes = await world.store.blobs.get(file.sha256);
        const original = await world.store.blobs.get(originals.find((o) => o.name === file.name)!.sha256);
        expect(bytes.subarray(0, original.length)).toEqual(original); // appended, never re-saved
        const report = await world.verifier.verifyPdf(bytes);
        expect(report.signatures).toEqual([expect.objectContaining({ valid: true, signerName: 'kèm theo 01/QĐ-UBND' })]);
      }
      // They leave with the document: the signed PDFs, and the .docx as drafted, in the order attached.
      await workflow.dispatch(await world.as('vanthu'), draft.id, { paper: false });
      const message = await world.store.db.selectFrom('outbox').select('payload').executeTakeFirstOrThrow();
      const docxFile = issued.files.find((f) => f.name === 'bieu-mau.docx')!;
      expect(JSON.parse(message.payload).attachments).toEqual([
        { name: 'phu-luc-1.pdf', sha256: stamped[0]!.sha256 },
        { name: 'bieu-mau.docx', sha256: docxFile.sha256 },
        { name: 'phu-luc-2.pdf', sha256: stamped[1]!.sha256 },
      ]);
      // Every stored file has its blob row.
      const orphans = await world.store.db.selectFrom('document_files').leftJoin('blobs', 'blobs.sha256', 'document_files.sha256').select('document_files.name').where('blobs.sha256', 'is', null).execute();
      expect(orphans).toEqual([]);
    } finally {
      await world.store.close();
    }
  });
});
