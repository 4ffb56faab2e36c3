import { describe, expect, it } from 'vitest';
import { parsePdfDate } from '../../src/verify/report/pdf-date.js';

/**
 * The /M date of a signature dictionary (ISO 32000-1 §7.9.4 `D:YYYYMMDDHHmmSSOHH'mm'`), with vectors worked out by
 * hand (issue 15): every part after the year is optional, the offset is subtracted to give UTC.
 */
const iso = (text: string) => parsePdfDate(text)?.toISOString() ?? null;

describe('parsePdfDate', () => {
  it('a full date in UTC, with Z or z', () => {
    expect(iso('D:20200101120000Z')).toBe('2020-01-01T12:00:00.000Z');
    expect(iso('D:20181231235958z')).toBe('2018-12-31T23:59:58.000Z');
  });

  it('offsets: +HH\'mm\' east of UTC is earlier in UTC, - west is later; minutes and apostrophes optional', () => {
    expect(iso("D:20200101120000+07'00'")).toBe('2020-01-01T05:00:00.000Z');
    expect(iso("D:20200101120000-05'30'")).toBe('2020-01-01T17:30:00.000Z');
    expect(iso("D:20200101120000+05'45")).toBe('2020-01-01T06:15:00.000Z');
    expect(iso('D:20200101120000+0700')).toBe('2020-01-01T05:00:00.000Z');
    expect(iso('D:20200101010000+07')).toBe('2019-12-31T18:00:00.000Z');
    expect(iso('D:20200101120000-00')).toBe('2020-01-01T12:00:00.000Z');
  });

  it('Z or z is UTC whatever digits a producer writes after it (only + and - shift the time)', () => {
    expect(iso("D:20200101120000Z07'00'")).toBe('2020-01-01T12:00:00.000Z');
    expect(iso("D:20200101120000z05'30'")).toBe('2020-01-01T12:00:00.000Z');
    expect(iso("D:20200101120000Z00'00'")).toBe('2020-01-01T12:00:00.000Z');
  });

  it('the parts after the year default to January, the 1st, midnight', () => {
    expect(iso('D:2020')).toBe('2020-01-01T00:00:00.000Z');
    expect(iso('D:202003')).toBe('2020-03-01T00:00:00.000Z');
    expect(iso('D:20200315')).toBe('2020-03-15T00:00:00.000Z');
    expect(iso('D:2020031514')).toBe('2020-03-15T14:00:00.000Z');
    expect(iso('D:202003151430')).toBe('2020-03-15T14:30:00.000Z');
    expect(iso('D:20200315143059')).toBe('2020-03-15T14:30:59.000Z');
  });

  it('the D: prefix is optional and blanks around the string are ignored', () => {
    expect(iso('20200315143059Z')).toBe('2020-03-15T14:30:59.000Z');
    expect(iso("  D:20200315143059+01'00'\n")).toBe('2020-03-15T13:30:59.000Z');
  });

  it('not a date: null', () => {
    expect(iso('')).toBeNull();
    expect(iso('D:')).toBeNull();
    expect(iso('D:202')).toBeNull();
    expect(iso('hôm qua')).toBeNull();
    expect(iso('X:20200101')).toBeNull();
  });

  it('a field out of its range is no date, not a rolled-over one (month 15 is not March of the next year)', () => {
    expect(iso('D:20201501')).toBeNull();
    expect(iso('D:20200001')).toBeNull();
    expect(iso('D:20200230')).toBeNull();
    expect(iso('D:20200100')).toBeNull();
    expect(iso('D:2020010124')).toBeNull();
    expect(iso('D:202001011260')).toBeNull();
    expect(iso('D:20200101120060')).toBeNull();
    expect(iso("D:20200101120000+24'00'")).toBeNull();
    expect(iso("D:20200101120000+07'60'")).toBeNull();
    // The edges are dates: the last second of a leap-year February, offsets up to 23:59.
    expect(iso('D:20200229235959Z')).toBe('2020-02-29T23:59:59.000Z');
    expect(iso("D:20201231000000+23'59'")).toBe('2020-12-30T00:01:00.000Z');
  });
});
