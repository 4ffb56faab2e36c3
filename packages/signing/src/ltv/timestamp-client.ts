import { createHash, randomBytes } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { TSTInfo } from '@peculiar/asn1-tsp';
import { derBytes, readDerChildren, readDerElement } from '../asn1/der-reader.js';
import { derOctetString, derOid, derSequence, derSmallInteger, derUnsignedInteger, derElement } from '../asn1/der-writer.js';
import { OID } from '../asn1/oids.js';
import type { ParsedCertificate } from '../certificates/parsed-certificate.js';
import type { DigestAlgorithm } from '../signer/signer.js';
import { SigningError } from '../signing-error.js';
import { checkTimestampTokenCms } from '../verify/cms/timestamp-token-check.js';
import { httpExchange } from './http-exchange.js';

const DIGEST_OID: Record<DigestAlgorithm, string> = { sha256: OID.sha256, sha384: OID.sha384, sha512: OID.sha512 };

export interface TimestampRequest {
  readonly url: string;
  /** The bytes to timestamp, hashed here with `digest` (RFC 3161 §2.4.1 messageImprint)… */
  readonly data?: Uint8Array;
  /** …or their hash already made with `digest` (a document timestamp's ByteRange digest, computed while writing). */
  readonly imprint?: Uint8Array;
  readonly digest?: DigestAlgorithm;
  readonly timeoutMs?: number;
}

export interface TimestampToken {
  /** The TimeStampToken (a ContentInfo), exactly as the TSA sent it. */
  readonly der: Buffer;
  readonly genTime: Date;
  readonly tsaCertificate: ParsedCertificate | null;
}

/** Typed failures: the TSA cannot be reached, refuses, answers something unreadable, or answers another question. */
export type TimestampErrorCode = 'TSA_UNREACHABLE' | 'TSA_REFUSED' | 'TSA_MALFORMED' | 'TSA_MISMATCH';

/**
 * An RFC 3161 client: POST application/timestamp-query with SHA-256 (or the given digest), a 64-bit random nonce and
 * certReq, then checks that the answer is granted, that the token's CMS signature verifies with the certificate it
 * carries, and that its imprint and nonce are ours (a TSA answering another query is refused, not used).
 */
export async function requestTimestamp(request: TimestampRequest): Promise<TimestampToken> {
  const digest = request.digest ?? 'sha256';
  const imprint = request.imprint ? Buffer.from(request.imprint) : request.data ? createHash(digest).update(request.data).digest() : null;
  if (!imprint) throw new SigningError('BAD_ARGUMENT', 'Không có gì để đóng dấu thời gian / nothing to timestamp');
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0] ?? 0) & 0x7f; // a positive INTEGER without a leading zero octet, so it compares byte for byte
  if (nonce[0] === 0) nonce[0] = 1;
  // TimeStampReq ::= SEQUENCE { version 1, messageImprint, reqPolicy OPTIONAL, nonce, certReq TRUE }
  const query = derSequence([
    derSmallInteger(1),
    derSequence([derSequence([derOid(DIGEST_OID[digest])]), derOctetString(imprint)]),
    derUnsignedInteger(nonce),
    derElement(0x01, Buffer.from([0xff])),
  ]);
  const answer = await httpExchange(request.url, {
    method: 'POST',
    body: query,
    contentType: 'application/timestamp-query',
    accept: 'application/timestamp-reply',
    timeoutMs: request.timeoutMs ?? 15_000,
    maxBytes: 1024 * 1024,
    errorCode: 'TSA_UNREACHABLE',
    what: 'TSA',
  });
  const token = readTimestampResponse(answer);
  const checked = checkTimestampToken(token, imprint, digest);
  const tstNonce = checked.info.nonce ? Buffer.from(checked.info.nonce) : null;
  if (!tstNonce || !stripZeros(tstNonce).equals(stripZeros(nonce))) {
    throw new SigningError('TSA_MISMATCH', 'Dấu thời gian trả về không đúng nonce đã gửi / the TSA answer carries another nonce');
  }
  return { der: token, genTime: checked.info.genTime, tsaCertificate: checked.tsa };
}

/**
 * TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken OPTIONAL }. Returns the token's bytes verbatim;
 * status granted (0) and grantedWithMods (1) are the only acceptable ones.
 */
export function readTimestampResponse(answer: Uint8Array): Buffer {
  let status: number;
  let token: Uint8Array | null = null;
  try {
    const root = readDerElement(answer, 0);
    if (root.end !== answer.length) throw new Error('trailing bytes');
    const [statusInfo, tokenElement] = readDerChildren(answer, root);
    if (!statusInfo) throw new Error('no status');
    const statusElement = readDerChildren(answer, statusInfo)[0];
    if (!statusElement || statusElement.tag !== 0x02) throw new Error('no status integer');
    status = answer[statusElement.contentStart] ?? -1;
    if (tokenElement) token = derBytes(answer, tokenElement);
  } catch (cause) {
    throw new SigningError('TSA_MALFORMED', `Câu trả lời của TSA không đọc được / unreadable TSA answer (${(cause as Error).message})`, { cause });
  }
  if (status !== 0 && status !== 1) {
    throw new SigningError('TSA_REFUSED', `TSA từ chối cấp dấu thời gian (trạng thái ${status}) / the TSA refused (status ${status})`);
  }
  if (!token) throw new SigningError('TSA_MALFORMED', 'TSA trả lời "cấp" nhưng không có dấu thời gian / granted without a token');
  return Buffer.from(token);
}

/** The token's own signature and its imprint: what both the client and the embedder must see hold. */
export function checkTimestampToken(token: Uint8Array, imprint: Uint8Array, digest: DigestAlgorithm): { info: TSTInfo; tsa: ParsedCertificate | null } {
  const { cms, sound } = checkTimestampTokenCms(token);
  if (!sound || !cms.encapsulatedContent) {
    const detail = cms.problems.map((p) => p.message).join('; ');
    throw new SigningError('TSA_MALFORMED', `Dấu thời gian của TSA không kiểm tra được / the TSA's token does not verify (${detail})`);
  }
  let info: TSTInfo;
  try {
    info = AsnConvert.parse(cms.encapsulatedContent, TSTInfo);
  } catch (cause) {
    throw new SigningError('TSA_MALFORMED', 'TSTInfo không đọc được / unreadable TSTInfo', { cause });
  }
  const sameAlgorithm = info.messageImprint.hashAlgorithm.algorithm === DIGEST_OID[digest];
  if (!sameAlgorithm || !Buffer.from(info.messageImprint.hashedMessage.buffer).equals(Buffer.from(imprint))) {
    throw new SigningError('TSA_MISMATCH', 'Dấu thời gian trả về cho một dữ liệu khác / the TSA stamped another imprint');
  }
  return { info, tsa: cms.signer };
}

function stripZeros(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  return bytes.subarray(start);
}
