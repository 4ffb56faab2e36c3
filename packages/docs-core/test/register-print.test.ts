import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { INCOMING_COLUMNS, OUTGOING_COLUMNS, loadRegisterContent, loadTinos, printRegister, VOID_MARK } from '../src/registers-print/index.js';
import { renderRegisterPdf } from '../src/registers-print/register-pdf.js';
import { useTempDir } from './helpers.js';
import { layoutText, rawText, runTool } from './pdf-tools.js';
import { createDocsCoreServices } from '../src/services/docs-core-services.js';
import { createUser, login } from '../src/users/user-accounts.js';
import { RECIPIENT, SENDER, makeWorld, writePdf, type World } from './workflow-helpers.js';

const LONG_SUBJECT =
  'về việc triển khai thực hiện Kế hoạch chuyển đổi số trong công tác văn thư, lưu trữ của các cơ quan, đơn vị ' +
  'trên địa bàn tỉnh giai đoạn 2026–2030, bảo đảm kết nối liên thông văn bản điện tử với Trục liên thông quốc gia';

async function issueOutgoing(world: World, subject: string, type = 'QĐ', secrecy: 'none' | 'secret' = 'none', authority?: 'KT'): Promise<string> {
  const { workflow } = world;
  const draft = await workflow.draft(await world.as('chuyenvien'), {
    type, subject, file: { path: await writePdf(world.dir, `di-${Math.random()}.pdf`) }, attachments: [], to: [RECIPIENT],
    urgency: 'normal', secrecy, signer: 'lanhdao', language: 'Tiếng Việt', direction: 'outgoing', issuedAmount: 5, ...(authority ? { authority } : {}),
  });
  await workflow.submit(await world.as('chuyenvien'), draft.id);
  await workflow.approve(await world.as('lanhdao'), draft.id);
  await workflow.sign(await world.as('lanhdao'), draft.id);
  return draft.id;
}

async function receiveIncoming(world: World, index: number, subject: string): Promise<string> {
  const { workflow } = world;
  const clerk = await world.as('vanthu');
  const doc = await workflow.receive(clerk, {
    file: { path: await writePdf(world.dir, `den-${index}.pdf`, `văn bản đến ${index}`) }, attachments: [], source: 'paper',
    from: SENDER, fromName: 'Sở Tài chính tỉnh Thử Nghiệm', number: String(100 + index), symbol: 'STC-NS', issuedDate: '2026-02-27',
    type: 'Công văn', subject, urgency: index % 5 === 0 ? 'urgent' : 'normal', secrecy: 'none', language: 'Tiếng Việt',
  });
  await workflow.verify(clerk, doc.id);
  await workflow.register(clerk, doc.id);
  return doc.id;
}

