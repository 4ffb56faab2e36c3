import { createHash, publicDecrypt, constants } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import type { SignerInfo } from '@peculiar/asn1-cms';
import { OID } from '../../asn1/oids.js';
import { decodeOid, derContent, readDerChildren, readDerElement } from '../../asn1/der-reader.js';
import { nameMatchKey, parseName } from '../../certificates/distinguished-name.js';
import type { ParsedCertificate } from '../../certificates/parsed-certificate.js';
import { CmsParseError, parseSignedData, type ParsedSignedData } from './parse-signed-data.js';
import {
  digestNameOf,
  isKnownSignatureAlgorithm,
  isWeakDigest,
  verifySignatureValue,
  type DigestName,
} from './signature-algorithms.js';
import { error, warning, type VerifyProblem } from '../report/verify-problem.js';


export interface CmsVerification {
  readonly parsed: ParsedSignedData | null;
  readonly signer: ParsedCertificate | null;
  readonly digest: DigestName | null;
  /** message-digest equals the hash of the signed content. */
  readonly intact: boolean;
  /** The signer's signature over the signed attributes verifies with the signer certificate's key. */
  readonly valid: boolean;
  readonly claimedSigningTime: Date | null;
  readonly hasSigningCertificateAttribute: boolean;
  /** Bytes after the DER inside the given blob (zero padding in a PDF /Contents). */
  readonly trailing: Uint8Array;
  /** For encapsulated content (timestamp tokens): the eContent octets. */
  readonly encapsulatedContent: Uint8Array | null;
  readonly problems: VerifyProblem[];
}

export interface CmsExpectations {
  /** The eContentType the SignedData must carry: id-data for PDF signatures, id-ct-TSTInfo for timestamp tokens. */
  readonly contentType: string;
  /** Detached content (PDF signatures) or encapsulated (timestamp tokens). */
  readonly detached: boolean;
  /** Hash of the detached content with the given digest; ignored for encapsulated content. */
  readonly contentDigest: (digest: DigestName) => Uint8Array;
}

/**
 * The RFC 5652 §5.4–§5.6 checks on one CMS SignedData: one SignerInfo, the digest algorithm, message-digest,
 * content-type, the signature over DER(SET OF signedAttrs), and the signer certificate binding (RFC 5035
 * signing-certificate-v2, required by ETSI EN 319 142-1). Fails closed.
 */
