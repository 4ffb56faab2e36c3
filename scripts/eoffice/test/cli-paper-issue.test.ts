import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEoffice } from './run-eoffice.js';

/** A one-page PDF standing in for a scanner's output (the content is not what is checked here). */
async function scan(dir: string, name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `%PDF-1.4\n% ${text}\n%%EOF\n`);
  return path;
}

describe('eoffice: a paper document from draft to dispatch', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('records the hand signature and the paper seal, numbers it, refuses the axis and dispatches on paper', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eoffice-cli-paper-'));
    dirs.push(dir);
    const data = join(dir, 'data');
    const env = { EOFFICE_NOW: '2026-04-06T09:00:00+07:00' };
    const run = async (args: string[]) => runEoffice([...args, '--data-dir', data, '--json'], { env });
    const ok = async (args: string[]) => {
      const result = await run(args);
      if (result.code !== 0) throw new Error(`${args.join(' ')} → ${result.code}: ${result.stderr}`);
      return JSON.parse(result.stdout) as { id: string; state: string; number: string | null; symbol: string | null; flags: string[]; files: { role: string }[] };
    };

    await ok(['demo', 'seed', '--docs', '0']);
    const draft = await ok([
      'doc', 'draft', '--type', 'TB', '--subject', 'Thông báo lịch tiếp công dân tháng 4', '--file', await scan(dir, 'du-thao.pdf', 'du thao'),
      '--to', '000.00.03.Z99', '--signer', 'lanhdao', '--as', 'chuyenvien',
    ]);
    await ok(['doc', 'submit', draft.id, '--as', 'chuyenvien']);
    await ok(['doc', 'approve', draft.id, '--as', 'lanhdao']);

    // A specialist may not record the signature: exit 1, a typed error, nothing changed (checked by the next steps).
    const refused = await run(['doc', 'sign-paper', draft.id, '--file', await scan(dir, 'ky-tay.pdf', 'ky tay'), '--as', 'chuyenvien']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^E_FORBIDDEN: /);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'E_FORBIDDEN' } });
    // Without --file it is bad input (exit 2).
    expect((await run(['doc', 'sign-paper', draft.id, '--as', 'vanthu'])).code).toBe(2);

    const signed = await ok(['doc', 'sign-paper', draft.id, '--file', join(dir, 'ky-tay.pdf'), '--as', 'vanthu']);
    expect(signed).toMatchObject({ state: 'signed', flags: ['paper'] });
    const bound = await ok(['doc', 'bind-number', draft.id, '--as', 'vanthu']);
    expect(bound).toMatchObject({ state: 'issuing', number: '01' });
    const issued = await ok(['doc', 'issue-paper', draft.id, '--file', await scan(dir, 'dong-dau.pdf', 'so 01 da dong dau'), '--as', 'vanthu']);
    expect(issued).toMatchObject({ state: 'issued', number: '01', flags: ['paper'] });
    expect(issued.symbol).toMatch(/^TB-/);
    expect(issued.files.map((f) => f.role)).toEqual(['main', 'signed', 'issued']);

    const axis = await run(['doc', 'dispatch', draft.id, '--as', 'vanthu']);
    expect(axis.code).toBe(1);
    expect(axis.stderr).toMatch(/^E_PAPER_DOCUMENT: .*bản giấy/);
    expect(await ok(['doc', 'dispatch', draft.id, '--paper', '--as', 'vanthu'])).toMatchObject({ state: 'dispatched' });
  }, 300_000);
});
