import type { DocumentType } from '../model/document-types.js';

/** Số: Arabic digits, a leading zero below 10 ("05"), none above ("123"). */
export function formatDocumentNumber(number: number): string {
  return number < 10 ? `0${number}` : String(number);
}

/**
 * Ký hiệu (Phụ lục I Phần I Mục II.3): type abbreviation + issuer abbreviation (`QĐ-UBND`); for công văn, which
 * has no type abbreviation, issuer + drafting unit (`UBND-VP`). No spaces; "-" between groups.
 */
export function formatSymbol(type: DocumentType, issuerAbbreviation: string, draftingUnit: string | null): string {
  const issuer = issuerAbbreviation.replace(/\s+/g, '');
  if (type.abbreviation) return `${type.abbreviation}-${issuer}`;
  const unit = (draftingUnit ?? '').replace(/\s+/g, '');
  return unit ? `${issuer}-${unit}` : issuer;
}

/** `05/QĐ-UBND`. */
export function formatNumberAndSymbol(number: number, symbol: string): string {
  return `${formatDocumentNumber(number)}/${symbol}`;
}

/** The số/ký hiệu column of a line in the Sổ đăng ký văn bản đến: the số đến, then the sender's số/ký hiệu (`05 — 12/UBND`). */
export function incomingRegisterCode(arrivalNumber: number, senderNumber: string | null, senderNotation: string | null): string {
  return `${formatDocumentNumber(arrivalNumber)} — ${senderNumber}/${senderNotation}`;
}