export function verifyCmsSignature(blob: Uint8Array, expect: CmsExpectations): CmsVerification {
  const problems: VerifyProblem[] = [];
  const failed = (extra: Partial<CmsVerification> = {}): CmsVerification => ({
    parsed: null,
    signer: null,
    digest: null,
    intact: false,
    valid: false,
    claimedSigningTime: null,
    hasSigningCertificateAttribute: false,
    trailing: new Uint8Array(0),
    encapsulatedContent: null,
    problems,
    ...extra,
  });

  let parsed: ParsedSignedData;
  try {
    parsed = parseSignedData(blob);
  } catch (cause) {
    const detail = cause instanceof CmsParseError ? cause.message : String(cause);
    problems.push(error('CMS_MALFORMED', `Chữ ký CMS không đọc được (${detail})`, `unreadable CMS (${detail})`));
    return failed();
  }
  const trailing = blob.subarray(parsed.der.length);
  const { signedData } = parsed;
  if (parsed.ber) {
    problems.push(
      warning(
        'CMS_NOT_DER',
        'CMS dùng mã hoá BER (độ dài không xác định) thay vì DER',
        'the CMS uses BER indefinite lengths instead of DER',
      ),
    );
  }
  if (signedData.signerInfos.length !== 1) {
    problems.push(
      error(
        'CMS_NOT_SINGLE_SIGNER',
        `CMS có ${signedData.signerInfos.length} người ký, phải đúng 1`,
        `CMS has ${signedData.signerInfos.length} SignerInfos, expected exactly one`,
      ),
    );
    return failed({ parsed, trailing });
  }
  const signerInfo = signedData.signerInfos[0] as SignerInfo;
  const eContent = signedData.encapContentInfo.eContent;
  const encapsulated = eContent?.single
    ? new Uint8Array(eContent.single.buffer)
    : eContent?.any
      ? octetStringContent(new Uint8Array(eContent.any))
      : null;
  if (expect.detached && encapsulated) {
    problems.push(error('CMS_NOT_DETACHED', 'CMS chứa nội dung, phải tách rời', 'CMS is not detached'));
  }
  if (!expect.detached && !encapsulated) {
    problems.push(error('CMS_MALFORMED', 'Dấu thời gian không có TSTInfo', 'timestamp token has no TSTInfo'));
    return failed({ parsed, trailing });
  }
  if (signedData.encapContentInfo.eContentType !== expect.contentType) {
    problems.push(
      error(
        'CONTENT_TYPE_INVALID',
        `Loại nội dung CMS ${signedData.encapContentInfo.eContentType} không đúng`,
        `eContentType ${signedData.encapContentInfo.eContentType} is not ${expect.contentType}`,
      ),
    );
  }

  const digest = digestNameOf(signerInfo.digestAlgorithm.algorithm);
  if (!digest) {
    problems.push(
      error(
        'UNSUPPORTED_ALGORITHM',
        `Thuật toán băm ${signerInfo.digestAlgorithm.algorithm} không được hỗ trợ`,
        `unsupported digest algorithm ${signerInfo.digestAlgorithm.algorithm}`,
      ),
    );
    return failed({ parsed, trailing });
  }
  if (isWeakDigest(digest)) {
    problems.push(
      warning('WEAK_DIGEST', 'Chữ ký dùng thuật toán băm yếu SHA-1', 'the signature uses the weak digest SHA-1'),
    );
  }
  const contentHash = expect.detached
    ? expect.contentDigest(digest)
    : createHash(digest)
        .update(encapsulated as Uint8Array)
        .digest();

  const signer = findSigner(signerInfo, parsed.certificates);
  if (!signer) {
    problems.push(
      error(
        'SIGNER_CERT_MISSING',
        'Không tìm thấy chứng thư số của người ký trong CMS',
        'the signer certificate is not in SignedData.certificates',
      ),
    );
  }

  const modulusBits = signer?.publicKey.asymmetricKeyDetails?.modulusLength;
  if (modulusBits !== undefined && modulusBits < 2048) {
    problems.push(
      warning('WEAK_KEY', `Khoá RSA của người ký chỉ ${modulusBits} bit (< 2048)`, `the signer's RSA key has only ${modulusBits} bits (< 2048)`),
    );
  }

  const attributes = signerInfo.signedAttrs ?? [];
  const attribute = (oid: string): Uint8Array | null => {
    const found = attributes.filter((a) => a.attrType === oid);
    if (found.length !== 1 || found[0]?.attrValues.length !== 1) return null;
    return new Uint8Array(found[0].attrValues[0] as ArrayBuffer);
  };

  let intact: boolean;
  let valid = false;
  let claimedSigningTime: Date | null = null;
  let hasSigningCertificateAttribute = false;
  const signedAttributesRaw = parsed.signedAttributesRaw[0] ?? null;
  if (signerInfo.signedAttrs && signedAttributesRaw) {
    const messageDigest = attribute(OID.messageDigest);
    const contentType = attribute(OID.contentType);
    if (!messageDigest) {
      problems.push(error('MESSAGE_DIGEST_MISSING', 'Thiếu thuộc tính message-digest', 'no message-digest attribute'));
      intact = false;
    } else {
      intact = Buffer.from(octetStringContent(messageDigest)).equals(Buffer.from(contentHash));
    }
    if (!contentType || readOid(contentType) !== expect.contentType) {
      problems.push(
        error(
          'CONTENT_TYPE_INVALID',
          'Thuộc tính content-type thiếu hoặc sai',
          'the content-type attribute is missing or wrong',
        ),
      );
    }
    const signingTime = attribute(OID.signingTime);
    if (signingTime) claimedSigningTime = readTime(signingTime);

    if (signer) {
      const signingCertificate = checkSigningCertificate(
        attribute(OID.signingCertificateV2),
        attribute(OID.signingCertificate),
        signer,
        problems,
      );
      hasSigningCertificateAttribute = signingCertificate;
      valid = verifySignedAttributes(signerInfo, signedAttributesRaw, digest, signer, problems);
    }
  } else {
    // No signed attributes: the signature is over the content itself. Only RSA can be checked from a digest.
    intact = true;
    if (signer) valid = verifyBareRsa(signerInfo, contentHash, digest, signer, problems);
  }
  if (!intact) {
    problems.push(
      error(
        'DIGEST_MISMATCH',
        'Nội dung đã bị thay đổi sau khi ký (giá trị băm không khớp)',
        'the signed bytes were changed (message-digest mismatch)',
      ),
    );
  }
  return {
    parsed,
    signer,
    digest,
    intact,
    valid,
    claimedSigningTime,
    hasSigningCertificateAttribute,
    trailing,
    encapsulatedContent: encapsulated,
    problems,
  };
}

