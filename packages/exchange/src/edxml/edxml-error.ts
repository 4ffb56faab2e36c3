import { EOfficeError, type ErrorCode } from '@eoffice/contract';

type EdxmlCode = Extract<
  ErrorCode,
  | 'E_EDXML_MALFORMED'
  | 'E_EDXML_DTD_FORBIDDEN'
  | 'E_EDXML_TOO_LARGE'
  | 'E_EDXML_MISSING_ELEMENT'
  | 'E_EDXML_WRONG_NAMESPACE'
  | 'E_EDXML_INVALID_VALUE'
  | 'E_EDXML_ATTACHMENT_INVALID'
  | 'E_ARCHIVE_REJECTED'
>;

/** A typed edXML failure: Vietnamese first, English second, with the element or entry it names in `details`. */
export function edxmlError(code: EdxmlCode, vi: string, en: string, details?: Record<string, unknown>): EOfficeError {
  return new EOfficeError(code, `${vi} / ${en}`, details);
}
