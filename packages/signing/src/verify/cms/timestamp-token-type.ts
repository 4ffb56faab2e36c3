import type { CmsVerification } from './verify-cms-signature.js';

/**
 * RFC 3161 §2.4.2: a TimeStampToken is a SignedData whose eContentType, and content-type attribute, is id-ct-TSTInfo.
 * verifyCmsSignature reports a wrong type as a problem beside `valid`; a caller that keeps only the token's verdict
 * must count it too, or TSTInfo-shaped bytes signed as id-data, by any key that otherwise verifies, pass for a timestamp.
 */
export function isTimestampTokenType(cms: CmsVerification): boolean {
  return !cms.problems.some((problem) => problem.code === 'CONTENT_TYPE_INVALID');
}
