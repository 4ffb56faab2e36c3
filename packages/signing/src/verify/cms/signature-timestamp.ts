import { createHash } from 'node:crypto';
import type { SignerInfo } from '@peculiar/asn1-cms';
import { OID } from '../../asn1/oids.js';
import { parseTstInfo } from './parse-timestamp-token.js';
import { checkTimestampTokenCms } from './timestamp-token-check.js';
import { error, type VerifyProblem } from '../report/verify-problem.js';

export interface SignatureTimestamp {
  /** The TSA's time, when the token verifies and its imprint matches the signature value. */
  readonly time: Date | null;
  readonly problems: VerifyProblem[];
}

/**
 * The RFC 3161 token in the unsigned `signature-time-stamp` attribute (PAdES B-T, part of check 19): its own CMS
 * signature must verify and its imprint must be the hash of this SignerInfo's signature octets. TSA trust and the
 * EKU are not judged yet. Returns null when the signature carries no timestamp.
 */
export function verifySignatureTimestamp(signerInfo: SignerInfo): SignatureTimestamp | null {
  const attribute = signerInfo.unsignedAttrs?.find((a) => a.attrType === OID.signatureTimeStamp);
  const token = attribute?.attrValues[0];
  if (!token) return null;
  const problems: VerifyProblem[] = [];
  const { cms, sound } = checkTimestampTokenCms(new Uint8Array(token));
  if (!sound || !cms.encapsulatedContent) {
    problems.push(
      error('TIMESTAMP_MALFORMED', 'Dấu thời gian kèm chữ ký không hợp lệ', 'the signature timestamp token does not verify'),
    );
    return { time: null, problems };
  }
  try {
    const tst = parseTstInfo(cms.encapsulatedContent);
    const signature = new Uint8Array(signerInfo.signature.buffer);
    const matches = tst.imprintDigest !== null && createHash(tst.imprintDigest).update(signature).digest().equals(Buffer.from(tst.imprint));
    if (!matches) {
      problems.push(
        error(
          'TIMESTAMP_IMPRINT_MISMATCH',
          'Dấu thời gian kèm chữ ký không khớp với giá trị chữ ký',
          'the signature timestamp imprint does not match the signature value',
        ),
      );
      return { time: null, problems };
    }
    return { time: tst.genTime, problems };
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    problems.push(error('TIMESTAMP_MALFORMED', `TSTInfo không đọc được (${detail})`, `unreadable TSTInfo (${detail})`));
    return { time: null, problems };
  }
}
