import type { PdfReader } from '../../pdf/pdf-reader.js';
import { LEVEL_ORDER, type ChangeLevel, type RevisionChange } from './revision-changes.js';
import type { CoverageFacts } from '../byte-range/signature-coverage.js';
import type { DocMdpLevel, FieldLock } from './signature-permissions.js';
import { error, warning, type VerifyProblem } from '../report/verify-problem.js';
import type { ModificationVerdict } from '../report/verify-report.js';

/** Default changes allowed after a signature without certification (pyHanko's default policy). */
const DEFAULT_CAP: ChangeLevel = 'formFill';
const DOCMDP_CAP: Record<DocMdpLevel, ChangeLevel> = { 1: 'lta', 2: 'formFill', 3: 'annotation' };

/** The DocMDP level of the certification signature at or before this one, if any. */
export function certificationInForce(
  permissions: readonly { docMdp: DocMdpLevel | null }[],
  coverages: readonly (CoverageFacts | null)[],
  index: number,
): DocMdpLevel | null {
  const ownRevision = coverages[index]?.revisionIndex ?? Number.MAX_SAFE_INTEGER;
  let level: DocMdpLevel | null = null;
  permissions.forEach((permission, i) => {
    const docMdp = permission.docMdp;
    const revision = coverages[i]?.revisionIndex;
    if (docMdp !== null && revision !== null && revision !== undefined && revision <= ownRevision) {
      level = level === null ? docMdp : (Math.min(level, docMdp) as DocMdpLevel);
    }
  });
  return level;
}

/** Checks 21–24 for one signature: everything appended after its revision, judged against DocMDP and locks. */
export function judgeModifications(
  reader: PdfReader,
  coverage: CoverageFacts | null,
  docMdp: DocMdpLevel | null,
  locks: readonly FieldLock[],
  changesOf: (revisionIndex: number) => RevisionChange[],
  problems: VerifyProblem[],
  textRunsUnder: (pageIndex: number, rect: readonly number[]) => number = () => 0,
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
        const covered = visible ? textRunsUnder(pageIndex, rect) : 0;
        if (covered > 0) {
          // DSS PdfAnnotationOverlap; the sneaky-signature attack paints over content with a new widget.
          problems.push(
            warning(
              'ANNOTATION_OVERLAPS_CONTENT',
              `Chú thích/ô chữ ký mới ở trang ${pageIndex + 1} đè lên ${covered} dòng chữ của trang`,
              `the new annotation on page ${pageIndex + 1} lies over ${covered} text run(s) of the page`,
            ),
          );
        }
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

