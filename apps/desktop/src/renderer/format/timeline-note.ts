import type { ArrivalFinding } from '@eoffice/contract';
// '.js': the unit test loads this file in Node (node16 resolution); Vite resolves it to the .ts source.
import { signatureProblemText, SIGNATURE_PROBLEM_MESSAGES } from '../sections/incoming/signature-problems.js';

/** The UI's languages (i18n.ts), named here so that this file imports no React and loads in Node for its test. */
type Language = 'vi' | 'en';
interface Words {
  readonly vi: string;
  readonly en: string;
}

/**
 * The arrival check's findings (docs-core arrival-check.ts, Điều 21) in words for the clerk. Typed by the contract's
 * enum: a finding code added there does not compile until it has words here.
 */
export const ARRIVAL_FINDING_WORDS: Readonly<Record<ArrivalFinding['code'], Words>> = {
  UNSIGNED: { vi: 'Văn bản điện tử không có chữ ký số', en: 'The electronic document carries no digital signature' },
  SIGNATURE_INVALID: { vi: 'Chữ ký số không hợp lệ hoặc văn bản đã bị sửa sau khi ký', en: 'A signature does not verify or the file changed after signing' },
  NO_AGENCY_SIGNATURE: { vi: 'Chỉ có chữ ký cá nhân, không có chữ ký số của cơ quan gửi', en: 'A person signed, but there is no signature of the sending agency' },
  AGENCY_NOT_SENDER: { vi: 'Chữ ký số cơ quan không phải của cơ quan gửi', en: 'The agency signature is not the sending agency’s' },
  NOT_TRUSTED: { vi: 'Chứng thư số không dẫn tới tổ chức chứng thực tin cậy mà cơ quan yêu cầu', en: 'The certificate leads to no trusted authority, which the agency requires' },
};

/**
 * Error codes a step's note may carry (a refused sending, a failed timestamp): the ones a processing log can hold,
 * in words. A code not listed is shown as "a problem without a description yet", its code beside it.
 */
export const ERROR_CODE_WORDS: Readonly<Record<string, Words>> = {
  E_SIGNATURE_INVALID: { vi: 'Chữ ký số không hợp lệ', en: 'The signature is not valid' },
  E_CERT_EXPIRED: { vi: 'Chứng thư số đã hết hạn', en: 'The certificate has expired' },
  E_CERT_NOT_BOUND: { vi: 'Chứng thư số chưa được gắn cho người ký hoặc cơ quan', en: 'The certificate is not bound to the signer or the agency' },
  E_UNKNOWN_RECIPIENT: { vi: 'Nơi nhận không có trong danh bạ', en: 'The recipient is not in the directory' },
  E_PDF_UNREADABLE: { vi: 'Không đọc được tệp PDF', en: 'The PDF file cannot be read' },
  E_INVALID_STATE: { vi: 'Văn bản không ở trạng thái cho phép bước này', en: 'The document is not in a state that allows this step' },
  E_FORBIDDEN: { vi: 'Không có quyền thực hiện', en: 'Not allowed' },
  E_NOT_FOUND: { vi: 'Không tìm thấy', en: 'Not found' },
};

/** The verify step's verdicts (incoming-lifecycle.ts), written in Vietnamese by the service, in English here. */
const VERDICT_EN: Readonly<Record<string, string>> = {
  'bản giấy': 'paper copy',
  'không có chữ ký số': 'no digital signature',
  'chữ ký KHÔNG hợp lệ': 'signature NOT valid',
  'chữ ký hợp lệ nhưng CHƯA được tin cậy': 'signature valid but NOT trusted',
  'chữ ký hợp lệ': 'signature valid',
};
const NEEDS_CHECKING = 'cần xác minh: ';

/** Steps logged without a state change, in words (every other step shows the state it led to). */
export const TIMELINE_ACTION_WORDS: Readonly<Record<string, Words>> = {
  reassign: { vi: 'Chuyển giao việc đang xử lý', en: 'Work handed over' },
  'reassign-draft': { vi: 'Chuyển giao dự thảo', en: 'Draft handed over' },
};

/** A part of a note as shown: plain text, or a code said in words (the code itself kept for the tooltip). */
export type NotePart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'code'; readonly code: string; readonly text: string };

/** The words for a code a note may carry, or null when the token is not a code this UI knows of. */
export function codeWords(code: string, language: Language): string | null {
  if (Object.hasOwn(ARRIVAL_FINDING_WORDS, code)) return ARRIVAL_FINDING_WORDS[code as ArrivalFinding['code']][language];
  if (Object.hasOwn(SIGNATURE_PROBLEM_MESSAGES, code)) return signatureProblemText(code, language);
  if (Object.hasOwn(ERROR_CODE_WORDS, code)) return ERROR_CODE_WORDS[code]![language];
  if (/^E_[A-Z0-9_]+$/.test(code)) return language === 'vi' ? 'Lỗi chưa có mô tả' : 'An error without a description yet';
  return null;
}

/** Upper-case tokens that may be codes (NOT_TRUSTED, UNSIGNED, E_FORBIDDEN); ASCII only, so "KHÔNG" is not one. */
const CODE_TOKEN = /(?<![A-Za-z0-9_])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*(?![A-Za-z0-9_])/g;

function partsOfText(text: string, language: Language): NotePart[] {
  const parts: NotePart[] = [];
  let last = 0;
  for (const match of text.matchAll(CODE_TOKEN)) {
    const words = codeWords(match[0], language);
    if (words === null) continue;
    if (match.index > last) parts.push({ kind: 'text', text: text.slice(last, match.index) });
    parts.push({ kind: 'code', code: match[0], text: words });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/**
 * A processing-log note in the reader's words: every code it names (the arrival check's findings, a signature
 * problem, an E_ error) becomes its words, the code kept only as the tooltip; the verify step's verdict, which the
 * service writes in Vietnamese, is said in English when the UI is. Anything else is shown as written.
 */
export function timelineNoteParts(action: string, note: string, language: Language): NotePart[] {
  if (action !== 'verify') return partsOfText(note, language);
  const pieces = note.split('; ');
  const parts: NotePart[] = [];
  pieces.forEach((piece, index) => {
    if (index > 0) parts.push({ kind: 'text', text: '; ' });
    if (index === 0 && Object.hasOwn(VERDICT_EN, piece)) {
      parts.push({ kind: 'text', text: language === 'vi' ? piece : VERDICT_EN[piece]! });
    } else if (piece.startsWith(NEEDS_CHECKING)) {
      parts.push({ kind: 'text', text: language === 'vi' ? 'cần xác minh: ' : 'needs checking: ' });
      piece
        .slice(NEEDS_CHECKING.length)
        .split(', ')
        .forEach((code, at) => {
          if (at > 0) parts.push({ kind: 'text', text: '; ' });
          parts.push(...partsOfText(code, language));
        });
    } else {
      parts.push(...partsOfText(piece, language));
    }
  });
  return parts;
}

/** The words of a step logged without a state change; the action's own name when this UI has none for it. */
export function timelineActionText(action: string, language: Language): string {
  return Object.hasOwn(TIMELINE_ACTION_WORDS, action) ? TIMELINE_ACTION_WORDS[action]![language] : action;
}
