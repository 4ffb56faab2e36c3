import { X509Certificate } from 'node:crypto';
import type { Pkcs11Api } from './pkcs11-module.js';
import type { TokenCertificate } from './token-certificates.js';
import {
  CKA_CLASS,
  CKA_EC_POINT,
  CKA_ID,
  CKA_LABEL,
  CKA_MODULUS,
  CKO_PRIVATE_KEY,
  CKO_PUBLIC_KEY,
  findObjects,
  readAttribute,
} from './token-objects.js';

/**
 * The private key belonging to `certificate`, found after login: same CKA_ID, else same CKA_LABEL, else the same
 * public key (RSA modulus on the private key, or a public-key object with the same modulus / EC point and its ID or
 * label). Undefined when none matches. Vendors differ in which of these they set, hence the three steps.
 */
export function findPrivateKeyFor(api: Pkcs11Api, session: Buffer, certificate: TokenCertificate): Buffer | undefined {
  const privateKeys = (extra: { type: number; value: Buffer }[]) =>
    findObjects(api, session, [{ type: CKA_CLASS, value: CKO_PRIVATE_KEY }, ...extra]);
  const publicKey = publicKeyMaterial(certificate.der);

  if (certificate.keyId) {
    const byId = privateKeys([{ type: CKA_ID, value: Buffer.from(certificate.keyId, 'hex') }]);
    const chosen = pickOne(api, session, byId, publicKey);
    if (chosen) return chosen;
  }
  if (certificate.label) {
    const byLabel = privateKeys([{ type: CKA_LABEL, value: Buffer.from(certificate.label, 'utf8') }]);
    const chosen = pickOne(api, session, byLabel, publicKey);
    if (chosen) return chosen;
  }
  if (publicKey.kind === 'rsa') {
    const byModulus = privateKeys([]).filter((key) => sameUnsigned(readAttribute(api, session, key, CKA_MODULUS), publicKey.modulus));
    if (byModulus[0]) return byModulus[0];
  }
  // Private EC keys carry no point: find the matching public-key object and follow its ID or label.
  const publicObjects = findObjects(api, session, [{ type: CKA_CLASS, value: CKO_PUBLIC_KEY }]);
  for (const object of publicObjects) {
    if (!publicObjectMatches(api, session, object, publicKey)) continue;
    const id = readAttribute(api, session, object, CKA_ID);
    if (id && id.length > 0) {
      const found = privateKeys([{ type: CKA_ID, value: id }]);
      if (found.length === 1) return found[0];
    }
    const label = readAttribute(api, session, object, CKA_LABEL);
    if (label && label.length > 0) {
      const found = privateKeys([{ type: CKA_LABEL, value: label }]);
      if (found.length === 1) return found[0];
    }
  }
  return undefined;
}

type PublicKeyMaterial =
  | { readonly kind: 'rsa'; readonly modulus: Buffer }
  | { readonly kind: 'ec'; readonly point: Buffer }
  | { readonly kind: 'other' };

function publicKeyMaterial(der: Buffer): PublicKeyMaterial {
  const key = new X509Certificate(der).publicKey;
  const jwk = key.export({ format: 'jwk' });
  if (key.asymmetricKeyType === 'rsa' && jwk.n) return { kind: 'rsa', modulus: Buffer.from(jwk.n, 'base64url') };
  if (key.asymmetricKeyType === 'ec' && jwk.x && jwk.y) {
    const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
    return { kind: 'ec', point };
  }
  return { kind: 'other' };
}

/** One key from several with the same ID or label: the one whose modulus matches, else the only one. */
function pickOne(api: Pkcs11Api, session: Buffer, keys: Buffer[], publicKey: PublicKeyMaterial): Buffer | undefined {
  if (keys.length <= 1) return keys[0];
  if (publicKey.kind !== 'rsa') return undefined;
  return keys.find((key) => sameUnsigned(readAttribute(api, session, key, CKA_MODULUS), publicKey.modulus));
}

function publicObjectMatches(api: Pkcs11Api, session: Buffer, object: Buffer, publicKey: PublicKeyMaterial): boolean {
  if (publicKey.kind === 'rsa') return sameUnsigned(readAttribute(api, session, object, CKA_MODULUS), publicKey.modulus);
  if (publicKey.kind === 'ec') {
    const point = readAttribute(api, session, object, CKA_EC_POINT);
    // PKCS#11 says DER OCTET STRING around the point (SoftHSM does that); some modules give the bare point.
    return point !== undefined && (point.equals(publicKey.point) || unwrapOctetString(point)?.equals(publicKey.point) === true);
  }
  return false;
}

function unwrapOctetString(der: Buffer): Buffer | undefined {
  if (der[0] !== 0x04 || der.length < 2) return undefined;
  const first = der[1] ?? 0;
  if (first < 0x80) return der.subarray(2, 2 + first);
  const lengthBytes = first & 0x7f;
  let length = 0;
  for (let index = 0; index < lengthBytes; index += 1) length = length * 256 + (der[2 + index] ?? 0);
  return der.subarray(2 + lengthBytes, 2 + lengthBytes + length);
}

function sameUnsigned(a: Buffer | undefined, b: Buffer): boolean {
  if (!a) return false;
  return stripZeros(a).equals(stripZeros(b));
}

function stripZeros(value: Buffer): Buffer {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start += 1;
  return value.subarray(start);
}
