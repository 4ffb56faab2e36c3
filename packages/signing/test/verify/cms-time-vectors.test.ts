import { describe, expect, it } from 'vitest';
import { readTime } from '../../src/verify/cms/verify-cms-signature.js';

/**
 * signing-time and TSTInfo.genTime as the verifier reads them (issue 15): vectors written out by hand from RFC 5280
 * §4.1.2.5 (UTCTime years 50–99 are 19xx, 00–49 are 20xx) and X.680 GeneralizedTime, not from the code.
 */
const der = (tag: number, text: string): Uint8Array => new Uint8Array([tag, text.length, ...Buffer.from(text, 'latin1')]);
const utc = (text: string) => readTime(der(0x17, text))?.toISOString() ?? null;
const generalized = (text: string) => readTime(der(0x18, text))?.toISOString() ?? null;

describe('readTime', () => {
  it('UTCTime: the century pivot at 50, seconds optional', () => {
    expect(utc('180915221037Z')).toBe('2018-09-15T22:10:37.000Z');
    expect(utc('491231235959Z')).toBe('2049-12-31T23:59:59.000Z');
    expect(utc('500101000000Z')).toBe('1950-01-01T00:00:00.000Z');
    expect(utc('991231235959Z')).toBe('1999-12-31T23:59:59.000Z');
    expect(utc('000229120000Z')).toBe('2000-02-29T12:00:00.000Z');
    expect(utc('0611011230Z')).toBe('2006-11-01T12:30:00.000Z');
    expect(utc('180915221037.25Z')).toBe('2018-09-15T22:10:37.250Z');
  });

  it('GeneralizedTime: four-digit years as written, fractions of a second with "." or ","', () => {
    expect(generalized('20201101000000Z')).toBe('2020-11-01T00:00:00.000Z');
    expect(generalized('20130508191615.82Z')).toBe('2013-05-08T19:16:15.820Z');
    expect(generalized('20190423160702,130Z')).toBe('2019-04-23T16:07:02.130Z');
    expect(generalized('20190423160702.5Z')).toBe('2019-04-23T16:07:02.500Z');
    expect(generalized('19491231235959Z')).toBe('1949-12-31T23:59:59.000Z');
    expect(generalized('205001011200Z')).toBe('2050-01-01T12:00:00.000Z');
  });

  it('what is not a UTC time of the right shape is null: no Z, an offset, a short year, the other tag\'s form', () => {
    expect(utc('180915221037')).toBeNull();
    expect(utc('180915221037+0700')).toBeNull();
    expect(generalized('20180915221037+0700')).toBeNull();
    expect(utc('20180915221037Z')).toBeNull();
    expect(utc('x180915221037Z')).toBeNull();
    expect(generalized('x20180915221037Z')).toBeNull();
    expect(generalized('+20180915221037Z')).toBeNull();
    expect(generalized('20180915221037Zx')).toBeNull();
    expect(utc('1809152210Z7')).toBeNull();
  });
});
