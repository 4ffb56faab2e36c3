import { constants, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { RsaSaPssParams } from '@peculiar/asn1-rsa';
import { OID } from '../../asn1/oids.js';

/**
 * Maps the OIDs found in CMS and certificates to what node:crypto can check. Weak digests stay readable (old
 * Vietnamese documents use SHA-1, which ETSI TS 119 312 no longer lists for new signatures); the caller flags them.
 */
export type DigestName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

const DIGEST_BY_OID: Record<string, DigestName> = {
  [OID.sha1]: 'sha1',
  [OID.sha224]: 'sha224',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};

/** Own keys only: an OID read from a file is any string, and `toString` or `__proto__` must not find Object's. */
export function digestNameOf(oid: string): DigestName | undefined {
  return Object.hasOwn(DIGEST_BY_OID, oid) ? DIGEST_BY_OID[oid] : undefined;
}

export function isWeakDigest(name: DigestName): boolean {
  return name === 'sha1';
}

type SignatureScheme =
  | { readonly kind: 'rsa-pkcs1'; readonly digest?: DigestName }
  | { readonly kind: 'rsa-pss' }
  | { readonly kind: 'ecdsa'; readonly digest?: DigestName; readonly encoding: 'der' | 'ieee-p1363' }
  | { readonly kind: 'eddsa' };

const SCHEME_BY_OID: Record<string, SignatureScheme> = {
  [OID.rsaEncryption]: { kind: 'rsa-pkcs1' },
  [OID.sha1WithRsa]: { kind: 'rsa-pkcs1', digest: 'sha1' },
  [OID.sha224WithRsa]: { kind: 'rsa-pkcs1', digest: 'sha224' },
  [OID.sha256WithRsa]: { kind: 'rsa-pkcs1', digest: 'sha256' },
  [OID.sha384WithRsa]: { kind: 'rsa-pkcs1', digest: 'sha384' },
  [OID.sha512WithRsa]: { kind: 'rsa-pkcs1', digest: 'sha512' },
  [OID.rsaPss]: { kind: 'rsa-pss' },
  [OID.ecPublicKey]: { kind: 'ecdsa', encoding: 'der' },
  [OID.ecdsaWithSha1]: { kind: 'ecdsa', digest: 'sha1', encoding: 'der' },
  [OID.ecdsaWithSha224]: { kind: 'ecdsa', digest: 'sha224', encoding: 'der' },
  [OID.ecdsaWithSha256]: { kind: 'ecdsa', digest: 'sha256', encoding: 'der' },
  [OID.ecdsaWithSha384]: { kind: 'ecdsa', digest: 'sha384', encoding: 'der' },
  [OID.ecdsaWithSha512]: { kind: 'ecdsa', digest: 'sha512', encoding: 'der' },
  // BSI TR-03111 "plain" ECDSA: r‖s instead of DER (seen in the TeleSec QES fixture).
  [OID.plainEcdsaWithSha1]: { kind: 'ecdsa', digest: 'sha1', encoding: 'ieee-p1363' },
  [OID.plainEcdsaWithSha224]: { kind: 'ecdsa', digest: 'sha224', encoding: 'ieee-p1363' },
  [OID.plainEcdsaWithSha256]: { kind: 'ecdsa', digest: 'sha256', encoding: 'ieee-p1363' },
  [OID.plainEcdsaWithSha384]: { kind: 'ecdsa', digest: 'sha384', encoding: 'ieee-p1363' },
  [OID.plainEcdsaWithSha512]: { kind: 'ecdsa', digest: 'sha512', encoding: 'ieee-p1363' },
  [OID.ed25519]: { kind: 'eddsa' },
  [OID.ed448]: { kind: 'eddsa' },
};

export function isKnownSignatureAlgorithm(oid: string): boolean {
  return Object.hasOwn(SCHEME_BY_OID, oid);
}

export interface SignatureCheck {
  readonly algorithmOid: string;
  /** DER of the AlgorithmIdentifier parameters, when present (RSA-PSS needs them). */
  readonly parameters?: ArrayBuffer | null;
  /** The CMS digestAlgorithm; used when the signature OID names no digest of its own. */
  readonly digest: DigestName;
  readonly publicKey: KeyObject;
  readonly data: Uint8Array;
  readonly signature: Uint8Array;
}

export type SignatureOutcome = 'verified' | 'failed' | 'unsupported';

export function verifySignatureValue(check: SignatureCheck): SignatureOutcome {
  const scheme = isKnownSignatureAlgorithm(check.algorithmOid) ? SCHEME_BY_OID[check.algorithmOid] : undefined;
  if (!scheme) return 'unsupported';
  try {
    switch (scheme.kind) {
      case 'rsa-pkcs1':
        return outcome(cryptoVerify(scheme.digest ?? check.digest, check.data, check.publicKey, check.signature));
      case 'rsa-pss': {
        const pss = pssParameters(check.parameters);
        if (!pss) return 'unsupported';
        return outcome(
          cryptoVerify(
            pss.digest,
            check.data,
            { key: check.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength },
            check.signature,
          ),
        );
      }
      case 'ecdsa':
        return outcome(
          cryptoVerify(
            scheme.digest ?? check.digest,
            check.data,
            { key: check.publicKey, dsaEncoding: scheme.encoding },
            check.signature,
          ),
        );
      case 'eddsa':
        return outcome(cryptoVerify(null, check.data, check.publicKey, check.signature));
    }
  } catch {
    // node:crypto throws on a key/algorithm mismatch or a malformed signature: for a verifier that is "failed".
    return 'failed';
  }
}

function outcome(ok: boolean): SignatureOutcome {
  return ok ? 'verified' : 'failed';
}

function pssParameters(parameters: ArrayBuffer | null | undefined): { digest: DigestName; saltLength: number } | null {
  const params = parameters ? AsnConvert.parse(parameters, RsaSaPssParams) : new RsaSaPssParams();
  const digest = digestNameOf(params.hashAlgorithm.algorithm);
  if (!digest) return null;
  return { digest, saltLength: params.saltLength };
}
