import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { layoutText } from '../../../packages/docs-core/test/pdf-tools.js';
import { REPO_ROOT } from './run-eoffice.js';

const dir = mkdtempSync(join(tmpdir(), 'eoffice-draft-maker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function makeDraft(file: string, ...args: string[]): string {
  const out = join(dir, file);
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo/make-decree30-draft.ts', out, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return layoutText(out);
}

// The draft maker printed "Số: /QĐ-UBND" whatever agency issued the draft: a Sở Nội vụ draft (the e2e's, the demo
// seed's agency) carried another agency's ký hiệu under the number it was given.
describe('scripts/demo/make-decree30-draft.ts', () => {
  it("prints the ký hiệu the number will take: the type's and the issuing agency's abbreviation", () => {
    expect(makeDraft('snv.pdf', 'Về việc thử', 'Giám đốc', 'Trần Quốc Hùng', 'Sở Nội vụ tỉnh Demo', '', 'Quyết định', 'SNV')).toMatch(/Số:\s+\/QĐ-SNV/);
    expect(makeDraft('kh.pdf', 'Kế hoạch thử', 'Giám đốc', 'Trần Quốc Hùng', 'Sở Nội vụ tỉnh Demo', '', 'Kế hoạch', 'SNV')).toMatch(/Số:\s+\/KH-SNV/);
    expect(makeDraft('cv.pdf', 'V/v thử', 'Chủ tịch', 'Nguyễn Văn An', 'Ủy ban nhân dân tỉnh Demo', 'TM. Ủy ban nhân dân', 'Công văn')).toMatch(/Số:\s+\/UBND-VP/);
    expect(makeDraft('default.pdf', 'Về việc thử', 'Chủ tịch', 'Nguyễn Văn An')).toMatch(/Số:\s+\/QĐ-UBND/);
  }, 120_000);
});
