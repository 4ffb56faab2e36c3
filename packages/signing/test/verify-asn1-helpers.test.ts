import { describe, expect, it } from 'vitest';
import { decodeOid, readDerChildren, readDerElement, usesIndefiniteLength } from '../src/asn1/der-reader.js';
import { formatRfc4514, nameMatchKey, parseName } from '../src/certificates/distinguished-name.js';
import { parsePdfDate } from '../src/verify/report/pdf-date.js';

const hex = (text: string) => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

/** DER of a Name from [oid-content-hex, tag, value] RDNs, most significant first. */
function name(rdns: [string, number, string][]): Uint8Array {
  const tlv = (tag: number, body: Buffer): Buffer => {
    if (body.length > 127) throw new Error('test names stay short');
    return Buffer.concat([Buffer.from([tag, body.length]), body]);
  };
  const sets = rdns.map(([oid, tag, value]) =>
    tlv(0x31, tlv(0x30, Buffer.concat([tlv(0x06, Buffer.from(oid, 'hex')), tlv(tag, Buffer.from(value, 'utf8'))]))),
  );
  return new Uint8Array(tlv(0x30, Buffer.concat(sets)));
}

describe('verify helpers: ASN.1, names, dates', () => {
  it('reads BER indefinite lengths and reports them; DER stays definite', () => {
    const ber = hex('30 80 02 01 05 30 80 04 02 aa bb 00 00 00 00');
    const root = readDerElement(ber, 0);
    expect(root).toMatchObject({ indefinite: true, end: ber.length });
    expect(readDerChildren(ber, root).map((c) => c.tag)).toEqual([0x02, 0x30]);
    expect(usesIndefiniteLength(ber, root)).toBe(true);
    const der = hex('30 06 02 01 05 04 01 aa');
    expect(usesIndefiniteLength(der, readDerElement(der, 0))).toBe(false);
    expect(() => readDerElement(hex('30 05 02 01'), 0)).toThrow(/past the end/);
  });

  it('decodes OIDs', () => {
    expect(decodeOid(hex('2a 86 48 86 f7 0d 01 09 10 02 2f'))).toBe('1.2.840.113549.1.9.16.2.47');
    expect(decodeOid(hex('04 00 7f 00 07 01 01 04 01 03'))).toBe('0.4.0.127.0.7.1.1.4.1.3');
  });

  it('formats names per RFC 4514 (reverse order, escaping) and matches them case-insensitively', () => {
    const der = name([
      ['550406', 0x13, 'VN'],
      ['55040a', 0x0c, 'Ban Cơ yếu Chính phủ'],
      ['550403', 0x0c, 'Nguyễn, Văn "A" + B'],
    ]);
    expect(formatRfc4514(parseName(der))).toBe('CN=Nguyễn\\, Văn \\"A\\" \\+ B,O=Ban Cơ yếu Chính phủ,C=VN');
    const other = name([
      ['550406', 0x13, 'vn'],
      ['55040a', 0x0c, 'BAN CƠ YẾU  CHÍNH PHỦ'],
      ['550403', 0x0c, 'nguyễn, văn "a" + b'],
    ]);
    expect(nameMatchKey(parseName(other))).toBe(nameMatchKey(parseName(der)));
    // Unknown attribute types become OID=#hex, as RFC 4514 asks.
    expect(formatRfc4514(parseName(name([['2a864886f70d010901', 0x16, 'a@b.vn']])))).toBe('1.2.840.113549.1.9.1=#16066140622e766e');
  });

  it('reads decomposed (NFD) Vietnamese as NFC', () => {
    const decomposed = 'Đỗ Tiến Thắng'.normalize('NFD');
    expect(formatRfc4514(parseName(name([['550403', 0x0c, decomposed]])))).toBe('CN=Đỗ Tiến Thắng'.normalize('NFC'));
  });

  it('parses PDF dates with offsets', () => {
    expect(parsePdfDate("D:20260305090304+07'00'")?.toISOString()).toBe('2026-03-05T02:03:04.000Z');
    expect(parsePdfDate('D:20201101000000Z')?.toISOString()).toBe('2020-11-01T00:00:00.000Z');
    expect(parsePdfDate('not a date')).toBeNull();
  });
});
