import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { makeDemoPdf, type DemoPdfText } from '../src/demo/index.js';
import { findMissingElements } from '../src/format-check/index.js';
import { extractPdfText } from '../src/search/pdf-text.js';
import { useTempDir } from './helpers.js';
import { AGENCY_NAME, RECIPIENT, makeWorld, type World } from './workflow-helpers.js';

const SUBJECT = 'Về việc thành lập Tổ công tác chuyển đổi số của tỉnh';

/** A draft laid out as Phụ lục I asks: every element present. */
const CONFORMANT: DemoPdfText = {
  issuer: AGENCY_NAME,
  numberLine: 'Số:          /QĐ-UBND',
  typeName: 'Quyết định',
  subject: SUBJECT,
  body: 'Điều 1. Thành lập Tổ công tác. Điều 2. Quyết định có hiệu lực kể từ ngày ký.',
  dateLine: 'Tỉnh Thử Nghiệm, ngày      tháng      năm 2026',
  signatureBlock: { lines: ['TM. Ủy ban nhân dân', 'Chủ tịch'], name: 'Trần Văn Lãnh Đạo' },
};

/** One defective draft per element, and the one finding each must give (issue 11 item 8). */
const DEFECTIVE: ReadonlyArray<readonly [string, DemoPdfText]> = [
  ['quoc-hieu', { ...CONFORMANT, omit: ['quoc-hieu'] }],
  ['tieu-ngu', { ...CONFORMANT, omit: ['tieu-ngu'] }],
  ['issuing-agency', { ...CONFORMANT, issuer: 'Sở Tài chính tỉnh Khác' }],
  ['number-line', { ...CONFORMANT, numberLine: '' }],
  ['place-date', { ...CONFORMANT, dateLine: '' }],
  ['type-name', { ...CONFORMANT, typeName: '' }],
  ['subject', { ...CONFORMANT, subject: 'Về việc phê duyệt kế hoạch khác hẳn' }],
  ['signing-block', { ...CONFORMANT, signatureBlock: { lines: ['Chủ tịch'], name: 'Người Khác Ký' } }],
  ['recipients', { ...CONFORMANT, recipients: [] }],
  ['recipients', { ...CONFORMANT, recipients: ['- Như trên;', '- Các sở, ngành.'] }], // "Nơi nhận:" but no "Lưu: VT"
];

const expectation = { agencyName: AGENCY_NAME, typeCode: 'QĐ', typeName: 'Quyết định', subject: SUBJECT, signerName: 'Trần Văn Lãnh Đạo' };

async function textOf(text: DemoPdfText): Promise<string> {
  return extractPdfText(await makeDemoPdf(text));
}

