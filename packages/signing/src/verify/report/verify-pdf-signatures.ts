import { certificateFacts } from '../../certificates/certificate-facts.js';
import { PdfRef, PdfString } from '../../pdf/pdf-objects.js';
import { PdfReader } from '../../pdf/pdf-reader.js';
import { signatureFields, type SignatureField } from '../../pdf/signature-fields.js';
import { verifyCertificateChain } from '../certificates/certificate-chain.js';
import { documentStructureProblems, readDssCertificates } from '../byte-range/document-structure.js';
import { certificationInForce, judgeModifications } from '../modifications/modification-verdict.js';
import type { ParsedCertificate } from '../../certificates/parsed-certificate.js';
import { parsePdfDate } from './pdf-date.js';
import { classifyRevision, type RevisionChange } from '../modifications/revision-changes.js';
import { detectShadowSuspects, textRunsInside } from '../modifications/shadow-suspects.js';
import { evaluateCoverage } from '../byte-range/signature-coverage.js';
import {
  checkSignatureDictionary,
  findByteRangeCollisions,
  type SignatureDictionaryFacts,
} from '../byte-range/signature-dictionary-checks.js';
import { certificationDictionary, readSignaturePermissions } from '../modifications/signature-permissions.js';
import { checkPadesProfile, verifyContents, type ContentsOutcome, type RangeDigester } from '../cms/verify-signature-contents.js';
import { byteRangeDigester } from '../byte-range/byte-range-digest.js';
import type { DigestName } from '../cms/signature-algorithms.js';
import { isLimitExceeded, LIMIT_CODE } from '../../pdf/decode-limits.js';
import { SigningError } from '../../signing-error.js';
import { error, warning, type VerifyProblem } from './verify-problem.js';
import type { PdfVerifyReport, SignatureVerdict, SignerSummary } from './verify-report.js';
import type { RevocationData } from '../../ltv/revocation-types.js';
import type { SourcedRevocationData } from '../../ltv/revocation-judge.js';
import { dssRevisionIndex, readDssRevocation } from '../ltv/embedded-validation-data.js';
import { padesLevel } from '../ltv/pades-level.js';
import { judgePathRevocation, type RevocationVerdict } from '../ltv/revocation-verdict.js';
import { judgeSignatureTimestamp, type TimestampVerdict } from '../ltv/timestamp-verdict.js';

export interface VerifyOptions {
  /** Trust anchors; none means `trusted: null`. */
  readonly trustAnchors?: readonly ParsedCertificate[];
  /** The time at which certificates must be valid. Default: now. A timestamp moves it back to the time it proves. */
  readonly validationTime?: Date;
  /** OCSP responses and CRLs fetched for this file (`--online`); the /DSS's own are always used. */
  readonly onlineRevocation?: RevocationData;
}

const STRUCTURAL_CODES = new Set(['BYTE_RANGE_INVALID', 'CONTENTS_NOT_IN_GAP', 'SIG_DICT_NOT_SIGNED', 'CONTENTS_PADDING_NOT_ZERO']);

interface Candidate {
  readonly field: SignatureField;
  readonly facts: SignatureDictionaryFacts;
}

/**
 * Verifies every signature and document timestamp of a PDF (ISO 32000-2 §12.8, ETSI EN 319 142-1): the signature
 * dictionary and its byte ranges, the CMS, the certificate chain, the document timestamp, the incremental updates
 * after each signature and the MDP permissions. Throws SigningError only when the file cannot be read as a PDF.
 */
export function verifyPdfSignatures(input: string | Uint8Array, options: VerifyOptions = {}): PdfVerifyReport {
  try {
    const reader = PdfReader.open(input);
    try {
      return verifyWithReader(reader, options);
    } finally {
      reader.close();
    }
  } catch (cause) {
    // A structure deep enough to exhaust the stack is the file's fault, not a verdict on a signature (never exit 1).
    if (cause instanceof RangeError) {
      throw new SigningError(LIMIT_CODE, `Tệp PDF quá phức tạp để kiểm tra / the PDF is too complex to verify (${cause.message})`, { cause });
    }
    throw cause;
  }
}

