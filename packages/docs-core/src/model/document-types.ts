import { EOfficeError } from '@eoffice/contract';
import { foldVietnamese } from '@eoffice/vietnamese';

/** Tên loại văn bản hành chính (Decree 30 Điều 7, Phụ lục III): abbreviations kept verbatim, mixed case included. */
export interface DocumentType {
  /** Stable key: the abbreviation, or a fixed key for the two types the decree leaves without one. */
  readonly code: string;
  readonly name: string;
  /** Null for Công văn and Thư công: the decree gives them none (never invent "CV"). */
  readonly abbreviation: string | null;
}

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  { code: 'NQ', name: 'Nghị quyết', abbreviation: 'NQ' },
  { code: 'QĐ', name: 'Quyết định', abbreviation: 'QĐ' },
  { code: 'CT', name: 'Chỉ thị', abbreviation: 'CT' },
  { code: 'QC', name: 'Quy chế', abbreviation: 'QC' },
  { code: 'QyĐ', name: 'Quy định', abbreviation: 'QyĐ' },
  { code: 'TC', name: 'Thông cáo', abbreviation: 'TC' },
  { code: 'TB', name: 'Thông báo', abbreviation: 'TB' },
  { code: 'HD', name: 'Hướng dẫn', abbreviation: 'HD' },
  { code: 'CTr', name: 'Chương trình', abbreviation: 'CTr' },
  { code: 'KH', name: 'Kế hoạch', abbreviation: 'KH' },
  { code: 'PA', name: 'Phương án', abbreviation: 'PA' },
  { code: 'ĐA', name: 'Đề án', abbreviation: 'ĐA' },
  { code: 'DA', name: 'Dự án', abbreviation: 'DA' },
  { code: 'BC', name: 'Báo cáo', abbreviation: 'BC' },
  { code: 'BB', name: 'Biên bản', abbreviation: 'BB' },
  { code: 'TTr', name: 'Tờ trình', abbreviation: 'TTr' },
  { code: 'HĐ', name: 'Hợp đồng', abbreviation: 'HĐ' },
  { code: 'cong-van', name: 'Công văn', abbreviation: null },
  { code: 'CĐ', name: 'Công điện', abbreviation: 'CĐ' },
  { code: 'BGN', name: 'Bản ghi nhớ', abbreviation: 'BGN' },
  { code: 'BTT', name: 'Bản thỏa thuận', abbreviation: 'BTT' },
  { code: 'GUQ', name: 'Giấy ủy quyền', abbreviation: 'GUQ' },
  { code: 'GM', name: 'Giấy mời', abbreviation: 'GM' },
  { code: 'GGT', name: 'Giấy giới thiệu', abbreviation: 'GGT' },
  { code: 'GNP', name: 'Giấy nghỉ phép', abbreviation: 'GNP' },
  { code: 'PG', name: 'Phiếu gửi', abbreviation: 'PG' },
  { code: 'PC', name: 'Phiếu chuyển', abbreviation: 'PC' },
  { code: 'PB', name: 'Phiếu báo', abbreviation: 'PB' },
  { code: 'thu-cong', name: 'Thư công', abbreviation: null },
];

/** Hình thức bản sao: one shared copy sequence for all three (Phụ lục I Phần II.II.1.c). */
export const COPY_FORMS = [
  { code: 'SY', name: 'Bản sao y' },
  { code: 'TrS', name: 'Bản trích sao' },
  { code: 'SL', name: 'Bản sao lục' },
] as const;
export type CopyFormCode = (typeof COPY_FORMS)[number]['code'];

/** By exact abbreviation first (QĐ and QyĐ differ only by case-and-marks), then by folded name or key. */
export function findDocumentType(text: string): DocumentType {
  const wanted = text.trim();
  const exact = DOCUMENT_TYPES.find((t) => t.abbreviation === wanted || t.code === wanted || t.name === wanted);
  if (exact) return exact;
  const folded = foldVietnamese(wanted);
  const byName = DOCUMENT_TYPES.find((t) => foldVietnamese(t.name) === folded);
  if (byName) return byName;
  const byAbbreviation = DOCUMENT_TYPES.filter((t) => t.abbreviation && t.abbreviation.toLowerCase() === wanted.toLowerCase());
  if (byAbbreviation.length === 1) return byAbbreviation[0]!;
  throw new EOfficeError(
    'E_INVALID_INPUT',
    `Không có loại văn bản "${text}" trong Nghị định 30 / unknown document type (use an abbreviation such as QĐ or a name such as "Công văn")`,
  );
}

export function isCongVan(type: DocumentType): boolean {
  return type.code === 'cong-van';
}
