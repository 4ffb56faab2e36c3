import { describe, expect, it } from 'vitest';
import { COPY_FORMS, DOCUMENT_TYPES, findDocumentType } from '../src/model/document-types.js';
import { parseSecrecy } from '../src/model/secrecy.js';
import { parseUrgency } from '../src/model/urgency.js';
import { formatDocumentNumber, formatNumberAndSymbol, formatSymbol } from '../src/numbering/number-format.js';

describe('Decree 30 document types and numbers', () => {
  it('has the 29 types with the abbreviations of Phụ lục III verbatim, none invented', () => {
    expect(DOCUMENT_TYPES).toHaveLength(29);
    expect(DOCUMENT_TYPES.map((t) => t.abbreviation)).toEqual([
      'NQ', 'QĐ', 'CT', 'QC', 'QyĐ', 'TC', 'TB', 'HD', 'CTr', 'KH', 'PA', 'ĐA', 'DA', 'BC', 'BB', 'TTr', 'HĐ', null, 'CĐ',
      'BGN', 'BTT', 'GUQ', 'GM', 'GGT', 'GNP', 'PG', 'PC', 'PB', null,
    ]);
    expect(COPY_FORMS.map((c) => c.code)).toEqual(['SY', 'TrS', 'SL']);
  });

  it('finds a type by abbreviation, name or unaccented name; refuses invented ones', () => {
    expect(findDocumentType('QĐ').name).toBe('Quyết định');
    expect(findDocumentType('QyĐ').name).toBe('Quy định');
    expect(findDocumentType('ĐA').name).toBe('Đề án');
    expect(findDocumentType('DA').name).toBe('Dự án');
    expect(findDocumentType('cong van').abbreviation).toBeNull();
    expect(findDocumentType('Tờ trình').abbreviation).toBe('TTr');
    expect(findDocumentType('ttr').abbreviation).toBe('TTr');
    for (const invented of ['CV', 'TCG', 'TS', 'XYZ']) expect(() => findDocumentType(invented)).toThrow(/Nghị định 30/);
  });

  it('formats số and ký hiệu: zero-padded below 10, công văn as issuer-unit', () => {
    expect(formatDocumentNumber(5)).toBe('05');
    expect(formatDocumentNumber(10)).toBe('10');
    expect(formatDocumentNumber(123)).toBe('123');
    expect(formatNumberAndSymbol(5, formatSymbol(findDocumentType('QĐ'), 'UBND', 'VP'))).toBe('05/QĐ-UBND');
    expect(formatNumberAndSymbol(45, formatSymbol(findDocumentType('Công văn'), 'UBND', 'VP'))).toBe('45/UBND-VP');
  });

  it('reads urgency and secrecy from codes or Vietnamese labels', () => {
    expect(['Thường', 'Khẩn', 'thuong khan', 'HỎA TỐC', 'flash'].map(parseUrgency)).toEqual(['normal', 'urgent', 'very-urgent', 'flash', 'flash']);
    expect(['Thường', 'Mật', 'toi mat', 'Tuyệt mật'].map(parseSecrecy)).toEqual(['none', 'confidential', 'secret', 'top-secret']);
    expect(parseUrgency('gấp')).toBeUndefined();
  });
});
