import { describe, expect, it } from 'vitest';
import { makeDemoPdf } from '@eoffice/docs-core';
import { firstAndLastPageText } from '../../src/decree30/page-text.js';

describe('firstAndLastPageText on a file pdf.js cannot parse', () => {
  it('gives undefined for a non-PDF, an empty file and a truncated PDF (InvalidPDFException)', async () => {
    const good = await makeDemoPdf({ issuer: 'Ủy ban nhân dân tỉnh Demo', numberLine: 'Số:      /QĐ-UBND', typeName: 'Quyết định', subject: 'Về việc thử', body: 'Nội dung.' });
    expect((await firstAndLastPageText(good))!.first.items.some((i) => i.text === 'Số:')).toBe(true);
    expect(await firstAndLastPageText(new TextEncoder().encode('không phải PDF / not a PDF'))).toBeUndefined();
    expect(await firstAndLastPageText(new Uint8Array())).toBeUndefined();
    expect(await firstAndLastPageText(good.subarray(0, 400))).toBeUndefined();
  });
});