function findSigner(signerInfo: SignerInfo, certificates: readonly ParsedCertificate[]): ParsedCertificate | null {
  const { issuerAndSerialNumber, subjectKeyIdentifier } = signerInfo.sid;
  if (issuerAndSerialNumber) {
    const issuerKey = nameMatchKey(parseName(new Uint8Array(AsnConvert.serialize(issuerAndSerialNumber.issuer))));
    const serial = Buffer.from(issuerAndSerialNumber.serialNumber).toString('hex').replace(/^(00)+/, '');
    return (
      certificates.find(
        (c) => c.issuerKey === issuerKey && Buffer.from(c.serialBytes).toString('hex').replace(/^(00)+/, '') === serial,
      ) ?? null
    );
  }
  if (subjectKeyIdentifier) {
    const wanted = Buffer.from(subjectKeyIdentifier.buffer).toString('hex');
    return certificates.find((c) => c.subjectKeyIdHex === wanted) ?? null;
  }
  return null;
}

/** Verifies over the attributes as found, then over their canonical DER SET OF ordering (check 12). */
function verifySignedAttributes(
  signerInfo: SignerInfo,
  raw: Uint8Array,
  digest: DigestName,
  signer: ParsedCertificate,
  problems: VerifyProblem[],
): boolean {
  const algorithmOid = signerInfo.signatureAlgorithm.algorithm;
  if (!isKnownSignatureAlgorithm(algorithmOid)) {
    problems.push(
      error(
        'UNSUPPORTED_ALGORITHM',
        `Thuật toán chữ ký ${algorithmOid} không được hỗ trợ`,
        `unsupported signature algorithm ${algorithmOid}`,
      ),
    );
    return false;
  }
  const asFound = new Uint8Array(raw);
  asFound[0] = 0x31;
  const canonical = canonicalSet(asFound);
  const check = (data: Uint8Array) =>
    verifySignatureValue({
      algorithmOid,
      parameters: signerInfo.signatureAlgorithm.parameters ?? null,
      digest,
      publicKey: signer.publicKey,
      data,
      signature: new Uint8Array(signerInfo.signature.buffer),
    });
  const foundOutcome = check(asFound);
  const isCanonical = Buffer.from(canonical).equals(Buffer.from(asFound));
  if (foundOutcome === 'verified') {
    if (!isCanonical) {
      problems.push(
        warning(
          'SIGNED_ATTRS_NOT_DER',
          'Thuộc tính ký không theo thứ tự DER; trình kiểm tra khác có thể từ chối',
          'signed attributes are not in DER order; other validators may reject them',
        ),
      );
    }
    return true;
  }
  if (foundOutcome === 'unsupported') {
    problems.push(
      error('UNSUPPORTED_ALGORITHM', 'Tham số thuật toán chữ ký không hỗ trợ', 'unsupported signature parameters'),
    );
    return false;
  }
  if (!isCanonical && check(canonical) === 'verified') {
    problems.push(
      warning(
        'SIGNED_ATTRS_NOT_DER',
        'Chữ ký chỉ khớp khi sắp xếp lại thuộc tính theo DER',
        'the signature verifies only over the DER-sorted signed attributes',
      ),
    );
    return true;
  }
  problems.push(
    error('SIGNATURE_INVALID', 'Chữ ký số không hợp lệ với khoá của người ký', "the signature does not verify with the signer's key"),
  );
  return false;
}

function verifyBareRsa(
  signerInfo: SignerInfo,
  contentHash: Uint8Array,
  digest: DigestName,
  signer: ParsedCertificate,
  problems: VerifyProblem[],
): boolean {
  if (signer.publicKey.asymmetricKeyType !== 'rsa') {
    problems.push(
      error(
        'UNSUPPORTED_ALGORITHM',
        'Chữ ký không có thuộc tính ký chỉ được hỗ trợ với RSA',
        'signatures without signed attributes are supported for RSA only',
      ),
    );
    return false;
  }
  try {
    const digestInfo = publicDecrypt(
      { key: signer.publicKey, padding: constants.RSA_PKCS1_PADDING },
      Buffer.from(signerInfo.signature.buffer),
    );
    const root = readDerElement(digestInfo, 0);
    const [algorithm, hash] = readDerChildren(digestInfo, root);
    const algorithmOid = algorithm ? readDerChildren(digestInfo, algorithm)[0] : undefined;
    const ok =
      algorithmOid !== undefined &&
      hash !== undefined &&
      digestNameOf(decodeOid(derContent(digestInfo, algorithmOid))) === digest &&
      Buffer.from(derContent(digestInfo, hash)).equals(Buffer.from(contentHash));
    if (!ok) problems.push(error('SIGNATURE_INVALID', 'Chữ ký số không hợp lệ', 'the signature does not verify'));
    return ok;
  } catch {
    problems.push(error('SIGNATURE_INVALID', 'Chữ ký số không hợp lệ', 'the signature does not verify'));
    return false;
  }
}

