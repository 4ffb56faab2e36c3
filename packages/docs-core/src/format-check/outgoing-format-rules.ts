import { foldVietnamese } from '@eoffice/vietnamese';

/** The parts of an outgoing document Decree 30 Phụ lục I requires, each checked on the draft's text layer. */
export const FORMAT_ELEMENTS = [
  { element: 'quoc-hieu', label: 'Quốc hiệu (CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM)' },
  { element: 'tieu-ngu', label: 'Tiêu ngữ (Độc lập - Tự do - Hạnh phúc)' },
  { element: 'issuing-agency', label: 'Tên cơ quan ban hành / issuing agency' },
  { element: 'number-line', label: 'Dòng "Số:" / the "Số:" line' },
  { element: 'place-date', label: 'Địa danh và thời gian ban hành / place and date line' },
  { element: 'type-name', label: 'Tên loại văn bản, hoặc "V/v" của công văn / document type, or "V/v" for a công văn' },
  { element: 'subject', label: 'Trích yếu nội dung / trích yếu (subject)' },
  { element: 'signing-block', label: 'Thẩm quyền ký (TM., KT., TL., TUQ., Q.) / signing block with its authority' },
  { element: 'recipients', label: 'Nơi nhận, có "Lưu: VT" / "Nơi nhận:" with "Lưu: VT"' },
] as const;

export type FormatElement = (typeof FORMAT_ELEMENTS)[number]['element'];

export interface FormatFinding {
  readonly element: FormatElement;
  readonly label: string;
}

/** What the draft's record says it is, to look for on its page. */
export interface FormatExpectation {
  readonly agencyName: string;
  /** Abbreviation of the type (`CV` for a công văn) and its name (`Quyết định`). */
  readonly typeCode: string;
  readonly typeName: string;
  readonly subject: string;
  /** The authority form the draft names (item 5); when set, the signing block must carry this one. */
  readonly authority?: string | null;
  /**
   * The designated signer's full name: without an authority form, a block with this name and no prefix is a head
   * signing in their own right (Phụ lục I), which the decree allows.
   */
  readonly signerName?: string | null;
}

/** Folded (no marks, đ → d, lowercase) with every run of white space one space: wrapped lines compare as one. */
function flat(text: string): string {
  return foldVietnamese(text).replace(/\s+/g, ' ').trim();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The elements missing from `text` (a draft's text layer), in the order the decree lays them out. Text-only on
 * purpose: positions differ from one word processor to the next, words do not.
 */
export function findMissingElements(text: string, expected: FormatExpectation): FormatFinding[] {
  const page = ` ${flat(text)} `;
  const upper = ` ${text.normalize('NFC').replace(/\s+/g, ' ')} `;
  const present: Record<FormatElement, boolean> = {
    'quoc-hieu': page.includes('cong hoa xa hoi chu nghia viet nam'),
    'tieu-ngu': /doc lap ?[-–—] ?tu do ?[-–—] ?hanh phuc/.test(page),
    'issuing-agency': page.includes(` ${flat(expected.agencyName)} `) || page.includes(flat(expected.agencyName)),
    'number-line': /\sso ?:/.test(page),
    // "Hà Nội, ngày 05 tháng 3 năm 2026", or a draft's blanks: "Tỉnh Demo, ngày      tháng      năm 2026".
    // A draft may leave the year blank too (it is written when the document is issued).
    'place-date': /\S ?, ?ngay [\d.…_ ]*thang [\d.…_ ]*nam\b/.test(page),
    // The type is a heading in capitals ("QUYẾT ĐỊNH"): the same words in a sentence ("Quyết định này…") are not it.
    'type-name': isCongVan(expected) ? /\sv\/v\s/.test(page) : upper.includes(` ${expected.typeName.normalize('NFC').toLocaleUpperCase('vi').replace(/\s+/g, ' ')} `),
    subject: subjectFound(page, expected.subject),
    'signing-block': expected.authority
      ? new RegExp(`\\s${escape(flat(expected.authority))}\\.? `).test(page)
      : /\s(tm|kt|tl|tuq|q)\. /.test(page) || (!!expected.signerName && page.includes(` ${flat(expected.signerName)} `)),
    recipients: /\snoi nhan ?:/.test(page) && /\sluu ?:? ?vt\b/.test(page),
  };
  return FORMAT_ELEMENTS.filter((e) => !present[e.element]).map(({ element, label }) => ({ element, label }));
}

/** The subject's first words (after a leading "V/v" or "Về việc", which a record may or may not repeat). */
function subjectFound(page: string, subject: string): boolean {
  const words = flat(subject).replace(/^(v\/v|ve viec)\s+/, '').split(' ').filter(Boolean).slice(0, 6);
  if (words.length === 0) return true;
  return page.includes(` ${words.join(' ')}`) || page.includes(words.join(' '));
}

function isCongVan(expected: FormatExpectation): boolean {
  return expected.typeCode === 'cong-van' || flat(expected.typeName) === 'cong van';
}
