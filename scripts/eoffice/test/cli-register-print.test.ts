import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDemoPdf } from '@eoffice/docs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { runEoffice } from './run-eoffice.js';

function tool(name: 'pdftotext' | 'pdfinfo' | 'qpdf', args: string[]): string {
  try {
    return execFileSync(name, args, { encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${name} is missing: install the Debian package ${name === 'qpdf' ? 'qpdf' : 'poppler-utils'}`);
    throw error;
  }
}

describe('eoffice register print', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('prints the incoming register registered through the CLI; a specialist is refused with exit 1 and no file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eoffice-cli-print-'));
    dirs.push(dir);
    const dataDir = join(dir, 'data');
    const env = { EOFFICE_NOW: '2026-04-06T09:00:00+07:00' };
    const ok = async (args: string[]) => {
      const run = await runEoffice([...args, '--data-dir', dataDir], { env });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      return run;
    };
    await ok(['db', 'init', '--agency', '000.00.01.Z99', '--name', 'Văn phòng Ủy ban nhân dân tỉnh', '--abbr', 'VP']);
    await ok(['user', 'add', 'admin', '--role', 'admin']);
    await ok(['user', 'add', 'vanthu', '--role', 'clerk', '--full-name', 'Nguyễn Thị Hoa', '--as', 'admin']);
    await ok(['user', 'add', 'chuyenvien', '--role', 'specialist', '--full-name', 'Lê Văn Minh', '--as', 'admin']);
    const scan = join(dir, 'scan.pdf');
    await writeFile(scan, await makeDemoPdf({ issuer: 'Sở Tài chính', numberLine: 'Số: 215/STC-QLNS', typeName: '', subject: 'V/v hướng dẫn quyết toán ngân sách năm 2025', body: 'Kính gửi: Văn phòng Ủy ban nhân dân tỉnh.' }));
    const received = await ok([
      'doc', 'receive', '--file', scan, '--paper', '--from', '000.00.03.Z99', '--from-name', 'Sở Tài chính', '--number', '215',
      '--symbol', 'STC-QLNS', '--date', '2026-04-02', '--type', 'Công văn', '--subject', 'V/v hướng dẫn quyết toán ngân sách năm 2025',
      '--as', 'vanthu', '--json',
    ]);
    const id = (JSON.parse(received.stdout) as { id: string }).id;
    await ok(['doc', 'verify', id, '--as', 'vanthu']);
    await ok(['doc', 'register', id, '--as', 'vanthu']);

    const out = join(dir, 'so-den-2026.pdf');
    const printed = await ok(['register', 'print', '--year', '2026', '--direction', 'in', '--out', out, '--as', 'vanthu', '--json']);
    expect(JSON.parse(printed.stdout)).toMatchObject({ path: out, entries: 1, voided: 0 });
    expect(tool('qpdf', ['--check', out])).toContain('No syntax or stream encoding errors found');
    expect(tool('pdfinfo', [out])).toMatch(/Page size:\s+841\.89 x 595\.28 pts/);
    const text = tool('pdftotext', ['-raw', '-enc', 'UTF-8', out, '-']).replace(/\s+/g, ' ');
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(text).toContain('Từ ngày 06/04/2026 đến ngày 06/04/2026');
    expect(text).toContain('06/04/2026 01 Sở Tài chính 215/STC-QLNS 02/04/2026 Công văn: V/v hướng dẫn quyết toán ngân sách năm 2025');

    const refused = await runEoffice(['register', 'print', '--year', '2026', '--direction', 'in', '--out', join(dir, 'x.pdf'), '--as', 'chuyenvien', '--data-dir', dataDir], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^E_FORBIDDEN: /);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
    const bad = await runEoffice(['register', 'print', '--year', '26', '--direction', 'in', '--out', join(dir, 'y.pdf'), '--as', 'vanthu', '--data-dir', dataDir], { env });
    expect(bad.code).toBe(2);
  }, 120_000);
});
