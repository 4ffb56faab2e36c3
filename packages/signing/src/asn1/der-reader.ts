/**
 * A minimal ASN.1 TLV walker. The schema library re-encodes what it parses; a verifier also needs the bytes
 * exactly as found (the length of the CMS blob inside a zero-padded /Contents, the raw signed attributes, the
 * embedded certificates). CMS must be DER, but real signers (and the DSS test files) emit BER indefinite lengths
 * for the outer layers, so those are read too and reported by the caller.
 */
export interface DerElement {
  readonly tag: number;
  /** Offset of the tag byte. */
  readonly start: number;
  /** Offset of the first content byte. */
  readonly contentStart: number;
  /** Offset just past the content (before the end-of-contents octets of an indefinite length). */
  readonly contentEnd: number;
  /** Offset just past the element. */
  readonly end: number;
  readonly indefinite: boolean;
}

export class DerError extends Error {}

const MAX_NESTING = 64;

/** Reads one TLV at `offset`. */
export function readDerElement(bytes: Uint8Array, offset: number, depth = 0): DerElement {
  if (depth > MAX_NESTING) throw new DerError('ASN.1 nested too deeply');
  if (offset + 2 > bytes.length) throw new DerError('truncated ASN.1 element');
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte ASN.1 tags are not used here');
  let cursor = offset + 1;
  const first = bytes[cursor++] as number;
  if (first === 0x80) {
    if ((tag & 0x20) === 0) throw new DerError('indefinite length on a primitive element');
    let child = cursor;
    for (;;) {
      if (child + 2 > bytes.length) throw new DerError('missing end-of-contents');
      if (bytes[child] === 0 && bytes[child + 1] === 0) {
        return { tag, start: offset, contentStart: cursor, contentEnd: child, end: child + 2, indefinite: true };
      }
      child = readDerElement(bytes, child, depth + 1).end;
    }
  }
  let length: number;
  if (first < 0x80) {
    length = first;
  } else {
    const count = first & 0x7f;
    if (count > 4) throw new DerError('ASN.1 length too large');
    length = 0;
    for (let i = 0; i < count; i++) {
      if (cursor >= bytes.length) throw new DerError('truncated ASN.1 length');
      length = length * 256 + (bytes[cursor++] as number);
    }
  }
  const end = cursor + length;
  if (end > bytes.length) throw new DerError('ASN.1 element runs past the end of its container');
  return { tag, start: offset, contentStart: cursor, contentEnd: end, end, indefinite: false };
}

/** The children of a constructed element. */
export function readDerChildren(bytes: Uint8Array, parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  let cursor = parent.contentStart;
  while (cursor < parent.contentEnd) {
    const child = readDerElement(bytes, cursor);
    if (child.end > parent.contentEnd) throw new DerError('ASN.1 child runs past its parent');
    children.push(child);
    cursor = child.end;
  }
  return children;
}

export function derContent(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.subarray(element.contentStart, element.contentEnd);
}

export function derBytes(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.subarray(element.start, element.end);
}

/** True when the element or anything inside it uses an indefinite length. */
export function usesIndefiniteLength(bytes: Uint8Array, element: DerElement, depth = 0): boolean {
  if (element.indefinite) return true;
  if ((element.tag & 0x20) === 0 || depth > MAX_NESTING) return false;
  try {
    return readDerChildren(bytes, element).some((child) => usesIndefiniteLength(bytes, child, depth + 1));
  } catch {
    return false;
  }
}

/** Decodes an OBJECT IDENTIFIER's content octets to dotted form. */
export function decodeOid(content: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (parts.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        parts.push(first, value - first * 40);
      } else {
        parts.push(value);
      }
      value = 0;
    }
  }
  return parts.join('.');
}
