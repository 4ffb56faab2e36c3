import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDemoPdf } from '@eoffice/docs-core';
import { runEoffice } from './run-eoffice.js';

/** Issue 11 item 8 through the CLI: a draft missing Phụ lục I parts is not approved without a reason. */
describe('eoffice doc check-format and doc approve --reason', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('names each missing part, refuses approval (exit 1, nothing changed), approves with --reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eoffice-cli-format-'));
    dirs.push(dir);
    const data = join(dir, 'data');
    const eo = async (...args: string[]) => runEoffice([...args, '--data-dir', data]);
    for (const args of [
      ['db', 'init', '--agency', '000.00.01.Z99', '--name', 'Ủy ban nhân dân tỉnh Demo'],
      ['user', 'add', 'admin', '--role', 'admin'],
      ['user', 'add', 'lanhdao', '--role', 'leader', '--full-name', 'Nguyễn Văn An', '--as', 'admin'],
      ['user', 'add', 'chuyenvien', '--role', 'specialist', '--as', 'admin'],
    ]) {
      const run = await eo(...args);
      if (run.code !== 0) throw new Error(`${args.join(' ')}: ${run.stderr}`);
    }
    const subject = 'Về việc thành lập Tổ công tác';
    const file = join(dir, 'du-thao.pdf');
    // No "Nơi nhận:" block and no "Số:" line.
    await writeFile(file, await makeDemoPdf({
      issuer: 'Ủy ban nhân dân tỉnh Demo', numberLine: '', typeName: 'Quyết định', subject, body: 'Điều 1. Nội dung.',
      dateLine: 'Tỉnh Demo, ngày      tháng      năm 2026', signatureBlock: { lines: ['TM. Ủy ban nhân dân', 'Chủ tịch'], name: 'Nguyễn Văn An' }, recipients: [],
    }));
    const drafted = await eo('doc', 'draft', '--type', 'QĐ', '--subject', subject, '--file', file, '--signer', 'lanhdao', '--as', 'chuyenvien', '--json');
    expect(drafted.code, drafted.stderr).toBe(0);
    const id = JSON.parse(drafted.stdout).id as string;
    expect((await eo('doc', 'submit', id, '--as', 'chuyenvien')).code).toBe(0);

    const check = await eo('doc', 'check-format', id, '--as', 'lanhdao');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('Dòng "Số:"');
    expect(check.stdout).toContain('[recipients]');

    const refused = await eo('doc', 'approve', id, '--as', 'lanhdao');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^E_FORMAT_NONCONFORMANT: .*Dòng "Số:".*Lưu: VT/);
    expect(JSON.parse((await eo('doc', 'show', id, '--as', 'lanhdao', '--json')).stdout).state).toBe('submitted');

    const approved = await eo('doc', 'approve', id, '--reason', 'Số và nơi nhận bổ sung khi ban hành', '--as', 'lanhdao', '--json');
    expect(approved.code, approved.stderr).toBe(0);
    expect(JSON.parse(approved.stdout).state).toBe('approved');
  }, 600_000);
});
