/**
 * X.501 Names read straight from their DER: formatted per RFC 4514 for people and JSON, and compared per the
 * RFC 5280 §7.1 spirit (case-insensitive, whitespace-folded string values) for chain building.
 */
import { OID, DISPLAY_SHORT_NAMES, RFC4514_SHORT_NAMES } from '../asn1/oids.js';
import { DerError, decodeOid, derBytes, derContent, readDerChildren, readDerElement } from '../asn1/der-reader.js';

export interface NameAttribute {
  readonly oid: string;
  /** Decoded text for string types; null for a value that is not a string. */
  readonly text: string | null;
  /** DER of the value (for the RFC 4514 `#hex` form). */
  readonly valueDer: Uint8Array;
}

/** RDNs in encoding order (most significant first); each RDN is a set of attributes. */
export type ParsedName = readonly (readonly NameAttribute[])[];

export function parseName(nameDer: Uint8Array): ParsedName {
  const root = readDerElement(nameDer, 0);
  if (root.tag !== 0x30) throw new DerError('Name is not a SEQUENCE');
  return readDerChildren(nameDer, root).map((rdn) => {
    if (rdn.tag !== 0x31) throw new DerError('RDN is not a SET');
    return readDerChildren(nameDer, rdn).map((atv) => {
      const [type, value] = readDerChildren(nameDer, atv);
      if (!type || !value || type.tag !== 0x06) throw new DerError('malformed AttributeTypeAndValue');
      return {
        oid: decodeOid(derContent(nameDer, type)),
        // NFC: some Vietnamese CA certificates store decomposed (NFD) text; people and comparisons want one form.
        text: decodeDirectoryString(value.tag, derContent(nameDer, value))?.normalize('NFC') ?? null,
        valueDer: derBytes(nameDer, value),
      };
    });
  });
}

function decodeDirectoryString(tag: number, content: Uint8Array): string | null {
  switch (tag) {
    case 0x0c: // UTF8String
      return Buffer.from(content).toString('utf8');
    case 0x13: // PrintableString
    case 0x16: // IA5String
    case 0x12: // NumericString
      return Buffer.from(content).toString('latin1');
    case 0x14: // TeletexString: treated as Latin-1, which is what real CAs put there
      return Buffer.from(content).toString('latin1');
    case 0x1e: // BMPString (UTF-16BE)
      return Buffer.from(content).swap16().toString('utf16le');
    case 0x1c: {
      // UniversalString (UTF-32BE)
      let text = '';
      for (let i = 0; i + 3 < content.length; i += 4) {
        text += String.fromCodePoint(
          ((content[i] as number) << 24) |
            ((content[i + 1] as number) << 16) |
            ((content[i + 2] as number) << 8) |
            (content[i + 3] as number),
        );
      }
      return text;
    }
    default:
      return null;
  }
}

/** RFC 4514 §2: least significant RDN first, `,` between RDNs, `+` inside one; unnamed types as `oid=#hex`. */
export function formatRfc4514(name: ParsedName): string {
  return formatName(name, RFC4514_SHORT_NAMES, ',');
}

/**
 * The same string for a person choosing a certificate: more attribute types named (T, SN, E…) and `, ` between
 * RDNs, as openssl and Windows show a subject.
 */
export function formatForPeople(name: ParsedName): string {
  return formatName(name, DISPLAY_SHORT_NAMES, ', ');
}

function formatName(name: ParsedName, shortNames: Readonly<Record<string, string>>, separator: string): string {
  return [...name]
    .reverse()
    .map((rdn) =>
      rdn
        .map((attribute) => {
          const shortName = shortNames[attribute.oid];
          if (shortName && attribute.text !== null) return `${shortName}=${escapeValue(attribute.text)}`;
          return `${attribute.oid}=#${Buffer.from(attribute.valueDer).toString('hex')}`;
        })
        .join('+'),
    )
    .join(separator);
}

function escapeValue(value: string): string {
  let escaped = value.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`).replace(/\0/g, '\\00');
  if (escaped.startsWith('#') || escaped.startsWith(' ')) escaped = `\\${escaped}`;
  if (escaped.endsWith(' ') && escaped.length > 1) escaped = `${escaped.slice(0, -1)}\\ `;
  return escaped;
}

/** The first CN in encoding order (the most significant one), or null. */
export function commonNameOf(name: ParsedName): string | null {
  for (const rdn of name) for (const attribute of rdn) if (attribute.oid === OID.commonName) return attribute.text;
  return null;
}

/** A comparison key: equal keys mean equal names under case-insensitive, whitespace-folded matching. */
export function nameMatchKey(name: ParsedName): string {
  return name
    .map((rdn) =>
      rdn
        .map((a) =>
          a.text !== null
            ? `${a.oid}=${a.text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase()}`
            : `${a.oid}=#${Buffer.from(a.valueDer).toString('hex')}`,
        )
        .sort()
        .join('+'),
    )
    .join(',');
}
