import { PdfName, PdfRef, PdfString } from '../../pdf/pdf-objects.js';
import type { PdfReader } from '../../pdf/pdf-reader.js';
import type { SignatureField } from '../../pdf/signature-fields.js';
import { error, warning, type VerifyProblem } from '../report/verify-problem.js';

export type SignatureKind = 'signature' | 'docTimestamp';

export interface CheckedByteRange {
  readonly start1: number;
  readonly length1: number;
  readonly start2: number;
  readonly length2: number;
  /** start2 + length2: the last signed byte + 1. */
  readonly end: number;
}

export interface SignatureDictionaryFacts {
  readonly kind: SignatureKind;
  readonly subFilter: string | null;
  /** null when /ByteRange is unusable (the signature is then neither intact nor valid). */
  readonly byteRange: CheckedByteRange | null;
  /** The CMS (or timestamp token) bytes from /Contents, padding included; null when missing. */
  readonly contents: Uint8Array | null;
  readonly problems: VerifyProblem[];
}

const SIGNATURE_SUBFILTERS = new Set(['adbe.pkcs7.detached', 'ETSI.CAdES.detached']);
const TIMESTAMP_SUBFILTER = 'ETSI.RFC3161';

/**
 * The ISO 32000-2 §12.8.1 checks on one signature dictionary: type and SubFilter, the ByteRange shape, that the gap
 * is exactly this dictionary's /Contents hex string, and that the dictionary itself lies inside the signed bytes.
 */
export function checkSignatureDictionary(reader: PdfReader, field: SignatureField): SignatureDictionaryFacts {
  const problems: VerifyProblem[] = [];
  const dict = field.value;
  if (!dict) throw new Error('checkSignatureDictionary needs a signed field');
  const type = dict.getName('Type');
  const subFilterObject = reader.resolve(dict.get('SubFilter'));
  const subFilter = subFilterObject instanceof PdfName ? subFilterObject.name : null;
  const kind: SignatureKind = type === 'DocTimeStamp' || subFilter === TIMESTAMP_SUBFILTER ? 'docTimestamp' : 'signature';

  if (type !== undefined && type !== 'Sig' && type !== 'DocTimeStamp') {
    problems.push(error('SIG_DICT_INVALID', `/Type /${type} không phải chữ ký`, `/Type /${type} is not a signature`));
  }
  if (kind === 'signature' ? !SIGNATURE_SUBFILTERS.has(subFilter ?? '') : subFilter !== TIMESTAMP_SUBFILTER) {
    problems.push(
      error(
        'UNSUPPORTED_SUBFILTER',
        `/SubFilter ${subFilter ?? '(thiếu)'} không được chấp nhận`,
        `/SubFilter ${subFilter ?? '(missing)'} is not accepted`,
      ),
    );
  }
  if (!(reader.resolve(dict.get('Filter')) instanceof PdfName)) {
    problems.push(error('SIG_DICT_INVALID', 'Thiếu /Filter', '/Filter is missing'));
  }

  const byteRange = checkByteRange(reader, field, problems);
  const contentsObject = dict.get('Contents');
  let contents: Uint8Array | null = null;
  if (contentsObject instanceof PdfString && contentsObject.bytes.length > 0) {
    contents = contentsObject.bytes;
  } else {
    problems.push(
      error(
        'SIG_DICT_INVALID',
        contentsObject instanceof PdfRef ? '/Contents là tham chiếu gián tiếp' : '/Contents thiếu hoặc rỗng',
        contentsObject instanceof PdfRef ? '/Contents is an indirect reference' : '/Contents is missing or empty',
      ),
    );
  }
  if (byteRange && contents) checkGapIsContents(reader, field, byteRange, problems);
  if (byteRange) checkDictionaryIsSigned(reader, field, byteRange, problems);
  return { kind, subFilter, byteRange, contents, problems };
}

