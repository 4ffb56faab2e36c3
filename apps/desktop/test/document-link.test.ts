import { describe, expect, it } from 'vitest';
import { documentLinkText, replacesText } from '../src/renderer/format/document-link.js';

/** Issue 11 item 6 on screen: the replacement chain reads as the register writes a document (số/ký hiệu, dd/MM/yyyy). */
describe('the replacement chain in the detail pane', () => {
  const link = { id: 'd-2', number: '02', symbol: 'QĐ-UBND', issuedDate: '2026-03-02', subject: 'Quyết định thay thế' };

  it('names a document by its number, its date in dd/MM/yyyy and its subject; one without a number by its id', () => {
    expect(documentLinkText(link)).toBe('02/QĐ-UBND, 02/03/2026 — Quyết định thay thế');
    expect(documentLinkText({ ...link, number: null, issuedDate: null, subject: null })).toBe('d-2');
  });

  it('lists what a document replaced, or nothing', () => {
    const base = { replaces: [link, { ...link, id: 'd-3', number: '03', subject: null }] };
    expect(replacesText(base as never)).toBe('02/QĐ-UBND, 02/03/2026 — Quyết định thay thế; 03/QĐ-UBND, 02/03/2026');
    expect(replacesText({ replaces: [] } as never)).toBeNull();
  });
});
