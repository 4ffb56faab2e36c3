import { PdfRef, PdfStream, PdfString } from '../pdf/pdf-objects.js';
import { PdfReader } from '../pdf/pdf-reader.js';
import { signatureFields, type SignatureField } from '../pdf/signature-fields.js';
import { byteRangeDigester } from './byte-range-digest.js';
import { verifyCertificateChain } from './certificate-chain.js';
import { ParsedCertificate } from './parsed-certificate.js';
import { parsePdfDate } from './pdf-date.js';
import { parseTstInfo } from './parse-timestamp-token.js';
import { classifyRevision, LEVEL_ORDER, type ChangeLevel, type RevisionChange } from './revision-changes.js';
import { detectShadowSuspects } from './shadow-suspects.js';
import { evaluateCoverage, type CoverageFacts } from './signature-coverage.js';
import {
  checkSignatureDictionary,
  findByteRangeCollisions,
  type CheckedByteRange,
  type SignatureDictionaryFacts,
} from './signature-dictionary-checks.js';
import { certificationDictionary, readSignaturePermissions, type DocMdpLevel, type FieldLock } from './signature-permissions.js';
import { OID_DATA, OID_TST_INFO, verifyCmsSignature, type CmsVerification } from './verify-cms-signature.js';
import { error, warning, type VerifyProblem } from './verify-problem.js';
import type { ModificationVerdict, PdfVerifyReport, SignatureVerdict, SignerSummary } from './verify-report.js';

export interface VerifyOptions {
  /** Trust anchors; none means `trusted: null`. */
  readonly trustAnchors?: readonly ParsedCertificate[];
  /** The time at which certificates must be valid. Default: now. */
  readonly validationTime?: Date;
}

/** Default changes allowed after a signature without certification (pyHanko's default policy). */
const DEFAULT_CAP: ChangeLevel = 'formFill';
const DOCMDP_CAP: Record<DocMdpLevel, ChangeLevel> = { 1: 'lta', 2: 'formFill', 3: 'annotation' };
const STRUCTURAL_CODES = new Set(['BYTE_RANGE_INVALID', 'CONTENTS_NOT_IN_GAP', 'SIG_DICT_NOT_SIGNED', 'CONTENTS_PADDING_NOT_ZERO']);

interface Candidate {
  readonly field: SignatureField;
  readonly facts: SignatureDictionaryFacts;
}

