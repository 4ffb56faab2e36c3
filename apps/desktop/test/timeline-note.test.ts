import { arrivalFindingSchema, ERRORS } from '@eoffice/contract';
import { describe, expect, it } from 'vitest';
import { ARRIVAL_FINDING_WORDS, ERROR_CODE_WORDS, timelineActionText, timelineNoteParts, type NotePart } from '../src/renderer/format/timeline-note.js';

/**
 * The processing timeline speaks words, not codes (issue 12): the verify step's note ("chữ ký hợp lệ; cần xác minh:
 * NO_AGENCY_SIGNATURE, AGENCY_NOT_SENDER", incoming-lifecycle.ts) reads as the findings' words, the codes kept for
 * the tooltip only.
 */
const shown = (parts: NotePart[]) => parts.map((p) => p.text).join('');
const codes = (parts: NotePart[]) => parts.flatMap((p) => (p.kind === 'code' ? [p.code] : []));
const DIACRITIC = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

describe('timeline note wording', () => {
  it('every arrival finding code of the contract has Vietnamese and English words', () => {
    const all = arrivalFindingSchema.shape.code.options;
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const code of all) {
      const words = ARRIVAL_FINDING_WORDS[code];
      expect(words.vi, code).toMatch(DIACRITIC);
      expect(words.en.trim(), code).not.toBe('');
      expect(words.vi, code).not.toBe(words.en);
    }
  });

  it('the error codes with words are codes the code base raises', () => {
    for (const code of Object.keys(ERROR_CODE_WORDS)) expect(Object.hasOwn(ERRORS, code), code).toBe(true);
  });

  it('a verify note needing checking reads as the findings’ words, in Vietnamese, with no code in the text', () => {
    const parts = timelineNoteParts('verify', 'chữ ký hợp lệ; cần xác minh: NO_AGENCY_SIGNATURE, AGENCY_NOT_SENDER', 'vi');
    expect(shown(parts)).toBe(
      'chữ ký hợp lệ; cần xác minh: Chỉ có chữ ký cá nhân, không có chữ ký số của cơ quan gửi; Chữ ký số cơ quan không phải của cơ quan gửi',
    );
    expect(shown(parts)).not.toMatch(/[A-Z]{2,}_/);
    expect(codes(parts)).toEqual(['NO_AGENCY_SIGNATURE', 'AGENCY_NOT_SENDER']);
  });

  it('the same note in English: the verdict and the findings', () => {
    const parts = timelineNoteParts('verify', 'không có chữ ký số; cần xác minh: UNSIGNED; gọi lại Sở Y tế', 'en');
    expect(shown(parts)).toBe('no digital signature; needs checking: The electronic document carries no digital signature; gọi lại Sở Y tế');
    expect(codes(parts)).toEqual(['UNSIGNED']);
  });

  it('"KHÔNG" in a verdict and a user’s own words are not codes; signature problem and E_ codes anywhere are', () => {
    expect(codes(timelineNoteParts('verify', 'chữ ký KHÔNG hợp lệ; cần xác minh: SIGNATURE_INVALID', 'vi'))).toEqual(['SIGNATURE_INVALID']);
    expect(shown(timelineNoteParts('verify', 'chữ ký KHÔNG hợp lệ', 'vi'))).toBe('chữ ký KHÔNG hợp lệ');
    const dispatch = timelineNoteParts('dispatch', 'lỗi E_UNKNOWN_RECIPIENT, DIGEST_MISMATCH, E_SOMETHING_NEW; UBND', 'vi');
    expect(codes(dispatch)).toEqual(['E_UNKNOWN_RECIPIENT', 'DIGEST_MISMATCH', 'E_SOMETHING_NEW']);
    expect(shown(dispatch)).toBe('lỗi Nơi nhận không có trong danh bạ, Nội dung không khớp với nội dung đã ký, Lỗi chưa có mô tả; UBND');
    expect(shown(timelineNoteParts('register', 'số đến 12', 'vi'))).toBe('số đến 12');
  });

  it('steps without a state change are named in words', () => {
    expect(timelineActionText('reassign', 'vi')).toBe('Chuyển giao việc đang xử lý');
    expect(timelineActionText('reassign', 'en')).toBe('Work handed over');
  });
});
