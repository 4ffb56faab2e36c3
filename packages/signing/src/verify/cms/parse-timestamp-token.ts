import { decodeOid, derContent, readDerChildren, readDerElement } from '../../asn1/der-reader.js';
import { readTime } from './verify-cms-signature.js';
import { digestNameOf, type DigestName } from './signature-algorithms.js';

/** The parts of an RFC 3161 TSTInfo a document-timestamp check needs. */
export interface TstInfo {
  readonly imprintDigest: DigestName | null;
  readonly imprintDigestOid: string;
  readonly imprint: Uint8Array;
  readonly genTime: Date | null;
}

/**
 * TSTInfo ::= SEQUENCE { version, policy, messageImprint SEQUENCE { hashAlgorithm, hashedMessage }, serialNumber,
 * genTime GeneralizedTime, ... }
 */
export function parseTstInfo(der: Uint8Array): TstInfo {
  const root = readDerElement(der, 0);
  const [, , imprint, , genTime] = readDerChildren(der, root);
  if (!imprint || !genTime) throw new Error('truncated TSTInfo');
  const [algorithm, hashed] = readDerChildren(der, imprint);
  const oid = algorithm ? readDerChildren(der, algorithm)[0] : undefined;
  if (!oid || !hashed) throw new Error('malformed messageImprint');
  const imprintDigestOid = decodeOid(derContent(der, oid));
  return {
    imprintDigest: digestNameOf(imprintDigestOid) ?? null,
    imprintDigestOid,
    imprint: derContent(der, hashed),
    genTime: readTime(der.subarray(genTime.start, genTime.end)),
  };
}
