import { constants, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { RsaSaPssParams } from '@peculiar/asn1-rsa';

/**
 * Maps the OIDs found in CMS and certificates to what node:crypto can check. Weak digests stay readable (old
 * Vietnamese documents use SHA-1, DESIGN.md §2.12); the caller flags them.
 */
export type DigestName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

const DIGEST_BY_OID: Record<string, DigestName> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

export function digestNameOf(oid: string): DigestName | undefined {
  return DIGEST_BY_OID[oid];
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
  '1.2.840.113549.1.1.1': { kind: 'rsa-pkcs1' },
  '1.2.840.113549.1.1.5': { kind: 'rsa-pkcs1', digest: 'sha1' },
  '1.2.840.113549.1.1.14': { kind: 'rsa-pkcs1', digest: 'sha224' },
  '1.2.840.113549.1.1.11': { kind: 'rsa-pkcs1', digest: 'sha256' },
  '1.2.840.113549.1.1.12': { kind: 'rsa-pkcs1', digest: 'sha384' },
  '1.2.840.113549.1.1.13': { kind: 'rsa-pkcs1', digest: 'sha512' },
  '1.2.840.113549.1.1.10': { kind: 'rsa-pss' },
  '1.2.840.10045.2.1': { kind: 'ecdsa', encoding: 'der' },
  '1.2.840.10045.4.1': { kind: 'ecdsa', digest: 'sha1', encoding: 'der' },
  '1.2.840.10045.4.3.1': { kind: 'ecdsa', digest: 'sha224', encoding: 'der' },
  '1.2.840.10045.4.3.2': { kind: 'ecdsa', digest: 'sha256', encoding: 'der' },
  '1.2.840.10045.4.3.3': { kind: 'ecdsa', digest: 'sha384', encoding: 'der' },
  '1.2.840.10045.4.3.4': { kind: 'ecdsa', digest: 'sha512', encoding: 'der' },
  // BSI TR-03111 "plain" ECDSA: r‖s instead of DER (seen in the TeleSec QES fixture).
  '0.4.0.127.0.7.1.1.4.1.1': { kind: 'ecdsa', digest: 'sha1', encoding: 'ieee-p1363' },
  '0.4.0.127.0.7.1.1.4.1.2': { kind: 'ecdsa', digest: 'sha224', encoding: 'ieee-p1363' },
  '0.4.0.127.0.7.1.1.4.1.3': { kind: 'ecdsa', digest: 'sha256', encoding: 'ieee-p1363' },
  '0.4.0.127.0.7.1.1.4.1.4': { kind: 'ecdsa', digest: 'sha384', encoding: 'ieee-p1363' },
  '0.4.0.127.0.7.1.1.4.1.5': { kind: 'ecdsa', digest: 'sha512', encoding: 'ieee-p1363' },
  '1.3.101.112': { kind: 'eddsa' },
  '1.3.101.113': { kind: 'eddsa' },
};

export function isKnownSignatureAlgorithm(oid: string): boolean {
  return oid in SCHEME_BY_OID;
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
  const scheme = SCHEME_BY_OID[check.algorithmOid];
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