describe('register printout (Phụ lục IV)', () => {
  const tempDir = useTempDir();

  it('refuses an output path that is a folder or has no folder, and creates none', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const clerk = await world.as('vanthu');
      for (const outPath of [world.dir, join(world.dir, 'missing', 'so.pdf')]) {
        await expect(printRegister(world.store, world.clock, clerk, { year: 2026, direction: 'outgoing', outPath })).rejects.toMatchObject({ code: 'E_OUTPUT_INVALID' });
      }
      expect(existsSync(join(world.dir, 'missing'))).toBe(false);
    } finally {
      await world.store.close();
    }
  });

  it('prints the outgoing register: cover, the 10 columns verbatim, numbers, wrapped subjects, a void number, A4 landscape, qpdf-clean', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const clerk = await world.as('vanthu');
      const first = await issueOutgoing(world, LONG_SUBJECT);
      await world.workflow.issue(clerk, first);
      await world.workflow.dispatch(clerk, first, { paper: true });
      // Number 02 is bound, then the issue is abandoned: the line stays, marked void, and 02 is never given again.
      const abandoned = await issueOutgoing(world, 'về việc điều chỉnh lịch tiếp công dân');
      await world.workflow.bindNumber(clerk, abandoned);
      await world.workflow.abandonIssue(clerk, abandoned, 'Sai trích yếu');
      await world.workflow.issue(clerk, abandoned);
      // A subject typed in decomposed form (NFD) is printed composed.
      const third = await issueOutgoing(world, 'Báo cáo kết quả thực hiện nhiệm vụ quý I'.normalize('NFD'), 'BC', 'none', 'KT');
      world.clock.set('2026-03-05T10:00:00+07:00');
      await world.workflow.issue(clerk, third);

      const out = join(world.dir, 'so-di.pdf');
      const result = await printRegister(world.store, world.clock, clerk, { year: 2026, direction: 'outgoing', outPath: out });
      expect(result).toMatchObject({ entries: 4, voided: 1 });
      // The audit head it was printed at (issue 11 item 10): on the cover in full, in every page's footer in short.
      const head = await world.store.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
      expect(result.auditHead).toEqual({ id: head.last_id, hash: head.last_hash });

      expect(runTool('qpdf', ['--check', out])).toContain('No syntax or stream encoding errors found');
      const info = runTool('pdfinfo', [out]);
      expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts/);
      const layout = layoutText(out);
      const raw = rawText(out);
      // Cover page (Phụ lục IV): title, year, dates dd/MM/yyyy, numbers.
      expect(layout).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
      expect(layout).toContain('Năm: 2026');
      expect(layout).toContain('Từ ngày 02/03/2026 đến ngày 05/03/2026');
      expect(layout).toContain('Từ số 01 đến số 04');
      expect(layout).toContain('ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM');
      for (const column of OUTGOING_COLUMNS) expect(raw).toContain(column.header);
      expect(raw).toContain('(1) (2) (3) (4) (5) (6) (7) (8) (9) (10)');
      for (const code of ['01/QĐ-UBND', '02/QĐ-UBND', '03/QĐ-UBND', '04/BC-UBND']) expect(layout).toContain(code);
      expect(raw).toContain(`Quyết định ${LONG_SUBJECT}`);
      expect(raw).toContain('Báo cáo kết quả thực hiện nhiệm vụ quý I'); // the type already leads the subject: not printed twice
      expect(raw).not.toContain('Báo cáo: Báo cáo');
      expect(raw).toContain(`${VOID_MARK}: Sai trích yếu`);
      expect(raw).toContain('Trần Văn Lãnh Đạo');
      expect(raw).toContain('KT. Trần Văn Lãnh Đạo'); // the third was signed under KT. (issue 11 item 5)
      expect(layout).toContain('05/03/2026');
      expect(raw).not.toContain('\u0300'); // no loose combining grave: everything drawn was NFC
      expect(raw.replace(/\s+/g, ' ')).toContain(`audit head at printing: mục ${head.last_id}, ${head.last_hash}`);
      expect(raw).toContain(`Nhật ký: mục ${head.last_id} · ${head.last_hash.slice(0, 16)}`);
    } finally {
      await world.store.close();
    }
  });

  it('prints a long incoming register over several pages with the header repeated and pages numbered', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const clerk = await world.as('vanthu');
      const count = 45;
      const ids: string[] = [];
      for (let i = 1; i <= count; i += 1) {
        ids.push(await receiveIncoming(world, i, i % 4 === 0 ? LONG_SUBJECT : `V/v báo cáo tình hình thu chi ngân sách tháng ${i}`));
      }
      await world.workflow.present(clerk, ids[0]!);
      await world.workflow.assign(await world.as('lanhdao'), ids[0]!, { lead: 'chuyenvien', support: [], inform: [], dueDate: '2026-03-20' });
      // A recalled document is removed (status 15) but its register line stays, marked.
      await world.workflow.requestRecall(clerk, ids[1]!, 'Gửi nhầm nơi nhận');
      await world.workflow.acceptRecall(clerk, ids[1]!);

      const out = join(world.dir, 'so-den.pdf');
      await printRegister(world.store, world.clock, await world.as('luutru'), { year: 2026, direction: 'incoming', outPath: out });
      expect(runTool('qpdf', ['--check', out])).toContain('No syntax or stream encoding errors found');
      const pages = Number(/Pages:\s+(\d+)/.exec(runTool('pdfinfo', [out]))![1]);
      expect(pages).toBeGreaterThanOrEqual(3);
      const layout = layoutText(out);
      const raw = rawText(out);
      expect(layout).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
      expect(layout).toContain(`Từ số 01 đến số ${count}`);
      for (const column of INCOMING_COLUMNS) expect(raw).toContain(column.header);
      // Every table page repeats the header row and carries "Trang i/n"; the cover has neither.
      const tablePages = pages - 1;
      expect(raw.split('Đơn vị hoặc người nhận').length - 1).toBe(tablePages);
      for (let p = 1; p <= tablePages; p += 1) expect(raw).toContain(`Trang ${p}/${tablePages}`);
      for (let n = 1; n <= count; n += 1) if (n !== 2) expect(raw).toContain(`${n < 10 ? `0${n}` : n} Sở Tài chính tỉnh Thử Nghiệm`);
      expect(raw).toContain(`Công văn ${LONG_SUBJECT}`);
      expect(raw).toContain('Phạm Chuyên Viên, VP');
      expect(raw).toContain('Đã thu hồi / recalled: Gửi nhầm nơi nhận');
      expect(raw).toContain('102/STC-NS'); // the recalled line keeps the number and symbol recorded in the register
      expect(raw).toContain('Khẩn');
    } finally {
      await world.store.close();
    }
  });

  it('refuses a specialist with a typed error and writes no file', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const out = join(world.dir, 'khong-duoc.pdf');
      await expect(
        printRegister(world.store, world.clock, await world.as('chuyenvien'), { year: 2026, direction: 'outgoing', outPath: out }),
      ).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      expect(existsSync(out)).toBe(false);
    } finally {
      await world.store.close();
    }
  });

  it('continues a row taller than a page on the next page instead of cutting it off', async () => {
    const dir = await tempDir();
    const communes = Array.from({ length: 160 }, (_, i) => `Ủy ban nhân dân xã Số ${i + 1}`);
    const pdf = await renderRegisterPdf(
      {
        cover: { parentAgencyName: null, agencyName: 'Sở Nội vụ', year: 2026, direction: 'outgoing', kind: 'normal', openedOn: '2026-01-05', closedOn: '2026-01-05', fromNumber: 1, toNumber: 2 },
        lines: [
          { number: 1, status: 'active', cells: ['01/CĐ-SNV', '05/01/2026', 'Công điện về việc phòng, chống bão số 1', 'Trần Quốc Hùng', communes.join('; '), '', '', '', '', ''] /* cells after (5) left empty so the list reads on across pages */ },
          { number: 2, status: 'active', cells: ['02/TB-SNV', '05/01/2026', 'Thông báo lịch làm việc', 'Trần Quốc Hùng', 'Sở Tài chính', 'VP', '3', '', '', ''] },
        ],
      },
      { fonts: await loadTinos(), printedAt: new Date('2026-01-05T03:00:00Z') },
    );
    const out = join(dir, 'dai.pdf');
    await writeFile(out, pdf);
    expect(runTool('qpdf', ['--check', out])).toContain('No syntax or stream encoding errors found');
    const pages = Number(/Pages:\s+(\d+)/.exec(runTool('pdfinfo', [out]))![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const raw = rawText(out);
    // Read across the page breaks: drop each page's footer and the next page's running title and header rows.
    const joined = raw.replace(/ Trang \d+\/\d+ .*?\(10\)/g, '');
    expect(joined).toContain(communes.join('; '));
    expect(raw).toContain('Ủy ban nhân dân xã Số 160');
    expect(raw).toContain('02/TB-SNV');
    expect(raw.split('Nơi nhận văn bản').length - 1).toBe(pages - 1);
  });

  it('prints through the registers service: the UI gets a new file in exports/, only the CLI names a path, secret registers need a secret reader', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const services = createDocsCoreServices({ store: world.store, clock: world.clock, signer: world.signer, verifier: world.verifier });
      await receiveIncoming(world, 1, 'về việc báo cáo tình hình thu ngân sách');
      await createUser(world.store.db, world.clock, 'setup', { username: 'vanthu-web', fullName: 'Văn thư (web)', roles: ['clerk'], unit: 'VP', password: 'mật khẩu dài' });
      const session = await login(world.store.db, world.clock, 'vanthu-web', 'mật khẩu dài');
      const ui = { sessionToken: session.token, actingUsername: null, face: 'http' } as const;
      const first = await services.registers.print({ year: 2026, direction: 'incoming', kind: 'normal' }, ui);
      const second = await services.registers.print({ year: 2026, direction: 'incoming', kind: 'normal' }, ui);
      // A page learns the name to download it by, never the data folder; the file sits in the user's own folder.
      expect(first.path).toBe('so-van-ban-den-2026.pdf');
      expect(second.path).toBe('so-van-ban-den-2026-2.pdf');
      const firstFile = join(world.store.dataDir, 'exports', 'vanthu-web', first.path);
      expect(first.entries).toBe(1);
      expect(layoutText(firstFile)).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
      if (process.platform !== 'win32') {
        // A register lists subjects: the owner's only (ARCHITECTURE.md, invariant 10).
        expect((statSync(join(world.store.dataDir, 'exports', 'vanthu-web')).mode & 0o777).toString(8)).toBe('700');
        expect((statSync(firstFile).mode & 0o777).toString(8)).toBe('600');
      }

      const elsewhere = join(world.dir, 'chosen.pdf');
      await expect(services.registers.print({ year: 2026, direction: 'incoming', kind: 'normal', outPath: elsewhere }, ui)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      expect(existsSync(elsewhere)).toBe(false);
      const cli = { sessionToken: null, actingUsername: 'vanthu', face: 'cli' } as const;
      expect((await services.registers.print({ year: 2026, direction: 'incoming', kind: 'normal', outPath: elsewhere }, cli)).path).toBe(elsewhere);

      // Admins run the system, not the secrets: the secret register is refused to them, printed for the clerk.
      const admin = { sessionToken: null, actingUsername: 'admin', face: 'cli' } as const;
      await expect(services.registers.print({ year: 2026, direction: 'outgoing', kind: 'secret', outPath: join(world.dir, 'mat.pdf') }, admin)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      expect(existsSync(join(world.dir, 'mat.pdf'))).toBe(false);
      await services.registers.print({ year: 2026, direction: 'outgoing', kind: 'secret', outPath: join(world.dir, 'mat.pdf') }, cli);
      expect(existsSync(join(world.dir, 'mat.pdf'))).toBe(true);

      // A copy of a secret document goes into the secret register only (Điều 16.3), printed for secret readers; the
      // copy register, under its own title, holds the ordinary copies and never the secret one, whoever prints it.
      const secretSubject = 'về phương án bảo vệ mục tiêu trọng yếu';
      const secretId = await issueOutgoing(world, secretSubject, 'PA', 'secret');
      await world.workflow.issue(await world.as('vanthu'), secretId);
      const secretCopy = await world.workflow.makeCopy(await world.as('vanthu'), secretId, 'SY');
      const ordinaryId = await issueOutgoing(world, 'về việc tổ chức hội nghị tổng kết', 'KH');
      await world.workflow.issue(await world.as('vanthu'), ordinaryId);
      const ordinaryCopy = await world.workflow.makeCopy(await world.as('vanthu'), ordinaryId, 'TrS');
      expect([secretCopy.number, ordinaryCopy.number]).toEqual(['01', '01']);
      const forClerk = await services.registers.print({ year: 2026, direction: 'outgoing', kind: 'copy', outPath: join(world.dir, 'sao.pdf') }, cli);
      expect(forClerk.entries).toBe(1);
      expect(layoutText(forClerk.path)).toContain('SỔ ĐĂNG KÝ BẢN SAO');
      expect(layoutText(forClerk.path)).not.toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
      expect(rawText(forClerk.path)).toContain('01/TrS-UBND');
      expect(rawText(forClerk.path)).not.toContain('mục tiêu trọng yếu');
      const secretRegister = await services.registers.print({ year: 2026, direction: 'outgoing', kind: 'secret', outPath: join(world.dir, 'mat-2.pdf') }, cli);
      expect(rawText(secretRegister.path)).toContain('01/SY-UBND');
      expect(rawText(secretRegister.path)).toContain('mục tiêu trọng yếu');
    } finally {
      await world.store.close();
    }
  });

  it('dates the cover by the documents\' own dates, not by when their lines were written (issue 11 item 7)', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const clerk = await world.as('vanthu');
      // Arrived on 02/03, registered late on 04/03; the second arrived and was registered on 04/03.
      const late = await world.workflow.receive(clerk, {
        file: { path: await writePdf(world.dir, 'den-muon.pdf') }, attachments: [], source: 'paper', from: SENDER, fromName: 'Sở Tài chính',
        number: '7', symbol: 'STC-NS', issuedDate: '2026-02-27', type: 'Công văn', subject: 'V/v đến trước, vào sổ sau', urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt',
      });
      world.clock.set('2026-03-04T09:00:00+07:00');
      await world.workflow.verify(clerk, late.id);
      await world.workflow.register(clerk, late.id);
      await receiveIncoming(world, 2, 'V/v đến và vào sổ cùng ngày');
      const content = await loadRegisterContent(world.store.db, 2026, 'incoming');
      expect(content.cover).toMatchObject({ openedOn: '2026-03-02', closedOn: '2026-03-04', fromNumber: 1, toNumber: 2 });
      // The lines say the same: the first line's Ngày đến is the day it arrived.
      expect(content.lines[0]!.cells[0]).toBe('02/03/2026');
    } finally {
      await world.store.close();
    }
  });
});