/** Check 14: the ESS signing-certificate(-v2) attribute names exactly the signer certificate. */
function checkSigningCertificate(
  v2: Uint8Array | null,
  v1: Uint8Array | null,
  signer: ParsedCertificate,
  problems: VerifyProblem[],
): boolean {
  const value = v2 ?? v1;
  if (!value) return false;
  try {
    const root = readDerElement(value, 0);
    const certs = readDerChildren(value, root)[0];
    const first = certs ? readDerChildren(value, certs)[0] : undefined;
    if (!first) throw new Error('empty');
    const parts = readDerChildren(value, first);
    let hashAlgorithm: DigestName = v2 ? 'sha256' : 'sha1';
    let index = 0;
    if (v2 && parts[0]?.tag === 0x30) {
      const oid = readDerChildren(value, parts[0])[0];
      const named = oid ? digestNameOf(decodeOid(derContent(value, oid))) : undefined;
      if (!named) throw new Error('unknown hash');
      hashAlgorithm = named;
      index = 1;
    }
    const certHash = parts[index];
    if (!certHash || certHash.tag !== 0x04) throw new Error('no certHash');
    let matches = Buffer.from(derContent(value, certHash)).equals(signer.hash(hashAlgorithm));
    const issuerSerial = parts[index + 1];
    if (matches && issuerSerial) {
      // IssuerSerial ::= SEQUENCE { issuer, serialNumber }: one without its serial is malformed, not a match.
      const serial = readDerChildren(value, issuerSerial)[1];
      if (!serial) throw new Error('issuerSerial without serialNumber');
      matches =
        Buffer.from(derContent(value, serial)).toString('hex').replace(/^(00)+/, '') ===
        Buffer.from(signer.serialBytes).toString('hex').replace(/^(00)+/, '');
    }
    if (!matches) {
      problems.push(
        error(
          'SIGNING_CERT_ATTR_MISMATCH',
          'Thuộc tính signing-certificate không khớp chứng thư của người ký',
          'the signing-certificate attribute does not match the signer certificate',
        ),
      );
    }
    return true;
  } catch {
    problems.push(
      error(
        'SIGNING_CERT_ATTR_MISMATCH',
        'Thuộc tính signing-certificate không đọc được',
        'unreadable signing-certificate attribute',
      ),
    );
    return true;
  }
}

/** DER SET OF: elements sorted by their encodings (X.690 §11.6). */
function canonicalSet(set: Uint8Array): Uint8Array {
  const root = readDerElement(set, 0);
  const elements = readDerChildren(set, root).map((child) => Buffer.from(set.subarray(child.start, child.end)));
  elements.sort(Buffer.compare);
  const body = Buffer.concat(elements);
  return new Uint8Array(Buffer.concat([Buffer.from([0x31]), derLength(body.length), body]));
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** An OCTET STRING's octets; a constructed (BER) one is the concatenation of its segments. */
function octetStringContent(der: Uint8Array): Uint8Array {
  const element = readDerElement(der, 0);
  if (element.tag !== 0x24) return derContent(der, element);
  return new Uint8Array(Buffer.concat(readDerChildren(der, element).map((child) => octetStringContent(der.subarray(child.start, child.end)))));
}

function readOid(der: Uint8Array): string | null {
  const element = readDerElement(der, 0);
  return element.tag === 0x06 ? decodeOid(derContent(der, element)) : null;
}

/** UTCTime or GeneralizedTime, as in signing-time and TSTInfo.genTime. */
export function readTime(der: Uint8Array): Date | null {
  const element = readDerElement(der, 0);
  const text = Buffer.from(derContent(der, element)).toString('latin1');
  const match =
    element.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.(\d+))?Z$/.exec(text)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?Z$/.exec(text);
  if (!match) return null;
  let year = Number(match[1]);
  if (element.tag === 0x17) year += year < 50 ? 2000 : 1900;
  const fraction = match[7] ? Number(`0.${match[7]}`) * 1000 : 0;
  return new Date(
    Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6] ?? 0), fraction),
  );
}
