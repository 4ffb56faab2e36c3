import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nestedArrays, xrefStreamBomb, zeroWidthXref } from '../../../packages/signing/test/helpers/hostile-pdfs.js';
import { runEoffice } from './run-eoffice.js';

const dir = mkdtempSync(join(tmpdir(), 'eoffice-cli-verify-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Issue 13 item 4: a crafted file is unreadable (exit 2), never "signature invalid" (exit 1) or a crash. */
describe('eoffice verify on crafted files', () => {
  it.each([
    ['xref-bomb.pdf', () => xrefStreamBomb()],
    ['zero-width-xref.pdf', () => zeroWidthXref()],
    ['nested-arrays.pdf', () => nestedArrays()],
  ])('%s: exit 2 with E_PDF_UNREADABLE naming the safety limit', async (name, make) => {
    const file = join(dir, name);
    writeFileSync(file, make());
    const run = await runEoffice(['verify', file, '--json']);
    expect(run.code, run.stderr).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'E_PDF_UNREADABLE', message: expect.stringMatching(/safety limit/) } });
  });
});
