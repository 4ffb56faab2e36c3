import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallContext } from '@eoffice/contract';
import { createUser, systemClock } from '@eoffice/docs-core';
import { composeServices } from '@eoffice/host';
import { REPO_ROOT, runEoffice } from './run-eoffice.js';

// Real signed PDFs from the shared fixtures, used by path: pdfsig must still call them valid inside the package.
const SIGNED = resolve(REPO_ROOT, '../shared/fixtures/pdf-signed/pyhanko');
const AGENCY = '000.00.02.Z99';

/**
 * The users and the registered incoming documents are made in-process (each CLI child costs seconds on the shared
 * machine); everything the issue asks of the command line is then driven through the real CLI.
 */
async function seedAgency(dataDir: string): Promise<string[]> {
  process.env.EOFFICE_NOW = '2026-03-10T09:00:00+07:00';
  const services = await composeServices({ dataDir });
  try {
    const setup: CallContext = { sessionToken: null, actingUsername: null, face: 'test' };
    const clerk: CallContext = { sessionToken: null, actingUsername: 'vanthu', face: 'test' };
    const call = async (path: string, input: unknown, context: CallContext) => {
      const reply = await services.dispatch(path, input, context);
      if (!reply.ok) throw new Error(`${path}: ${reply.error.code} ${reply.error.message}`);
      return reply.result as { id: string };
    };
    await call('registers.initAgency', { organId: AGENCY, name: 'Sở Nội vụ tỉnh Demo', abbreviation: 'SNV' }, setup);
    for (const [username, role] of [['vanthu', 'clerk'], ['lanhdao', 'leader'], ['luutru', 'archivist'], ['chuyenvien', 'specialist']] as const) {
      await createUser(services.store.db, systemClock(), 'setup', { username, roles: [role], password: `mat-khau-${username}` });
    }
    const ids: string[] = [];
    for (const [file, number, issuedDate] of [['pades-with-old-style-signing-cert-attr.pdf', '12', '2026-03-01'], ['minimal-two-fields-signed-twice.pdf', '7', '2026-02-10']] as const) {
      const doc = await call('documents.receive', {
        file: { path: join(SIGNED, file) }, from: '000.00.16.Z99', fromName: 'Sở Y tế tỉnh Demo', number, symbol: 'QĐ-SYT', issuedDate, type: 'QĐ',
        subject: `Quyết định số ${number} về cải cách hành chính`,
      }, clerk);
      // Fixtures signed abroad, not sealed by the sender: the arrival check holds them (Điều 21); the clerk confirms them.
      await call('documents.verify', { id: doc.id }, clerk);
      await call('documents.register', { id: doc.id, confirm: true, reason: 'Bản mẫu ký số nước ngoài, đã xác minh' }, clerk);
      ids.push(doc.id);
    }
    return ids;
  } finally {
    await services.close();
    delete process.env.EOFFICE_NOW;
  }
}

