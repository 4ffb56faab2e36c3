import type { KeyObject } from 'node:crypto';
import type { KeyAlgorithm } from '../signer/signer.js';

/** A key we can show but not sign with (neither RSA nor ECDSA on a NIST curve). */
export interface OtherKeyAlgorithm {
  readonly kind: 'other';
  readonly name: string;
}

// RFC 5480 §2.1.1.1: the named curves, by the names OpenSSL reports for them.
const CURVES: Readonly<Record<string, 'P-256' | 'P-384' | 'P-521'>> = {
  prime256v1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
};

/** What the CMS builder and the token picker need to know of a certificate's public key. */
export function keyAlgorithmOf(key: KeyObject): KeyAlgorithm | OtherKeyAlgorithm {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') return { kind: 'rsa', modulusBits: details.modulusLength ?? 0 };
  if (key.asymmetricKeyType === 'ec') {
    const curve = CURVES[details.namedCurve ?? ''];
    if (curve) return { kind: 'ec', curve };
    return { kind: 'other', name: `ec ${details.namedCurve ?? '?'}` };
  }
  return { kind: 'other', name: key.asymmetricKeyType ?? 'unknown' };
}
