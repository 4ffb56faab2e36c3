import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { layoutText } from '../../../packages/docs-core/test/pdf-tools.js';
import { runEoffice } from './run-eoffice.js';

const dir = mkdtempSync(join(tmpdir(), 'eoffice-draft-maker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function makeDraft(file: string, ...args: string[]): Promise<string> {
  const out = join(dir, file);
  const run = await runEoffice(['demo', 'draft', out, ...args]);
  expect(run.code, run.stderr).toBe(0);
  return layoutText(out);
}

// The draft maker printed "Số: /QĐ-UBND" whatever agency issued the draft: a Sở Nội vụ draft (the e2e's, the demo
// seed's agency) carried another agency's ký hiệu under the number it was given.
describe('eoffice demo draft', () => {
  it("prints the ký hiệu the number will take: the type's and the issuing agency's abbreviation", async () => {
    const snv = ['--issuer', 'Sở Nội vụ tỉnh Demo', '--authority', '', '--abbr', 'SNV'];
    const head = await makeDraft('snv.pdf', '--subject', 'Về việc thử', '--position', 'Giám đốc', '--name', 'Trần Quốc Hùng', ...snv, '--type', 'Quyết định');
    expect(head).toMatch(/Số:\s+\/QĐ-SNV/);
    // An empty --authority leaves the authority line out: the position stands alone above the name.
    expect(head).not.toContain('TM.');
    expect(head).toMatch(/^\s*Nơi nhận:\s+GIÁM ĐỐC$/mu);
    expect(await makeDraft('kh.pdf', '--subject', 'Kế hoạch thử', '--position', 'Giám đốc', '--name', 'Trần Quốc Hùng', ...snv, '--type', 'Kế hoạch')).toMatch(/Số:\s+\/KH-SNV/);
    const congVan = await makeDraft('cv.pdf', '--subject', 'V/v thử', '--position', 'Chủ tịch', '--name', 'Nguyễn Văn An', '--type', 'Công văn');
    expect(congVan).toMatch(/Số:\s+\/UBND-VP/);
    // Without the options: a decision of the provincial people's committee, signed on its behalf.
    const defaults = await makeDraft('default.pdf', '--subject', 'Về việc thử', '--position', 'Chủ tịch', '--name', 'Nguyễn Văn An');
    expect(defaults).toMatch(/Số:\s+\/QĐ-UBND/);
    expect(defaults).toContain('TM. ỦY BAN NHÂN DÂN');
    // The file is the user's own: readable by its owner only, as every file the CLI writes.
    expect(statSync(join(dir, 'default.pdf')).mode & 0o777).toBe(0o600);
  }, 120_000);

  it('refuses a missing option, an unknown type and an output folder that does not exist, writing nothing', async () => {
    const missing = await runEoffice(['demo', 'draft', join(dir, 'x.pdf'), '--position', 'Giám đốc', '--name', 'A']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^E_USAGE: Thiếu --subject \/ missing --subject/);
    const unknown = await runEoffice(['demo', 'draft', join(dir, 'y.pdf'), '--subject', 's', '--position', 'p', '--name', 'n', '--type', 'Không có']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^E_INVALID_INPUT: Không có loại văn bản "Không có"/);
    const nowhere = await runEoffice(['demo', 'draft', join(dir, 'no-such-folder', 'z.pdf'), '--subject', 's', '--position', 'p', '--name', 'n']);
    expect(nowhere.code).not.toBe(0);
    expect(() => statSync(join(dir, 'x.pdf'))).toThrow();
    expect(() => statSync(join(dir, 'y.pdf'))).toThrow();
  }, 60_000);
});