export function verifyWithReader(reader: PdfReader, options: VerifyOptions = {}): PdfVerifyReport {
  const at = options.validationTime ?? new Date();
  const anchors = options.trustAnchors ?? [];
  const candidates: Candidate[] = signatureFields(reader)
    .filter((field) => field.value !== undefined)
    .map((field) => ({ field, facts: safeDictionaryCheck(reader, field) }));
  candidates.sort((a, b) => orderKey(a) - orderKey(b));
  const collisions = findByteRangeCollisions(candidates.map((c) => c.facts.byteRange));
  const documentProblems = documentStructureProblems(reader);
  const dssCertificates = readDssCertificates(reader);
  const revisionChanges = new Map<number, RevisionChange[]>();
  const changesOf = (index: number): RevisionChange[] => {
    let changes = revisionChanges.get(index);
    if (!changes) {
      try {
        changes = classifyRevision(reader, index);
      } catch (cause) {
        if (isLimitExceeded(cause)) throw cause;
        const detail = cause instanceof Error ? cause.message : String(cause);
        changes = [
          {
            revisionIndex: index,
            level: 'other',
            objectNumber: null,
            fieldName: null,
            description: `Không phân tích được phiên bản ${index + 1} (${detail}) / cannot analyse revision ${index + 1} (${detail})`,
          },
        ];
      }
      revisionChanges.set(index, changes);
    }
    return changes;
  };
  const certification = certificationDictionary(reader);
  // Each byte range is hashed once, however many fields point at it (1,000 fields on one /V once took 25 s).
  const digesters = new Map<string, (digest: DigestName) => Uint8Array>();
  const digesterFor: RangeDigester = (range) => {
    const key = `${range.start1},${range.length1},${range.start2},${range.length2}`;
    let digester = digesters.get(key);
    if (!digester) {
      digester = byteRangeDigester(reader.source, range);
      digesters.set(key, digester);
    }
    return digester;
  };
  // And each signature dictionary's CMS is checked once: fields that share a /V share the outcome.
  const contentsByValue = new Map<string, { outcome: ContentsOutcome; problems: VerifyProblem[] }>();
  const contentsOf = (candidate: Candidate): { outcome: ContentsOutcome; problems: VerifyProblem[] } => {
    const key = candidate.field.valueRef?.key;
    const cached = key === undefined ? undefined : contentsByValue.get(key);
    if (cached) return cached;
    const problems: VerifyProblem[] = [];
    const result = { outcome: verifyContents(reader, candidate.facts, problems, digesterFor), problems };
    if (key !== undefined) contentsByValue.set(key, result);
    return result;
  };
  const revocationSources: SourcedRevocationData[] = [
    { source: 'embedded', data: readDssRevocation(reader) },
    ...(options.onlineRevocation ? [{ source: 'online' as const, data: options.onlineRevocation }] : []),
  ];
  const dssIndex = dssRevisionIndex(reader);
  // Document timestamps first: each proves that everything it covers existed at its time (and protects it).
  const documentStampTimes = candidates.map((c) => (c.facts.kind === 'docTimestamp' ? documentTimestampTime(reader, c.facts) : null));
  const laterStamp = (index: number): Date | null => {
    const later = documentStampTimes.slice(index + 1).filter((t): t is Date => t !== null);
    return later.length === 0 ? null : new Date(Math.min(...later.map((t) => t.getTime())));
  };
  const timestamped: boolean[] = [];
  const stampTrusted: boolean[] = [];

  const coverages = candidates.map((c) => (c.facts.byteRange ? evaluateCoverage(reader, c.facts.byteRange) : null));
  // The certification in force for a signature: a DocMDP signature at or before its revision.
  const permissions = candidates.map((c) => readSignaturePermissions(reader, c.field));

  const verdicts = candidates.map((candidate, index): SignatureVerdict => {
    try {
      return verifyOne(candidate, index);
    } catch (cause) {
      if (isLimitExceeded(cause)) throw cause;
      // Fail closed: a signature whose objects break the checks is reported as unverifiable, never skipped.
      const detail = cause instanceof Error ? cause.message : String(cause);
      return {
        field: candidate.field.name,
        kind: candidate.facts.kind,
        subFilter: candidate.facts.subFilter,
        revision: null,
        signingTime: null,
        signer: null,
        intact: false,
        valid: false,
        trusted: anchors.length === 0 ? null : false,
        coverage: 'partial',
        modification: 'disallowed',
        docMdp: null,
        level: null,
        timestamp: null,
        revocation: { status: 'unknown', source: null, revokedAt: null, reason: null, judgedAt: at.toISOString(), certificates: [] },
        problems: [
          ...candidate.facts.problems,
          error('SIG_DICT_INVALID', `Không kiểm tra được chữ ký (${detail})`, `the signature cannot be verified (${detail})`),
        ],
      };
    }
  });

  function verifyOne(candidate: Candidate, index: number): SignatureVerdict {
    const { field, facts } = candidate;
    const problems: VerifyProblem[] = [...facts.problems, ...documentProblems];
    const collision = collisions.get(index);
    if (collision) problems.push(collision);
    const reusedBy = candidates.slice(0, index).find((c) => c.field.valueRef !== undefined && field.valueRef?.equals(c.field.valueRef));
    if (reusedBy) {
      // One signature shown in two fields: the second field claims a signature that was never made for it.
      problems.push(
        error(
          'SIG_DICT_REUSED',
          `Trường "${field.name}" dùng lại chữ ký của trường "${reusedBy.field.name}"`,
          `field "${field.name}" reuses the signature of field "${reusedBy.field.name}"`,
        ),
      );
    }
    const contents = contentsOf(candidate);
    problems.push(...contents.problems);
    const crypto = contents.outcome;
    const structuralError = facts.problems.some((p) => STRUCTURAL_CODES.has(p.code)) || problems.some((p) => STRUCTURAL_CODES.has(p.code));
    const intact = crypto.intact && !structuralError;
    const signer = crypto.cms?.signer ?? null;

    let trusted: boolean | null = anchors.length === 0 ? null : false;
    const pool = [...(crypto.cms?.parsed?.certificates ?? []), ...dssCertificates];
    // Validation at a past time (issue 16 item 4): what a later archive timestamp protects is judged at its time,
    // and a signature is judged at the time its timestamp proves, never later than the validation time.
    const protectedAt = laterStamp(index);
    const trustAt = protectedAt && protectedAt < at ? protectedAt : at;
    const signerInfo = crypto.cms?.parsed?.signedData.signerInfos[0];
    const stamp = facts.kind === 'signature' && signerInfo && crypto.valid ? judgeSignatureTimestamp(signerInfo, pool, anchors, trustAt) : null;
    if (stamp) problems.push(...stamp.problems);
    const proven = [stamp?.provenTime ?? null, protectedAt].filter((t): t is Date => t !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
    // The level is about what the file holds (a sound token), trust is judged apart: a T-level file stays T-level
    // where its TSA is not trusted, but then its time is not relied on.
    const stampSound = stamp !== null && stamp.verdict.intact && stamp.verdict.valid;
    timestamped[index] = stampSound || protectedAt !== null;
    stampTrusted[index] = stamp === null || stamp.verdict.trusted !== false;
    const judgedAt = facts.kind === 'signature' ? (proven && proven < at ? proven : at) : trustAt;
    let revocation: RevocationVerdict = { status: 'unknown', source: null, revokedAt: null, reason: null, judgedAt: judgedAt.toISOString(), certificates: [] };
    if (signer) {
      const chain = verifyCertificateChain(signer, pool, anchors, judgedAt);
      trusted = chain.trusted;
      problems.push(...chain.problems);
      revocation = judgePathRevocation(signer, chain.path, [...pool, ...anchors], revocationSources, judgedAt, problems);
      if (revocation.status === 'revoked' && trusted === true) trusted = false;
    }
    const timestamp: TimestampVerdict | null =
      facts.kind === 'signature'
        ? (stamp?.verdict ?? null)
        : { time: crypto.timestampTime?.toISOString() ?? null, tsa: signer?.subjectText ?? null, intact: crypto.intact, valid: crypto.valid, trusted };

    if (facts.kind === 'signature') checkPadesProfile(facts, field, crypto.cms, problems);

    const coverage = coverages[index] ?? null;
    const own = permissions[index] ?? { docMdp: null, locks: [] };
    if (own.docMdp !== null) {
      const earlier = candidates.slice(0, index).some((c) => c.facts.kind === 'signature');
      if (earlier) {
        problems.push(
          error(
            'CERTIFICATION_NOT_FIRST',
            'Chữ ký chứng nhận (DocMDP) không phải chữ ký đầu tiên',
            'the certification (DocMDP) signature is not the first signature',
          ),
        );
      }
      if (certification && field.value && certification !== field.value && !sameDictRef(reader, certification, field)) {
        problems.push(
          warning('DOCMDP_VIOLATION', '/Perms /DocMDP không trỏ tới chữ ký này', '/Perms /DocMDP does not name this signature'),
        );
      }
    }
    const docMdpInForce = certificationInForce(permissions, coverages, index);
    const textRunsUnder = (pageIndex: number, rect: readonly number[]): number => {
      try {
        return textRunsInside(reader, pageIndex, rect);
      } catch {
        return 0;
      }
    };
    let modification = judgeModifications(reader, coverage, docMdpInForce, own.locks, changesOf, problems, textRunsUnder);
    // A damaged or extended structure means later bytes cannot be judged: fail closed.
    const structureDamaged = reader.trailingGarbage > 0 || (reader.repair !== undefined && coverage?.coverage !== 'entireFile');
    if (structureDamaged) modification = 'disallowed';

    return {
      field: field.name,
      kind: facts.kind,
      subFilter: facts.subFilter,
      revision: coverage?.revisionIndex !== null && coverage?.revisionIndex !== undefined ? coverage.revisionIndex + 1 : null,
      signingTime: signingTimeOf(reader, field, crypto)?.toISOString() ?? null,
      signer: signer ? summarize(signer) : null,
      intact,
      valid: crypto.valid && !structuralError,
      trusted,
      coverage: coverage?.coverage ?? 'partial',
      modification,
      docMdp: own.docMdp,
      level: null,
      timestamp,
      revocation,
      problems: dedupe(problems),
    };
  }

  // Levels need every timestamp: a document timestamp over the /DSS makes the signatures beneath it B-LTA.
  const archived = dssIndex !== null && candidates.some((c, i) => c.facts.kind === 'docTimestamp' && documentStampTimes[i] !== null && (coverages[i]?.revisionIndex ?? -1) >= dssIndex);
  verdicts.forEach((verdict, index) => {
    if (verdict.kind !== 'signature') return;
    const own = verdict.revocation.certificates[0];
    const selfSigned = verdict.signer !== null && verdict.signer.subject === verdict.signer.issuer;
    // EU DSS classifies a file whose timestamp's chain cannot be completed from the file as T ("missing certs").
    const validationDataEmbedded =
      dssIndex !== null && stampTrusted[index] === true && ((own?.source === 'embedded' && own.status !== 'unknown') || selfSigned);
    verdicts[index] = {
      ...verdict,
      level: padesLevel({ timestamped: timestamped[index] === true, validationDataEmbedded, archiveTimestamped: archived && validationDataEmbedded }),
    };
  });

  // Shadow pre-checks: warnings on the first signature that covers the suspicious content.
  const shadow = detectShadowSuspects(reader, coverages.map((c) => c?.revisionIndex ?? null));
  for (const [index, found] of shadow) {
    const verdict = verdicts[index];
    if (verdict) verdicts[index] = { ...verdict, problems: [...verdict.problems, ...found] };
  }
  return { signatures: verdicts };
}

/** A document timestamp's genTime when it is intact and valid; anything less proves nothing. */
function documentTimestampTime(reader: PdfReader, facts: SignatureDictionaryFacts): Date | null {
  try {
    const outcome = verifyContents(reader, facts, []);
    return outcome.intact && outcome.valid ? outcome.timestampTime : null;
  } catch {
    return null;
  }
}

function safeDictionaryCheck(reader: PdfReader, field: SignatureField): SignatureDictionaryFacts {
  try {
    return checkSignatureDictionary(reader, field);
  } catch (cause) {
    if (isLimitExceeded(cause)) throw cause;
    const detail = cause instanceof Error ? cause.message : String(cause);
    return {
      kind: 'signature',
      subFilter: null,
      byteRange: null,
      contents: null,
      problems: [error('SIG_DICT_INVALID', `Từ điển chữ ký không đọc được (${detail})`, `unreadable signature dictionary (${detail})`)],
    };
  }
}

function orderKey(candidate: Candidate): number {
  return candidate.facts.byteRange?.end ?? candidate.field.valueOffset ?? Number.MAX_SAFE_INTEGER;
}

function sameDictRef(reader: PdfReader, certification: unknown, field: SignatureField): boolean {
  const perms = reader.resolveDict(reader.catalog.get('Perms'));
  const ref = perms?.get('DocMDP');
  return ref instanceof PdfRef && field.valueRef !== undefined && ref.equals(field.valueRef) && certification !== undefined;
}

function signingTimeOf(reader: PdfReader, field: SignatureField, outcome: ContentsOutcome): Date | null {
  if (outcome.timestampTime) return outcome.timestampTime;
  if (outcome.cms?.claimedSigningTime) return outcome.cms.claimedSigningTime;
  const m = reader.resolve(field.value?.get('M'));
  return m instanceof PdfString ? parsePdfDate(m.toText()) : null;
}

function summarize(certificate: ParsedCertificate): SignerSummary {
  return {
    commonName: certificate.commonName,
    subject: certificate.subjectText,
    serialNumber: certificate.serialHex,
    issuer: certificate.issuerText,
    certificate: certificateFacts(certificate),
  };
}

function dedupe(problems: readonly VerifyProblem[]): VerifyProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