// Each step spawns the real CLI; on a busy shared machine that takes seconds.
describe('eoffice files and handover (issue 14)', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('drives plan → open → add → close → handover package → accept, and the package holds the originals intact', async () => {
    const root = await mkdtemp(join(tmpdir(), 'eoffice-cli-files-'));
    dirs.push(root);
    const dataDir = join(root, 'data');
    const [later, earlier] = await seedAgency(dataDir);
    const cli = (now: string, ...args: string[]) => runEoffice([...args, '--data-dir', dataDir], { env: { EOFFICE_NOW: now } });
    const ok = async (now: string, ...args: string[]) => {
      const run = await cli(now, ...args, '--json');
      expect(run.stderr, args.join(' ')).toBe('');
      expect(run.code, args.join(' ')).toBe(0);
      return JSON.parse(run.stdout) as Record<string, unknown>;
    };
    const JAN = '2026-01-05T08:00:00+07:00';

    const planFile = join(root, 'danh-muc-2026.json');
    await writeFile(planFile, JSON.stringify({
      year: 2026,
      numbering: 'per-heading',
      headings: [{ code: 'TH', title: 'Tổng hợp', files: [{ title: 'Hồ sơ cải cách hành chính năm 2026', retention: 10, unit: 'Văn phòng', person: 'Nguyễn Văn A' }] }],
    }));
    await ok(JAN, 'files', 'plan', 'import', planFile, '--as', 'vanthu');
    const approved = await ok(JAN, 'files', 'plan', 'approve', '--year', '2026', '--as', 'lanhdao');
    expect(approved.state).toBe('approved');
    // The export is re-importable: numbers kept, so the notation (and the FileCode) stays.
    const exported = join(root, 'xuat.json');
    await ok(JAN, 'files', 'plan', 'export', '--year', '2026', '--out', exported, '--as', 'vanthu');
    expect(JSON.parse(await readFile(exported, 'utf8'))).toMatchObject({ headings: [{ code: 'TH', files: [{ number: 1, retention: 10 }] }] });
    expect((await stat(exported)).mode & 0o777).toBe(0o600);

    const opened = await ok(JAN, 'files', 'open', '01.TH', '--year', '2026', '--as', 'chuyenvien');
    const fileCode = `${AGENCY}/2026/01.TH`;
    expect(opened.fileCode).toBe(fileCode);

    const MARCH = '2026-03-10T09:00:00+07:00';
    await ok(MARCH, 'files', 'add', fileCode, later!, '--as', 'chuyenvien');
    const second = await ok(MARCH, 'files', 'add', String(opened.id), earlier!, '--as', 'chuyenvien');
    // Added late, the document of 10/02 takes its place by date, before the one of 01/03.
    expect(second.document).toMatchObject({ documentId: earlier, docOrdinal: 1 });
    // Packaging a file that is still open: refused, and no folder written.
    const early = await cli(MARCH, 'handover', 'package', fileCode, '--out', join(root, 'none'), '--as', 'luutru');
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/^E_FILE_NOT_CLOSED: /);
    expect(existsSync(join(root, 'none'))).toBe(false);

    const DEC = '2026-12-20T09:00:00+07:00';
    const closed = (await ok(DEC, 'files', 'close', fileCode, '--as', 'chuyenvien')) as { file: Record<string, unknown> };
    expect(closed.file).toMatchObject({ state: 'closed', startDate: '2026-02-10', endDate: '2026-03-01', docTotal: 2, handover: { dueDate: '2027-03-01' } });
    const addClosed = await cli(DEC, 'files', 'add', fileCode, earlier!, '--as', 'chuyenvien');
    expect(addClosed.code).toBe(1);
    expect(addClosed.stderr).toMatch(/^E_FILE_CLOSED: /);

    // Due for handover 2027-03-01: listed from 30 calendar days before (the day before is in the service's test).
    const due = (await ok('2027-01-30T09:00:00+07:00', 'handover', 'due', '--as', 'luutru')) as { files: Array<{ file: { fileCode: string }; dueDate: string }> };
    expect(due.files.map((d) => [d.file.fileCode, d.dueDate])).toEqual([[fileCode, '2027-03-01']]);

    const FEB = '2027-02-10T09:00:00+07:00';
    const outDir = join(root, 'nop-luu');
    const packaged = (await ok(FEB, 'handover', 'package', fileCode, '--out', outDir, '--as', 'luutru')) as { packages: Array<{ path: string; sha256: string }> };
    expect((await readdir(outDir)).sort()).toEqual(['000.00.02.Z99-2026-01.TH.zip', 'bien-ban-giao-nhan.pdf', 'muc-luc-ho-so-nop-luu.pdf']);
    const zip = packaged.packages[0]!.path;
    expect(createHash('sha256').update(await readFile(zip)).digest('hex')).toBe(packaged.packages[0]!.sha256);
    const unpacked = join(root, 'unpacked');
    execFileSync('unzip', ['-q', zip, '-d', unpacked]);
    const objid = '000.00.02.Z99-2026-01.TH';
    const mets = await readFile(join(unpacked, objid, 'METS.xml'), 'utf8');
    // The manifest: every file with its SHA-256 and size, matching the bytes beside it.
    const listed = [...mets.matchAll(/<mets:file ID="[^"]+" MIMETYPE="[^"]+" SIZE="(\d+)"[^>]* CHECKSUM="([0-9a-f]{64})" CHECKSUMTYPE="SHA-256"[^>]*><mets:FLocat [^>]*xlink:href="([^"]+)"/g)];
    expect(listed).toHaveLength(2);
    for (const [, size, checksum, href] of listed) {
      const path = join(unpacked, objid, href!);
      const bytes = await readFile(path);
      expect(bytes.length).toBe(Number(size));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(checksum);
      const report = execFileSync('pdfsig', [path], { encoding: 'utf8' });
      expect(report).toContain('Signature Validation: Signature is Valid.');
      expect(report).not.toContain('Digest Mismatch');
    }
    // Byte-identical to the fixtures the documents were received from.
    const fixtures = await Promise.all(['pades-with-old-style-signing-cert-attr.pdf', 'minimal-two-fields-signed-twice.pdf'].map(async (f) => createHash('sha256').update(await readFile(join(SIGNED, f))).digest('hex')));
    expect(listed.map((m) => m[2]).sort()).toEqual(fixtures.sort());

    const accepted = (await ok(FEB, 'handover', 'accept', fileCode, '--note', 'Đã nhận đủ', '--as', 'luutru')) as { files: Array<{ state: string; handover: { acceptedBy: string } }> };
    expect(accepted.files).toMatchObject([{ state: 'archived', handover: { acceptedBy: 'luutru' } }]);
    const shown = await cli(FEB, 'files', 'show', fileCode, '--as', 'luutru');
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('đã nộp lưu');
    expect(shown.stdout).toMatch(/ {2}1 {2}7\/QĐ-SYT {2}10\/02\/2026 /);
    expect(shown.stdout).toMatch(/ {2}2 {2}12\/QĐ-SYT {2}01\/03\/2026 /);
    // A user who may not see it gets the answer of a missing one; an empty list is an empty answer, exit 0.
    expect(await ok(FEB, 'files', 'list', '--year', '2025', '--as', 'chuyenvien')).toEqual({ files: [] });
    const missing = await cli(FEB, 'files', 'show', `${AGENCY}/2026/09.TH`, '--as', 'luutru');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^E_NOT_FOUND: /);
  }, 300_000);
});
