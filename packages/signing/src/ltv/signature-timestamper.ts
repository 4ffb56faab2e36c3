import { OID } from '../asn1/oids.js';
import { unsignedAttribute } from '../cms/signed-data.js';
import type { DigestAlgorithm } from '../signer/signer.js';
import { SigningError } from '../signing-error.js';
import { requestTimestamp } from './timestamp-client.js';

/**
 * What to do when the agency's TSA cannot be reached at signing: `fail` (nothing is written) or `sign-without`
 * (a B-B signature and a warning). A TSA that answers wrongly (refused, malformed, another imprint or nonce) always
 * fails: a wrong answer is not an outage and must not be papered over.
 */
export type TsaFailurePolicy = 'fail' | 'sign-without';

export interface SignatureTimestampPolicy {
  readonly url: string;
  readonly onUnreachable: TsaFailurePolicy;
  readonly timeoutMs?: number;
}

/** Room in /Contents for a signature-time-stamp token (the TSA's SignedData with its chain). */
export const TIMESTAMP_RESERVE_BYTES = 12 * 1024;

export interface TimestampOutcome {
  level: 'B-B' | 'B-T';
  time: Date | null;
  /** Set when the policy let the signature go out without its timestamp. */
  warning: string | null;
}

/**
 * The unsigned attributes of a PAdES B-T signature (ETSI EN 319 142-1 §5.3, RFC 3161 Appendix A): one
 * signature-time-stamp over the SignerInfo's signature octets, hashed with the signature's digest.
 */
export function signatureTimestamper(
  policy: SignatureTimestampPolicy,
  digest: DigestAlgorithm,
): { readonly outcome: TimestampOutcome; attributes(signature: Uint8Array): Promise<Buffer[]> } {
  const outcome: TimestampOutcome = { level: 'B-B', time: null, warning: null };
  return {
    outcome,
    async attributes(signature) {
      try {
        const token = await requestTimestamp({ url: policy.url, data: signature, digest, ...(policy.timeoutMs ? { timeoutMs: policy.timeoutMs } : {}) });
        outcome.level = 'B-T';
        outcome.time = token.genTime;
        return [unsignedAttribute(OID.signatureTimeStamp, token.der)];
      } catch (error) {
        if (error instanceof SigningError && error.code === 'TSA_UNREACHABLE' && policy.onUnreachable === 'sign-without') {
          outcome.warning = `Ký không có dấu thời gian (B-B) vì TSA không liên lạc được: ${error.message}`;
          return [];
        }
        throw error;
      }
    },
  };
}
