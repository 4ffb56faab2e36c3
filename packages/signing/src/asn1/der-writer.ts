/**
 * The writing half of our DER layer (X.690 §8, §10): each helper returns the complete encoding of one element, so an
 * element taken from elsewhere (a certificate, the issuer Name inside it) is embedded as the very bytes it had.
 * RFC 5652 §5.3 wants the sid to match the certificate byte for byte; re-encoding a parsed Name can change it.
 */
import { DerError } from './der-reader.js';

const CONSTRUCTED = 0x20;
const CONTEXT_SPECIFIC = 0x80;

/** X.690 §8.1.3: the short form below 128, else the minimal long form. */
function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return Buffer.from([0x80 | octets.length, ...octets]);
}

/** One element: tag, definite length, content. */
export function derElement(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

export const derSequence = (items: readonly Uint8Array[]): Buffer => derElement(0x30, Buffer.concat(items));

/** A SET in the order given; for a DER SET OF, sort first (see derSetOf). */
export const derSet = (items: readonly Uint8Array[]): Buffer => derElement(0x31, Buffer.concat(items));

/** X.690 §11.6: a DER SET OF has its elements in ascending order of their encodings. */
export const derSetOf = (items: readonly Uint8Array[]): Buffer =>
  derSet([...items].map((item) => Buffer.from(item)).sort(Buffer.compare));

export const derOctetString = (bytes: Uint8Array): Buffer => derElement(0x04, bytes);

export const derNull = (): Buffer => derElement(0x05, new Uint8Array(0));

/** X.690 §8.3: a non-negative INTEGER from its unsigned big-endian magnitude, minimal two's complement. */
export function derUnsignedInteger(magnitude: Uint8Array): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start += 1;
  const body = Buffer.from(magnitude.subarray(start));
  if (body.length === 0) return derElement(0x02, Buffer.from([0]));
  return derElement(0x02, (body[0] as number) & 0x80 ? Buffer.concat([Buffer.from([0]), body]) : body);
}

export function derSmallInteger(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) throw new DerError(`not a small non-negative integer: ${value}`);
  const octets: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return derUnsignedInteger(Buffer.from(octets));
}

/** X.690 §8.19: an OBJECT IDENTIFIER from its dotted form. */
export function derOid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const [first, second, ...rest] = arcs;
  if (first === undefined || second === undefined || arcs.some((arc) => !Number.isSafeInteger(arc) || arc < 0)) {
    throw new DerError(`not an object identifier: ${dotted}`);
  }
  const octets: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const base128 = [arc % 128];
    for (let high = Math.floor(arc / 128); high > 0; high = Math.floor(high / 128)) base128.unshift(0x80 | high % 128);
    octets.push(...base128);
  }
  return derElement(0x06, Buffer.from(octets));
}

/** A context-specific tag [n]: constructed (IMPLICIT over a SET/SEQUENCE's content, or EXPLICIT) or primitive. */
export function derContext(tag: number, constructed: boolean, content: readonly Uint8Array[]): Buffer {
  return derElement(CONTEXT_SPECIFIC | (constructed ? CONSTRUCTED : 0) | tag, Buffer.concat(content));
}
