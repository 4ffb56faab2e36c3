import { describe, expect, it } from 'vitest';
import { INCOMING_STATES, OUTGOING_STATES, documentFlagSchema, type DocumentView } from '@eoffice/contract';
import { documentLine } from '../src/commands/document-output.js';

function view(overrides: Partial<DocumentView>): DocumentView {
  return {
    id: 'd1', direction: 'incoming', state: 'received', number: '12', symbol: 'SYT-VP', arrivalNumber: null, subject: 'V/v thử', flags: [], urgentLate: null,
    ...overrides,
  } as DocumentView;
}

describe('documentLine', () => {
  // `doc list` showed "needs_checking (needs_checking)": the arrival check's state had no Vietnamese name.
  it.each([...OUTGOING_STATES, ...INCOMING_STATES])('names the state %s in Vietnamese, then its code', (state) => {
    const line = documentLine(view({ state }));
    const label = /^d1 {2}đến {2}(.*) \((\w+)\) {2}/.exec(line);
    expect(label?.[2]).toBe(state);
    expect(label?.[1]).not.toBe(state);
    expect(label?.[1]).toMatch(/[àáảãạăâđèéẻẽẹêìíỉĩịòóỏõọôơùúủũụưỳýỷỹỵ]/);
  });

  // doc list printed the flags as the contract's codes ("late-registration, paper, duplicate"): English words in a
  // Vietnamese list. Each is said in Vietnamese now; --json keeps the codes.
  it.each(documentFlagSchema.options.filter((flag) => flag !== 'urgent-late'))('says the flag %s in Vietnamese', (flag) => {
    const line = documentLine(view({ flags: [flag] }));
    const said = /\[(.*)\]$/.exec(line)?.[1];
    expect(said).toBeDefined();
    expect(said).not.toContain(flag);
    // Vietnamese words: some letter beyond ASCII (every name below has one).
    expect([...said!].some((c) => c.charCodeAt(0) > 127)).toBe(true);
  });

  it('says which step an urgent document is late for, done or not yet', () => {
    const notYet = documentLine(view({ flags: ['urgent-late'], urgentLate: { step: 'present', dueOn: '2026-12-07', doneOn: null, daysLate: 3 } }));
    expect(notYet).toContain('khẩn trễ 3 ngày: chưa trình, phải ngày 2026-12-07');
    const done = documentLine(view({ flags: ['urgent-late'], urgentLate: { step: 'register', dueOn: '2026-12-08', doneOn: '2026-12-10', daysLate: 2 } }));
    expect(done).toContain('khẩn trễ 2 ngày: vào sổ ngày 2026-12-10, phải ngày 2026-12-08');
  });
});
