import { createHash } from 'node:crypto';
import type { DigestAlgorithm } from '../signer/signer.js';

// DER of DigestInfo up to the hash value (RFC 8017 §9.2 note 1). SHA-1 is deliberately absent: we never create it.
const DIGEST_INFO_PREFIX: Readonly<Record<DigestAlgorithm, Buffer>> = {
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};

export function hash(data: Uint8Array, digest: DigestAlgorithm): Buffer {
  if (!(digest in DIGEST_INFO_PREFIX)) throw new RangeError(`unsupported digest ${String(digest)}`);
  return createHash(digest).update(data).digest();
}

/** PKCS#1 v1.5 DigestInfo for tokens that only offer raw CKM_RSA_PKCS. */
export function digestInfo(data: Uint8Array, digest: DigestAlgorithm): Buffer {
  return Buffer.concat([DIGEST_INFO_PREFIX[digest], hash(data, digest)]);
}

/** CKM_ECDSA returns r‖s (two equal halves); CMS wants DER SEQUENCE { INTEGER r, INTEGER s }. */
export function ecdsaRawToDer(raw: Uint8Array): Buffer {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new RangeError(`ECDSA signature of odd length ${raw.length}`);
  const half = raw.length / 2;
  const r = derInteger(raw.subarray(0, half));
  const s = derInteger(raw.subarray(half));
  return Buffer.concat([Buffer.from([0x30]), derLength(r.length + s.length), r, s]);
}

function derInteger(unsigned: Uint8Array): Buffer {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start += 1;
  let body = Buffer.from(unsigned.subarray(start));
  if ((body[0] ?? 0) & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return Buffer.concat([Buffer.from([0x02]), derLength(body.length), body]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  if (length < 0x100) return Buffer.from([0x81, length]);
  return Buffer.from([0x82, length >> 8, length & 0xff]);
}
