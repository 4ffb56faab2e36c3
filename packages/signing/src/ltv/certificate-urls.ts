import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AuthorityInfoAccessSyntax,
  Certificate,
  CRLDistributionPoints,
  ExtendedKeyUsage,
  id_ce_cRLDistributionPoints,
  id_ce_extKeyUsage,
  id_pe_authorityInfoAccess,
} from '@peculiar/asn1-x509';

/** RFC 5280 §4.2.1.12 and RFC 6960 §4.2.2.2: the key purposes LTV checks. */
export const EKU = { timeStamping: '1.3.6.1.5.5.7.3.8', ocspSigning: '1.3.6.1.5.5.7.3.9' } as const;
const ID_AD_OCSP = '1.3.6.1.5.5.7.48.1';
const ID_PKIX_OCSP_NOCHECK = '1.3.6.1.5.5.7.48.1.5';

export interface CertificateLtvFacts {
  /** AIA id-ad-ocsp URIs (RFC 5280 §4.2.2.1). */
  readonly ocspUrls: readonly string[];
  /** CRL distribution point full-name URIs (RFC 5280 §4.2.1.13). */
  readonly crlUrls: readonly string[];
  /** Extended key usage OIDs; null when the extension is absent. */
  readonly extendedKeyUsage: readonly string[] | null;
  readonly extendedKeyUsageCritical: boolean;
  /** id-pkix-ocsp-nocheck: an OCSP responder certificate that is not itself checked (RFC 6960 §4.2.2.2.1). */
  readonly ocspNoCheck: boolean;
}

/** The extensions revocation and timestamps need, read from a certificate's DER. Unreadable extensions count as absent. */
export function certificateLtvFacts(der: Uint8Array): CertificateLtvFacts {
  const extensions = AsnConvert.parse(der, Certificate).tbsCertificate.extensions ?? [];
  const find = (oid: string) => extensions.find((e) => e.extnID === oid);
  const uris = (names: readonly { uniformResourceIdentifier?: string }[] | undefined): string[] =>
    (names ?? []).map((n) => n.uniformResourceIdentifier).filter((u): u is string => typeof u === 'string');
  let ocspUrls: string[] = [];
  let crlUrls: string[] = [];
  let extendedKeyUsage: string[] | null = null;
  const aia = find(id_pe_authorityInfoAccess);
  try {
    if (aia) {
      ocspUrls = uris(AsnConvert.parse(aia.extnValue, AuthorityInfoAccessSyntax).filter((a) => a.accessMethod === ID_AD_OCSP).map((a) => a.accessLocation));
    }
  } catch {
    ocspUrls = [];
  }
  const cdp = find(id_ce_cRLDistributionPoints);
  try {
    if (cdp) crlUrls = AsnConvert.parse(cdp.extnValue, CRLDistributionPoints).flatMap((p) => uris(p.distributionPoint?.fullName));
  } catch {
    crlUrls = [];
  }
  const eku = find(id_ce_extKeyUsage);
  try {
    if (eku) extendedKeyUsage = [...AsnConvert.parse(eku.extnValue, ExtendedKeyUsage)];
  } catch {
    extendedKeyUsage = [];
  }
  return {
    ocspUrls,
    crlUrls,
    extendedKeyUsage,
    extendedKeyUsageCritical: eku?.critical ?? false,
    ocspNoCheck: find(ID_PKIX_OCSP_NOCHECK) !== undefined,
  };
}
