import { AsnConvert } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData, id_signedData } from '@peculiar/asn1-cms';
import { DerError, derBytes, readDerChildren, readDerElement, usesIndefiniteLength } from '../../asn1/der-reader.js';
import { derSequence } from '../../asn1/der-writer.js';
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
  // The plain shape is read without the schema reading the certificates; any other, as the schema reads it.
  const plain = ber ? null : plainSignedData(der);
  const signedData = wrapped(() => (plain ? AsnConvert.parse(plain, SignedData) : schemaSignedData(der)));
  const certificates: ParsedCertificate[] = [];
  let schemaRead = plain === null;
  for (const certificateDer of rawCertificates(der)) {
    try {
      certificates.push(parsedCertificateOf(certificateDer));
    } catch {
      // A certificate we cannot read cannot be the signer's either; chain building simply does not see it. Whether the
      // SignedData holding it is readable at all is the schema's to say, as when it read the certificates itself.
      if (!schemaRead) {
        wrapped(() => schemaSignedData(der));
        schemaRead = true;
      }
    }
  }
  return { signedData, der, ber, certificates, signedAttributesRaw: rawSignedAttributes(der) };
}

/** A schema read whose error becomes a CmsParseError in the schema's own words. */
function wrapped<T>(read: () => T): T {
  try {
    return read();
  } catch (cause) {
    if (cause instanceof CmsParseError) throw cause;
    throw new CmsParseError(cause instanceof Error ? cause.message : String(cause));
  }
}

/** The whole ContentInfo and its SignedData, certificates included, read by the schema library. */
function schemaSignedData(der: Uint8Array): SignedData {
  const contentInfo = AsnConvert.parse(der, ContentInfo);
  if (contentInfo.contentType !== id_signedData) {
    throw new CmsParseError(`ContentInfo type ${contentInfo.contentType} is not SignedData`);
  }
  return AsnConvert.parse(contentInfo.content, SignedData);
}

// id-signedData (1.2.840.113549.1.7.2) as DER, tag and length included.
const SIGNED_DATA_OID = Uint8Array.of(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02);

/**
 * The SignedData of a ContentInfo of the plain shape (the signedData OID, then [0] holding one SEQUENCE whose
 * certificates are all X.509 certificates), re-encoded without its certificates, or null for any other shape. The
 * schema library reads a ContentInfo's content (ANY) into a whole ASN.1 tree only to hand its bytes back, and then
 * every embedded certificate, which the certificate cache reads (and keeps) anyway: three quarters of the parse, 1-4 ms
 * of the verifier thread per signature. A certificate the cache cannot read sends the SignedData to the schema after
 * all (parseSignedData), so what is refused stays refused.
 */
function plainSignedData(der: Uint8Array): Uint8Array | null {
  try {
    const [type, content, ...rest] = readDerChildren(der, readDerElement(der, 0));
    if (!type || !content || rest.length > 0 || content.tag !== 0xa0 || !sameBytes(derBytes(der, type), SIGNED_DATA_OID)) return null;
    const [signedData, ...more] = readDerChildren(der, content);
    if (!signedData || more.length > 0 || signedData.tag !== 0x30) return null;
    const parts = readDerChildren(der, signedData);
    const certificateSet = parts.find((part) => part.tag === 0xa0);
    if (!certificateSet) return derBytes(der, signedData);
    if (readDerChildren(der, certificateSet).some((child) => child.tag !== 0x30)) return null;
    const kept = parts.filter((part) => part !== certificateSet).map((part) => derBytes(der, part));
    return new Uint8Array(derSequence(kept));
  } catch (error) {
    if (error instanceof DerError) return null;
    throw error;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
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
