import { OID } from '../../asn1/oids.js';
import type { PdfReader } from '../../pdf/pdf-reader.js';
import type { SignatureField } from '../../pdf/signature-fields.js';
import { byteRangeDigester } from '../byte-range/byte-range-digest.js';
import { parseTstInfo } from './parse-timestamp-token.js';
import { verifySignatureTimestamp } from './signature-timestamp.js';
import type { CheckedByteRange, SignatureDictionaryFacts } from '../byte-range/signature-dictionary-checks.js';
import { verifyCmsSignature, type CmsVerification } from './verify-cms-signature.js';
import { error, warning, type VerifyProblem } from '../report/verify-problem.js';
import type { DigestName } from './signature-algorithms.js';

/** The cryptographic part of one signature or document timestamp: its /Contents checked against the ByteRange. */
export interface ContentsOutcome {
  readonly intact: boolean;
  readonly valid: boolean;
  readonly cms: CmsVerification | null;
  readonly timestampTime: Date | null;
}

/** The digest of one checked byte range by algorithm; the verifier shares one per range across fields. */
export type RangeDigester = (range: CheckedByteRange) => (digest: DigestName) => Uint8Array;

export function verifyContents(
  reader: PdfReader,
  facts: SignatureDictionaryFacts,
  problems: VerifyProblem[],
  digesterFor: RangeDigester = (range) => byteRangeDigester(reader.source, range),
): ContentsOutcome {
  if (!facts.contents) return { intact: false, valid: false, cms: null, timestampTime: null };
  const range: CheckedByteRange | null = facts.byteRange;
  const digester = range ? digesterFor(range) : () => new Uint8Array(0);
  if (facts.kind === 'signature') {
    const cms = verifyCmsSignature(facts.contents, { contentType: OID.data, detached: true, contentDigest: digester });
    problems.push(...cms.problems);
    checkPadding(cms, problems);
    const signerInfo = cms.parsed?.signedData.signerInfos[0];
    const stamp = signerInfo && cms.valid ? verifySignatureTimestamp(signerInfo) : null;
    if (stamp) problems.push(...stamp.problems);
    return { intact: cms.intact && range !== null, valid: cms.valid, cms, timestampTime: stamp?.time ?? null };
  }
  const cms = verifyCmsSignature(facts.contents, { contentType: OID.tstInfo, detached: false, contentDigest: digester });
  problems.push(...cms.problems);
  checkPadding(cms, problems);
  if (!cms.encapsulatedContent) return { intact: false, valid: cms.valid, cms, timestampTime: null };
  try {
    const tst = parseTstInfo(cms.encapsulatedContent);
    if (!tst.imprintDigest) {
      problems.push(
        error('UNSUPPORTED_ALGORITHM', `Thuật toán băm ${tst.imprintDigestOid} không hỗ trợ`, `unsupported imprint digest ${tst.imprintDigestOid}`),
      );
      return { intact: false, valid: cms.valid, cms, timestampTime: tst.genTime };
    }
    const imprintMatches = range !== null && Buffer.from(tst.imprint).equals(Buffer.from(digester(tst.imprintDigest)));
    if (!imprintMatches) {
      problems.push(
        error(
          'TIMESTAMP_IMPRINT_MISMATCH',
          'Dấu thời gian không khớp với nội dung tài liệu',
          'the timestamp imprint does not match the signed bytes',
        ),
      );
    }
    return { intact: cms.intact && imprintMatches, valid: cms.valid, cms, timestampTime: tst.genTime };
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    problems.push(error('TIMESTAMP_MALFORMED', `TSTInfo không đọc được (${detail})`, `unreadable TSTInfo (${detail})`));
    return { intact: false, valid: cms.valid, cms, timestampTime: null };
  }
}

/** SWA hardening: what follows the DER in /Contents must be zero padding. */
function checkPadding(cms: CmsVerification, problems: VerifyProblem[]): void {
  if (cms.trailing.some((b) => b !== 0)) {
    problems.push(
      error(
        'CONTENTS_PADDING_NOT_ZERO',
        'Phần đệm sau chữ ký trong /Contents không phải toàn số 0',
        '/Contents padding after the CMS is not all zeros',
      ),
    );
  }
}

/** Check 15, as warnings: PAdES wants /M, no signing-time attribute, and a signing-certificate attribute. */
export function checkPadesProfile(
  facts: SignatureDictionaryFacts,
  field: SignatureField,
  cms: CmsVerification | null,
  problems: VerifyProblem[],
): void {
  if (facts.subFilter !== 'ETSI.CAdES.detached' || !cms?.parsed) return;
  if (!field.value?.has('M')) {
    problems.push(warning('PADES_M_MISSING', 'Chữ ký PAdES thiếu /M', 'PAdES signature without /M'));
  }
  if (cms.claimedSigningTime) {
    problems.push(
      warning(
        'PADES_SIGNING_TIME_PRESENT',
        'Chữ ký PAdES có thuộc tính signing-time (PAdES cấm)',
        'PAdES signature carries a signing-time attribute, which PAdES forbids',
      ),
    );
  }
  if (!cms.hasSigningCertificateAttribute) {
    problems.push(
      warning(
        'SIGNING_CERT_ATTR_MISSING',
        'Chữ ký PAdES thiếu thuộc tính signing-certificate-v2',
        'PAdES signature without a signing-certificate(-v2) attribute',
      ),
    );
  }
}