function checkByteRange(reader: PdfReader, field: SignatureField, problems: VerifyProblem[]): CheckedByteRange | null {
  const values = field.byteRange;
  const bad = (vi: string, en: string): null => {
    problems.push(error('BYTE_RANGE_INVALID', `/ByteRange không hợp lệ: ${vi}`, `invalid /ByteRange: ${en}`));
    return null;
  };
  if (field.value && field.value.get('ByteRange') instanceof PdfRef) {
    return bad('là tham chiếu gián tiếp', 'it is an indirect reference');
  }
  if (!values || values.length !== 4) return bad('phải có đúng 4 số', 'it must hold exactly four integers');
  if (values.some((v) => !Number.isSafeInteger(v) || v < 0)) return bad('có số âm hoặc không nguyên', 'negative or non-integer value');
  const [start1, length1, start2, length2] = values as [number, number, number, number];
  if (start1 !== 0) return bad('không bắt đầu từ byte 0', 'it does not start at byte 0');
  if (length1 <= 0 || length2 <= 0) return bad('có đoạn rỗng', 'a range is empty');
  if (start2 <= start1 + length1) return bad('hai đoạn chồng nhau', 'the ranges overlap');
  if (start2 + length2 > reader.length) return bad('vượt quá cuối tệp', 'it runs past the end of the file');
  return { start1, length1, start2, length2, end: start2 + length2 };
}

/** Check 3: `<` at b, `>` at c-1, hex digits only, and the parsed /Contents of THIS dictionary sits exactly there. */
function checkGapIsContents(
  reader: PdfReader,
  field: SignatureField,
  range: CheckedByteRange,
  problems: VerifyProblem[],
): void {
  const gapStart = range.start1 + range.length1;
  const gapEnd = range.start2;
  const span = field.contents?.span;
  const gap = reader.source.read(gapStart, gapEnd - gapStart);
  const hexOnly = gap.length >= 2 && gap[0] === 0x3c && gap[gap.length - 1] === 0x3e && isHexBody(gap);
  if (!span || span.start !== gapStart || span.end !== gapEnd || !hexOnly || !field.contents?.hex) {
    problems.push(
      error(
        'CONTENTS_NOT_IN_GAP',
        'Khoảng trống giữa hai đoạn ký không phải đúng /Contents của chữ ký này (nghi tấn công bọc chữ ký)',
        "the gap between the signed ranges is not exactly this signature's /Contents (possible signature wrapping)",
      ),
    );
  }
}

function isHexBody(gap: Uint8Array): boolean {
  for (let i = 1; i < gap.length - 1; i++) {
    const c = gap[i] as number;
    const hex = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
    const white = c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c;
    if (!hex && !white) return false;
  }
  return true;
}

/** Check 4: the whole signature dictionary object (with its /ByteRange) is inside the signed bytes. */
function checkDictionaryIsSigned(
  reader: PdfReader,
  field: SignatureField,
  range: CheckedByteRange,
  problems: VerifyProblem[],
): void {
  const offset = field.valueOffset;
  const gapStart = range.start1 + range.length1;
  let ok = offset !== undefined && offset < gapStart;
  if (ok) {
    const after = reader.source.read(range.start2, Math.min(range.length2, 4096));
    const endobj = Buffer.from(after).indexOf('endobj', 0, 'latin1');
    ok = endobj >= 0;
  }
  if (!ok) {
    problems.push(
      error(
        'SIG_DICT_NOT_SIGNED',
        'Từ điển chữ ký không nằm trong phần được ký',
        'the signature dictionary is not inside the signed bytes',
      ),
    );
  }
}

/** Check 5: no two signatures share a gap or a ByteRange. Returns a warning per colliding signature index. */
export function findByteRangeCollisions(ranges: readonly (CheckedByteRange | null)[]): Map<number, VerifyProblem> {
  const collisions = new Map<number, VerifyProblem>();
  ranges.forEach((a, i) => {
    if (!a) return;
    ranges.forEach((b, j) => {
      if (!b || i === j) return;
      const aGap = [a.start1 + a.length1, a.start2];
      const bGap = [b.start1 + b.length1, b.start2];
      const overlap = (aGap[0] as number) < (bGap[1] as number) && (bGap[0] as number) < (aGap[1] as number);
      if (overlap) {
        collisions.set(
          i,
          warning(
            'BYTE_RANGE_COLLISION',
            `/ByteRange trùng với chữ ký khác (#${j + 1})`,
            `/ByteRange collides with another signature (#${j + 1})`,
          ),
        );
      }
    });
  });
  return collisions;
}
