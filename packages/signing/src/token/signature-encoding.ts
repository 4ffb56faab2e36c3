import { createHash } from 'node:crypto';
import { derNull, derOctetString, derOid, derSequence, derUnsignedInteger } from '../asn1/der-writer.js';
import { OID } from '../asn1/oids.js';
import type { DigestAlgorithm } from '../signer/signer.js';

const DIGESTS: ReadonlySet<DigestAlgorithm> = new Set(['sha256', 'sha384', 'sha512']);

export function hash(data: Uint8Array, digest: DigestAlgorithm): Buffer {
  if (!DIGESTS.has(digest)) throw new RangeError(`unsupported digest ${String(digest)}`);
  return createHash(digest).update(data).digest();
}

/**
 * PKCS#1 v1.5 DigestInfo (RFC 8017 §9.2) for tokens that only offer raw CKM_RSA_PKCS; the AlgorithmIdentifier keeps
 * its NULL parameters, as §9.2 note 1 spells the encodings. SHA-1 is deliberately absent: we never create it.
 */
export function digestInfo(data: Uint8Array, digest: DigestAlgorithm): Buffer {
  const hashed = hash(data, digest);
  return derSequence([derSequence([derOid(OID[digest]), derNull()]), derOctetString(hashed)]);
}

/** CKM_ECDSA returns r‖s (two equal halves); CMS wants DER SEQUENCE { INTEGER r, INTEGER s }. */
export function ecdsaRawToDer(raw: Uint8Array): Buffer {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new RangeError(`ECDSA signature of odd length ${raw.length}`);
  const half = raw.length / 2;
  return derSequence([derUnsignedInteger(raw.subarray(0, half)), derUnsignedInteger(raw.subarray(half))]);
}
