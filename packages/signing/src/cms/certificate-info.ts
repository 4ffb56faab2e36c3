import forge from 'node-forge';
import { SigningError } from '../signing-error.js';
import type { KeyAlgorithm } from '../signer/signer.js';
import { OID } from '../asn1/oids.js';

const { asn1 } = forge;

/** What the CMS builder needs from the signer's certificate, with the issuer and serial as the certificate has them. */
export interface CertificateInfo {
  readonly der: Uint8Array;
  /** The issuer Name exactly as encoded in the certificate (never re-encoded: forge #847). */
  readonly issuer: forge.asn1.Asn1;
  /** The serialNumber INTEGER exactly as encoded. */
  readonly serialNumber: forge.asn1.Asn1;
  readonly keyAlgorithm: KeyAlgorithm;
}

const notACertificate = (why: string): SigningError =>
  new SigningError('BAD_ARGUMENT', `Chứng thư số hỏng: ${why} / malformed certificate: ${why}`);

/**
 * DER → forge node without interpreting BIT STRING contents, so that re-encoding gives the same bytes. (forge's JS
 * accepts an options object here; its type declarations only know the older boolean form.)
 */
export function parseDer(bytes: Uint8Array): forge.asn1.Asn1 {
  const fromDer = asn1.fromDer as unknown as (input: string, options: { decodeBitStrings: boolean }) => forge.asn1.Asn1;
  return fromDer(Buffer.from(bytes).toString('binary'), { decodeBitStrings: false });
}

export const toBinary = (bytes: Uint8Array): string => Buffer.from(bytes).toString('binary');
export const fromBinary = (s: string): Buffer => Buffer.from(s, 'binary');

/**
 * Reads the fields we copy into SignerInfo and ESSCertIDv2. Each copied node is checked to re-encode to the very bytes
 * found in the certificate, so a certificate that is not DER fails here instead of producing a signature whose sid
 * matches no certificate.
 */
export function readCertificateInfo(der: Uint8Array): CertificateInfo {
  let cert: forge.asn1.Asn1;
  try {
    cert = parseDer(der);
  } catch (cause) {
    throw notACertificate(String((cause as Error).message));
  }
  const tbs = Array.isArray(cert.value) ? cert.value[0] : undefined;
  if (!tbs || !Array.isArray(tbs.value)) throw notACertificate('no tbsCertificate');
  const fields = tbs.value;
  const hasVersion = fields[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC && fields[0]?.type === 0;
  const at = (i: number): forge.asn1.Asn1 => {
    const f = fields[i + (hasVersion ? 1 : 0)];
    if (!f) throw notACertificate('short tbsCertificate');
    return f;
  };
  const serialNumber = at(0);
  const issuer = at(2);
  const spki = at(5);
  const whole = Buffer.from(der);
  for (const [what, node] of [['issuer', issuer], ['serialNumber', serialNumber]] as const) {
    if (whole.indexOf(fromBinary(asn1.toDer(node).getBytes())) < 0) {
      throw notACertificate(`${what} is not DER-encoded`);
    }
  }
  return { der, issuer, serialNumber, keyAlgorithm: keyAlgorithmOf(spki) };
}

function keyAlgorithmOf(spki: forge.asn1.Asn1): KeyAlgorithm {
  const algorithm = (spki.value as forge.asn1.Asn1[])[0];
  const parts = algorithm?.value as forge.asn1.Asn1[] | undefined;
  const oid = parts?.[0] ? asn1.derToOid(parts[0].value as string) : '';
  if (oid === OID.rsaEncryption) {
    const bitString = (spki.value as forge.asn1.Asn1[])[1]!.value as string;
    const rsaKey = asn1.fromDer(bitString.slice(1));
    const modulus = (rsaKey.value as forge.asn1.Asn1[])[0]!.value as string;
    const significant = modulus.replace(/^\0+/, '');
    return { kind: 'rsa', modulusBits: significant.length * 8 - Math.clz32(significant.charCodeAt(0)) + 24 };
  }
  if (oid === OID.ecPublicKey) {
    const curveOid = parts?.[1] && parts[1].type === asn1.Type.OID ? asn1.derToOid(parts[1].value as string) : '';
    const curve = curveOid === OID.p256 ? 'P-256' : curveOid === OID.p384 ? 'P-384' : curveOid === OID.p521 ? 'P-521' : undefined;
    if (curve) return { kind: 'ec', curve };
  }
  throw new SigningError('KEY_UNSUPPORTED', `Loại khoá chưa hỗ trợ (${oid}) / unsupported key type (${oid})`);
}
