import { OID } from '../../asn1/oids.js';
import { verifyCmsSignature, type CmsVerification } from './verify-cms-signature.js';

/** An RFC 3161 TimeStampToken's own CMS check, and whether it holds as a token. */
export interface TimestampTokenCheck {
  readonly cms: CmsVerification;
  /** It carries its TSTInfo, its message-digest matches, its signature verifies, and it is typed id-ct-TSTInfo. */
  readonly sound: boolean;
}

/**
 * The one check every token reader makes (the PDF signature's timestamp, the LTV verdict, the TSA client). RFC 3161
 * §2.4.2: a TimeStampToken's eContentType, and content-type attribute, is id-ct-TSTInfo. verifyCmsSignature reports a
 * wrong type as a problem beside `valid`, so it is counted here: else TSTInfo-shaped bytes signed as id-data, by any
 * key that otherwise verifies, pass for a timestamp.
 */
export function checkTimestampTokenCms(token: Uint8Array): TimestampTokenCheck {
  const cms = verifyCmsSignature(token, { contentType: OID.tstInfo, detached: false, contentDigest: () => new Uint8Array(0) });
  const typed = !cms.problems.some((problem) => problem.code === 'CONTENT_TYPE_INVALID');
  return { cms, sound: cms.encapsulatedContent !== null && cms.intact && cms.valid && typed };
}
