import { describe, expect, it } from 'vitest';
import { addCalendarDays, decree30DateText, pdfDate, vietnamDate, vietnamDay, vietnamIso, vietnamYear, weekdayOfDate } from '../src/vietnam-time.js';

describe('Vietnam time (+07:00, no daylight saving)', () => {
  it('Vietnam time decides the day and the year', () => {
    // 31 Dec 2026 17:00 UTC is already 1 Jan 2027 00:00 in Hà Nội.
    const newYear = new Date('2026-12-31T17:00:00Z');
    expect(vietnamYear(newYear)).toBe(2027);
    expect(vietnamDate(newYear)).toBe('2027-01-01');
    const justBefore = new Date('2026-12-31T16:59:59Z');
    expect(vietnamYear(justBefore)).toBe(2026);
    expect(vietnamDate(justBefore)).toBe('2026-12-31');
    expect(vietnamIso(newYear)).toBe('2027-01-01T00:00:00+07:00');
  });

  it('calendar arithmetic crosses months and years', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(weekdayOfDate('2026-11-28')).toBe(6);
  });
  it('writes dates the Decree 30 way', () => {
    expect(decree30DateText('05/03/2026')).toBe('ngày 05 tháng 3 năm 2026');
    expect(decree30DateText('10/02/2026')).toBe('ngày 10 tháng 02 năm 2026');
    expect(decree30DateText('31/12/2026')).toBe('ngày 31 tháng 12 năm 2026');
    expect(() => decree30DateText('31/02/2026')).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    expect(() => decree30DateText('2026-03-05')).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
  });
  it('writes PDF dates (ISO 32000-2 §7.9.4) and dd/MM/yyyy in Vietnam time', () => {
    const lateEvening = new Date('2026-11-27T14:30:05Z');
    expect(pdfDate(lateEvening)).toBe("D:20261127213005+07'00'");
    expect(vietnamDay(new Date('2026-12-31T17:00:00Z'))).toBe('01/01/2027');
  });
});
