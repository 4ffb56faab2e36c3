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
import { checkPadesProfile, verifyContents, type ContentsOutcome } from '../cms/verify-signature-contents.js';
import { error, warning, type VerifyProblem } from './verify-problem.js';
import type { PdfVerifyReport, SignatureVerdict, SignerSummary } from './verify-report.js';

export interface VerifyOptions {
  /** Trust anchors; none means `trusted: null`. */
  readonly trustAnchors?: readonly ParsedCertificate[];
  /** The time at which certificates must be valid. Default: now. */
  readonly validationTime?: Date;
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
  const reader = PdfReader.open(input);
  try {
    return verifyWithReader(reader, options);
  } finally {
    reader.close();
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

  const coverages = candidates.map((c) => (c.facts.byteRange ? evaluateCoverage(reader, c.facts.byteRange) : null));
  // The certification in force for a signature: a DocMDP signature at or before its revision.
  const permissions = candidates.map((c) => readSignaturePermissions(reader, c.field));

  const verdicts = candidates.map((candidate, index): SignatureVerdict => {
    try {
      return verifyOne(candidate, index);
    } catch (cause) {
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
    const crypto = verifyContents(reader, facts, problems);
    const structuralError = facts.problems.some((p) => STRUCTURAL_CODES.has(p.code)) || problems.some((p) => STRUCTURAL_CODES.has(p.code));
    const intact = crypto.intact && !structuralError;
    const signer = crypto.cms?.signer ?? null;

    let trusted: boolean | null = anchors.length === 0 ? null : false;
    if (signer) {
      const pool = [...(crypto.cms?.parsed?.certificates ?? []), ...dssCertificates];
      const chain = verifyCertificateChain(signer, pool, anchors, at);
      trusted = chain.trusted;
      problems.push(...chain.problems);
    }

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
      problems: dedupe(problems),
    };
  }

  // Shadow pre-checks: warnings on the first signature that covers the suspicious content.
  const shadow = detectShadowSuspects(reader, coverages.map((c) => c?.revisionIndex ?? null));
  for (const [index, found] of shadow) {
    const verdict = verdicts[index];
    if (verdict) verdicts[index] = { ...verdict, problems: [...verdict.problems, ...found] };
  }
  return { signatures: verdicts };
}

function safeDictionaryCheck(reader: PdfReader, field: SignatureField): SignatureDictionaryFacts {
  try {
    return checkSignatureDictionary(reader, field);
  } catch (cause) {
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
