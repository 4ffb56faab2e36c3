import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEoffice } from './run-eoffice.js';

async function pdf(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `%PDF-1.4\n% ${name}\n%%EOF\n`);
  return path;
}

interface Shown {
  id: string;
  recipients: Array<{ organId: string; name: string | null }>;
  metadata: {
    signerName: string | null;
    signerPosition: string | null;
    pageAmount: number | null;
    issuedAmount: number | null;
    description: string | null;
    toPlaces: string[];
    fileCode: { organId: string | null; catalog: number | null; notation: string | null; ordinal: number | null };
  };
}

/**
 * Issue 11 item 7 through the command line: the Phụ lục VI metadata (signer, pages, số lượng bản, nơi nhận, mã hồ
 * sơ) that doc receive and doc draft take is stored and shown; a recipient the directory does not list is refused.
 */
describe('eoffice doc receive / doc draft: Phụ lục VI metadata', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('stores and shows the metadata of both directions, names recipients from the directory, refuses an unknown one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eoffice-cli-metadata-'));
    dirs.push(dir);
    const data = join(dir, 'data');
    const run = (args: string[]) => runEoffice([...args, '--data-dir', data, '--json'], { env: { EOFFICE_NOW: '2026-04-06T09:00:00+07:00' } });
    const ok = async (args: string[]) => {
      const result = await run(args);
      if (result.code !== 0) throw new Error(`${args.join(' ')} → ${result.code}: ${result.stderr}`);
      return JSON.parse(result.stdout) as Shown;
    };
    expect((await run(['demo', 'seed', '--docs', '0'])).code).toBe(0);
    const fileCode = ['--file-organ', '000.00.01.Z99', '--file-catalog', '2', '--file-notation', '05/HS-VP', '--doc-ordinal', '7'];

    const received = await ok([
      'doc', 'receive', '--file', await pdf(dir, 'den.pdf'), '--paper', '--from', '000.00.03.Z99', '--number', '41', '--symbol', 'STC-NS',
      '--date', '2026-04-02', '--type', 'Công văn', '--subject', 'V/v báo cáo quyết toán', '--signer', 'Lê Văn Ký', '--signer-position', 'Giám đốc',
      '--pages', '3', '--copies', '5', '--to-place', 'UBND tỉnh', '--to-place', 'Lưu: VT, NS', '--description', 'Kèm phụ lục', ...fileCode, '--as', 'vanthu',
    ]);
    const expectedCode = { organId: '000.00.01.Z99', catalog: 2, notation: '05/HS-VP', ordinal: 7 };
    expect(received.metadata).toMatchObject({
      signerName: 'Lê Văn Ký', signerPosition: 'Giám đốc', pageAmount: 3, issuedAmount: 5, description: 'Kèm phụ lục',
      toPlaces: ['UBND tỉnh', 'Lưu: VT, NS'], fileCode: expectedCode,
    });
    expect((await ok(['doc', 'show', received.id, '--as', 'vanthu'])).metadata).toEqual(received.metadata);

    const draftArgs = ['doc', 'draft', '--type', 'TB', '--subject', 'Thông báo lịch họp', '--file', await pdf(dir, 'du-thao.pdf'), '--signer', 'lanhdao', '--as', 'chuyenvien'];
    const listed = async () => ((JSON.parse((await run(['doc', 'list', '--direction', 'outgoing', '--as', 'vanthu'])).stdout) as unknown[]).length);
    const before = await listed();
    const unknown = await run([...draftArgs, '--to', '000.00.03.Z99', '--to', '000.00.98.Z98']);
    expect(unknown.code, unknown.stderr).toBe(2);
    expect(unknown.stderr).toMatch(/^E_UNKNOWN_RECIPIENT: .*000\.00\.98\.Z98/);
    expect(await listed()).toBe(before);

    const draft = await ok([...draftArgs, '--to', '000.00.03.Z99', '--pages', '2', '--copies', '4', '--to-place', 'Như trên', '--to-place', 'Lưu: VT', ...fileCode]);
    expect(draft.recipients).toEqual([{ organId: '000.00.03.Z99', name: expect.stringMatching(/\S/) }]);
    expect(draft.recipients[0]!.name).not.toBe('000.00.03.Z99');
    expect(draft.metadata).toMatchObject({ pageAmount: 2, issuedAmount: 4, toPlaces: ['Như trên', 'Lưu: VT'], fileCode: expectedCode });
  }, 180_000);
});
