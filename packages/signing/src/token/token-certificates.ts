import { summariseCertificate, type CertificateSummary } from './certificate-summary.js';
import type { Pkcs11Api } from './pkcs11-module.js';
import { CKA_CLASS, CKA_ID, CKA_LABEL, CKA_VALUE, CKO_CERTIFICATE, findObjects, readAttribute } from './token-objects.js';

/** An X.509 certificate object on a token (public: readable before login). */
export interface TokenCertificate extends CertificateSummary {
  /** CKA_ID, hex: what pairs the certificate with its private key, and what `--key-id` names. */
  readonly keyId: string;
  readonly label: string;
  readonly der: Buffer;
}

/**
 * Every X.509 certificate visible in `session`, ordered by key id. A certificate that does not parse is skipped: one odd object on a
 * vendor token must not hide the usable ones.
 */
export function readTokenCertificates(api: Pkcs11Api, session: Buffer): TokenCertificate[] {
  const certificates: TokenCertificate[] = [];
  for (const handle of findObjects(api, session, [{ type: CKA_CLASS, value: CKO_CERTIFICATE }])) {
    const der = readAttribute(api, session, handle, CKA_VALUE);
    if (!der || der.length === 0) continue;
    let summary: CertificateSummary;
    try {
      summary = summariseCertificate(der);
    } catch {
      continue;
    }
    certificates.push({
      ...summary,
      keyId: (readAttribute(api, session, handle, CKA_ID) ?? Buffer.alloc(0)).toString('hex'),
      label: (readAttribute(api, session, handle, CKA_LABEL) ?? Buffer.alloc(0)).toString('utf8'),
      der,
    });
  }
  return certificates.sort((a, b) => a.keyId.localeCompare(b.keyId));
}