/**
 * Verifies every signature and document timestamp of a PDF (signing.md §11 checks 1–17, 21–23, 26 and the
 * page-count / new-annotation parts of 24). Throws SigningError only when the file cannot be read as a PDF.
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
    .map((field) => ({ field, facts: checkSignatureDictionary(reader, field) }));
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
    const { field, facts } = candidate;
    const problems: VerifyProblem[] = [...facts.problems, ...documentProblems];
    const collision = collisions.get(index);
    if (collision) problems.push(collision);
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
    const docMdpInForce = certificationInForce(candidates, permissions, coverages, index);
    let modification = judgeModifications(reader, coverage, docMdpInForce, own.locks, changesOf, problems);
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
  });

  // Shadow pre-checks: warnings on the first signature that covers the suspicious content.
  const shadow = detectShadowSuspects(reader, coverages.map((c) => c?.revisionIndex ?? null));
  for (const [index, found] of shadow) {
    const verdict = verdicts[index];
    if (verdict) verdicts[index] = { ...verdict, problems: [...verdict.problems, ...found] };
  }
  return { signatures: verdicts };
}

function orderKey(candidate: Candidate): number {
  return candidate.facts.byteRange?.end ?? candidate.field.valueOffset ?? Number.MAX_SAFE_INTEGER;
}

function sameDictRef(reader: PdfReader, certification: unknown, field: SignatureField): boolean {
  const perms = reader.resolveDict(reader.catalog.get('Perms'));
  const ref = perms?.get('DocMDP');
  return ref instanceof PdfRef && field.valueRef !== undefined && ref.equals(field.valueRef) && certification !== undefined;
}

interface ContentsOutcome {
  readonly intact: boolean;
  readonly valid: boolean;
  readonly cms: CmsVerification | null;
  readonly timestampTime: Date | null;
}

function verifyContents(reader: PdfReader, facts: SignatureDictionaryFacts, problems: VerifyProblem[]): ContentsOutcome {
  if (!facts.contents) return { intact: false, valid: false, cms: null, timestampTime: null };
  const range: CheckedByteRange | null = facts.byteRange;
  const digester = range ? byteRangeDigester(reader.source, range) : () => new Uint8Array(0);
  if (facts.kind === 'signature') {
    const cms = verifyCmsSignature(facts.contents, { contentType: OID_DATA, detached: true, contentDigest: digester });
    problems.push(...cms.problems);
    checkPadding(cms, problems);
    return { intact: cms.intact && range !== null, valid: cms.valid, cms, timestampTime: null };
  }
  const cms = verifyCmsSignature(facts.contents, { contentType: OID_TST_INFO, detached: false, contentDigest: digester });
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
function checkPadesProfile(
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

/** The DocMDP level of the certification signature at or before this one, if any. */
function certificationInForce(
  candidates: readonly Candidate[],
  permissions: readonly { docMdp: DocMdpLevel | null }[],
  coverages: readonly (CoverageFacts | null)[],
  index: number,
): DocMdpLevel | null {
  const ownRevision = coverages[index]?.revisionIndex ?? Number.MAX_SAFE_INTEGER;
  let level: DocMdpLevel | null = null;
  candidates.forEach((_, i) => {
    const docMdp = permissions[i]?.docMdp ?? null;
    const revision = coverages[i]?.revisionIndex;
    if (docMdp !== null && revision !== null && revision !== undefined && revision <= ownRevision) {
      level = level === null ? docMdp : (Math.min(level, docMdp) as DocMdpLevel);
    }
  });
  return level;
}

