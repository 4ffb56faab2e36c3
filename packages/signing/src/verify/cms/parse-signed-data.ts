import { AsnConvert } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData, id_signedData } from '@peculiar/asn1-cms';
import { DerError, derBytes, readDerChildren, readDerElement, usesIndefiniteLength } from '../../asn1/der-reader.js';
import { parsedCertificateOf } from '../../certificates/certificate-cache.js';
import type { ParsedCertificate } from '../../certificates/parsed-certificate.js';

/** CMS SignedData as found in a PDF /Contents (or a timestamp token), with its certificates parsed. */
export interface ParsedSignedData {
  readonly signedData: SignedData;
  /** Bytes of the DER ContentInfo; anything after it in /Contents is padding. */
  readonly der: Uint8Array;
  readonly certificates: readonly ParsedCertificate[];
  /** Indefinite (BER) lengths were used somewhere: readable, but not the DER that PDF signatures require. */
  readonly ber: boolean;
  /** Per SignerInfo, the `[0] IMPLICIT` signedAttrs element exactly as found (null when absent). */
  readonly signedAttributesRaw: readonly (Uint8Array | null)[];
}

export class CmsParseError extends Error {}

/** Parses the ContentInfo at the start of `bytes`; trailing bytes are ignored here (the caller checks padding). */
export function parseSignedData(bytes: Uint8Array): ParsedSignedData {
  let der: Uint8Array;
  let ber: boolean;
  try {
    const outer = readDerElement(bytes, 0);
    if (outer.tag !== 0x30) throw new DerError('ContentInfo is not a SEQUENCE');
    der = bytes.subarray(0, outer.end);
    ber = usesIndefiniteLength(der, outer);
  } catch (cause) {
    throw new CmsParseError(cause instanceof Error ? cause.message : String(cause));
  }
  let signedData: SignedData;
  try {
    const contentInfo = AsnConvert.parse(der, ContentInfo);
    if (contentInfo.contentType !== id_signedData) {
      throw new CmsParseError(`ContentInfo type ${contentInfo.contentType} is not SignedData`);
    }
    signedData = AsnConvert.parse(contentInfo.content, SignedData);
  } catch (cause) {
    if (cause instanceof CmsParseError) throw cause;
    throw new CmsParseError(cause instanceof Error ? cause.message : String(cause));
  }
  const certificates: ParsedCertificate[] = [];
  for (const certificateDer of rawCertificates(der)) {
    try {
      certificates.push(parsedCertificateOf(certificateDer));
    } catch {
      // A certificate we cannot read cannot be the signer's either; chain building simply does not see it.
    }
  }
  return { signedData, der, ber, certificates, signedAttributesRaw: rawSignedAttributes(der) };
}

function signedDataChildren(der: Uint8Array) {
  const contentInfo = readDerChildren(der, readDerElement(der, 0));
  const explicit = contentInfo[1];
  if (!explicit) return [];
  return readDerChildren(der, readDerElement(der, explicit.contentStart));
}

/** The signature is computed over these bytes (re-tagged as SET), so they must come from the blob, not a re-encoding. */
function rawSignedAttributes(der: Uint8Array): (Uint8Array | null)[] {
  // The schema reader lets an element follow signerInfos; the signed attributes must come from the SET it read.
  const signerInfos = signedDataChildren(der).at(-1);
  if (!signerInfos || signerInfos.tag !== 0x31) throw new CmsParseError('SignedData does not end with its SignerInfos');
  return readDerChildren(der, signerInfos).map((signerInfo) => {
    const attributes = readDerChildren(der, signerInfo).find((child) => child.tag === 0xa0);
    return attributes ? derBytes(der, attributes) : null;
  });
}

/**
 * The certificates exactly as embedded: re-encoding a parsed certificate could change its bytes (BER quirks in
 * old CA certificates) and so its hash and signature.
 */
function rawCertificates(der: Uint8Array): Uint8Array[] {
  const certificateSet = signedDataChildren(der).find((child) => child.tag === 0xa0);
  if (!certificateSet) return [];
  return readDerChildren(der, certificateSet)
    .filter((child) => child.tag === 0x30)
    .map((child) => derBytes(der, child));
}