describe('outgoing format check (Phụ lục I) on the draft text layer', () => {
  const tempDir = useTempDir();

  it('a conformant draft gives no finding; a công văn needs its "V/v" instead of a type heading', async () => {
    expect(findMissingElements(await textOf(CONFORMANT), expectation)).toEqual([]);
    const congVan = await textOf({ ...CONFORMANT, typeName: 'Công văn', subject: 'V/v thử liên thông văn bản', numberLine: 'Số:          /UBND-VP' });
    expect(findMissingElements(congVan, { ...expectation, typeCode: 'cong-van', typeName: 'Công văn', subject: 'V/v thử liên thông văn bản' })).toEqual([]);
  });

  it.each(DEFECTIVE)('a draft without %s gives exactly that finding', async (element, text) => {
    expect(findMissingElements(await textOf(text), expectation).map((f) => f.element)).toEqual([element]);
  });

  it('the authority form a draft names must be the one printed', async () => {
    const text = await textOf(CONFORMANT);
    expect(findMissingElements(text, { ...expectation, authority: 'TM' })).toEqual([]);
    expect(findMissingElements(text, { ...expectation, authority: 'KT' }).map((f) => f.element)).toEqual(['signing-block']);
  });

  async function submitted(world: World, name: string, text: DemoPdfText | Uint8Array, authority?: 'TM' | 'KT'): Promise<string> {
    const path = join(world.dir, name);
    await writeFile(path, text instanceof Uint8Array ? text : await makeDemoPdf(text));
    const draft = await world.workflow.draft(await world.as('chuyenvien'), {
      type: 'QĐ', subject: SUBJECT, file: { path }, attachments: [], to: [RECIPIENT], urgency: 'normal', secrecy: 'none',
      signer: 'lanhdao', language: 'Tiếng Việt', direction: 'outgoing', ...(authority ? { authority } : {}),
    });
    await world.workflow.submit(await world.as('chuyenvien'), draft.id);
    return draft.id;
  }

  it('approval refuses a defective draft naming what is missing and changes nothing; with a reason it approves, audited', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const leader = await world.as('lanhdao');
      const id = await submitted(world, 'thieu-noi-nhan.pdf', { ...CONFORMANT, recipients: [], dateLine: '' });
      const error = await world.workflow.approve(leader, id).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'E_FORMAT_NONCONFORMANT', details: { findings: ['place-date', 'recipients'] } });
      expect((error as Error).message).toContain('Địa danh và thời gian ban hành');
      expect((error as Error).message).toContain('Lưu: VT');
      expect((await world.workflow.show(id)).state).toBe('submitted');

      const approved = await world.workflow.approve(leader, id, undefined, 'Bản giấy đã có nơi nhận; duyệt để kịp họp');
      expect(approved.state).toBe('approved');
      const audit = await world.store.db.selectFrom('audit_log').selectAll().where('object_id', '=', id).where('action', 'like', '%approve%').executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after ?? '{}')).toMatchObject({
        formatCheck: { findings: ['place-date', 'recipients'] },
        approvedAnywayReason: 'Bản giấy đã có nơi nhận; duyệt để kịp họp',
      });
    } finally {
      await world.store.close();
    }
  });

  it('a conformant draft approves without a reason; a scan without text says the check could not run', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const leader = await world.as('lanhdao');
      const good = await submitted(world, 'dung.pdf', CONFORMANT);
      expect((await world.workflow.approve(leader, good)).state).toBe('approved');

      const scan = await PDFDocument.create();
      scan.addPage([595.28, 841.89]).drawRectangle({ x: 50, y: 50, width: 400, height: 600, color: rgb(0.9, 0.9, 0.9) });
      const scanned = await submitted(world, 'ban-quet.pdf', await scan.save());
      const services = (await import('../src/services/docs-core-services.js')).createDocsCoreServices({ store: world.store, clock: world.clock });
      const check = await services.documents.checkFormat({ id: scanned }, { sessionToken: null, actingUsername: 'lanhdao', face: 'test' });
      expect(check).toMatchObject({ ran: false, findings: [] });
      expect(check.reason).toMatch(/no text layer/);
      expect((await world.workflow.approve(leader, scanned)).state).toBe('approved');
      const audit = await world.store.db.selectFrom('audit_log').selectAll().where('object_id', '=', scanned).where('action', 'like', '%approve%').executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after ?? '{}')).toMatchObject({ formatCheck: { ran: false } });
    } finally {
      await world.store.close();
    }
  });

  it('a draft names its authority form (item 5): kept on the document, and the signing block must print that one', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const leader = await world.as('lanhdao');
      const id = await submitted(world, 'kt-nhung-in-tm.pdf', CONFORMANT, 'KT');
      expect((await world.workflow.show(id)).signingAuthority).toBe('KT');
      await expect(world.workflow.approve(leader, id)).rejects.toMatchObject({ code: 'E_FORMAT_NONCONFORMANT', details: { findings: ['signing-block'] } });
      const right = join(world.dir, 'kt.pdf');
      await writeFile(right, await makeDemoPdf({ ...CONFORMANT, signatureBlock: { lines: ['KT. Chủ tịch', 'Phó Chủ tịch'], name: 'Trần Văn Lãnh Đạo' } }));
      await world.workflow.returnDraft(leader, id, 'Ghi đúng KT.');
      await world.workflow.revise(await world.as('chuyenvien'), id, { path: right });
      await world.workflow.submit(await world.as('chuyenvien'), id);
      expect((await world.workflow.approve(leader, id)).state).toBe('approved');
    } finally {
      await world.store.close();
    }
  });
});