/** Checks 21–24 for one signature: everything appended after its revision, judged against DocMDP and locks. */
function judgeModifications(
  reader: PdfReader,
  coverage: CoverageFacts | null,
  docMdp: DocMdpLevel | null,
  locks: readonly FieldLock[],
  changesOf: (revisionIndex: number) => RevisionChange[],
  problems: VerifyProblem[],
): ModificationVerdict {
  if (!coverage || coverage.revisionIndex === null) {
    problems.push(
      error(
        'NONSTANDARD_COVERAGE',
        'Chữ ký không bao trọn một phiên bản của tài liệu; không xác định được phần đã ký',
        'the signature does not cover a whole revision; what was signed cannot be determined',
      ),
    );
    return 'disallowed';
  }
  if (coverage.coverage === 'entireFile') return 'none';
  const cap = docMdp === null ? DEFAULT_CAP : DOCMDP_CAP[docMdp];
  const later: RevisionChange[] = [];
  for (let r = coverage.revisionIndex + 1; r < reader.revisions.length; r++) later.push(...changesOf(r));
  let disallowed = false;
  const reasons: string[] = [];
  const allowedNotes = new Set<string>();
  for (const change of later) {
    const locked = change.fieldName !== null && locks.some((lock) => lock(change.fieldName as string));
    if (locked) {
      disallowed = true;
      problems.push(
        error(
          'FIELDMDP_VIOLATION',
          `Trường "${change.fieldName}" bị khoá bởi chữ ký nhưng đã thay đổi (${change.description})`,
          `field "${change.fieldName}" is locked by this signature but changed`,
        ),
      );
      continue;
    }
    if (change.pageCountChanged) {
      problems.push(error('PAGE_COUNT_CHANGED', 'Số trang thay đổi sau khi ký', 'the number of pages changed after signing'));
    }
    if (change.newWidget) {
      const { pageIndex, rect, isSignature, subtype } = change.newWidget;
      const visible = rect.length === 4 && rect[0] !== rect[2] && rect[1] !== rect[3];
      if (visible || !isSignature) {
        problems.push(
          warning(
            'ANNOTATION_ADDED',
            `Sau khi ký có thêm ${isSignature ? 'ô chữ ký' : `chú thích ${subtype}`} hiển thị ở trang ${pageIndex + 1}; cần xem nó có che nội dung không`,
            `a visible ${isSignature ? 'signature widget' : `${subtype} annotation`} was added on page ${pageIndex + 1} after signing; check that it covers no content`,
          ),
        );
      }
    }
    if (LEVEL_ORDER[change.level] > LEVEL_ORDER[cap]) {
      disallowed = true;
      const withinDefault = LEVEL_ORDER[change.level] <= LEVEL_ORDER[DEFAULT_CAP];
      if (docMdp !== null && withinDefault) {
        problems.push(
          error(
            'DOCMDP_VIOLATION',
            `Thay đổi vượt quyền DocMDP P${docMdp}: ${change.description}`,
            `change beyond DocMDP P${docMdp}`,
          ),
        );
      } else {
        reasons.push(`[${change.revisionIndex + 1}] ${change.description}`);
      }
    } else if (change.level !== 'lta' || change.objectNumber !== null) {
      allowedNotes.add(change.level);
    }
  }
  if (reasons.length > 0) {
    const shown = reasons.slice(0, 6).join('; ');
    const more = reasons.length > 6 ? ` (+${reasons.length - 6})` : '';
    problems.push(
      error(
        'MODIFIED_DISALLOWED',
        `Tài liệu bị sửa đổi không được phép sau khi ký: ${shown}${more}`,
        `the document was changed after signing in ways that are not permitted (see the Vietnamese list)`,
      ),
    );
  }
  if (disallowed) return 'disallowed';
  if (later.length === 0 && reader.revisions.length - 1 === coverage.revisionIndex) return 'none';
  problems.push(
    warning(
      'MODIFIED_ALLOWED',
      `Tài liệu có ${reader.revisions.length - 1 - coverage.revisionIndex} lần cập nhật hợp lệ sau khi ký (ký tiếp, điền biểu mẫu, DSS, dấu thời gian)`,
      `the document has ${reader.revisions.length - 1 - coverage.revisionIndex} permitted update(s) after signing (further signatures, form filling, DSS, timestamps)`,
    ),
  );
  return 'allowed';
}

function documentStructureProblems(reader: PdfReader): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  if (reader.repair) {
    problems.push(
      error(
        'REVISION_STRUCTURE',
        `Bảng tham chiếu chéo hỏng, phải dựng lại (${reader.repair.reason})`,
        `the cross-reference data is damaged and had to be rebuilt (${reader.repair.reason})`,
      ),
    );
  }
  if (reader.trailingGarbage > 0) {
    problems.push(
      error(
        'REVISION_STRUCTURE',
        'Có dữ liệu nối thêm sau %%EOF cuối cùng mà không có bảng xref',
        'data was appended after the last %%EOF without a cross-reference section',
      ),
    );
  }
  if (reader.revisions.some((r) => r.xrefKind === 'hybrid')) {
    problems.push(
      warning(
        'HYBRID_XREF',
        'Tệp dùng bảng tham chiếu lai (bảng + luồng); trình đọc khác có thể thấy nội dung khác',
        'hybrid-reference file: other readers may see different objects',
      ),
    );
  }
  return problems;
}

function readDssCertificates(reader: PdfReader): ParsedCertificate[] {
  const certificates: ParsedCertificate[] = [];
  try {
    const dss = reader.resolveDict(reader.catalog.get('DSS'));
    const list = reader.resolve(dss?.get('Certs'));
    if (!Array.isArray(list)) return certificates;
    for (const item of list) {
      const stream = reader.resolve(item);
      if (!(stream instanceof PdfStream)) continue;
      try {
        certificates.push(new ParsedCertificate(reader.decode(stream)));
      } catch {
        // an unreadable DSS certificate only means one fewer chain candidate
      }
    }
  } catch {
    // no usable DSS
  }
  return certificates;
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
