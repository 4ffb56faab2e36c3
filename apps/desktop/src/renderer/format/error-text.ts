import { isEOfficeError } from '@eoffice/contract';
import type { Language } from '../i18n/i18n';

/** "Vietnamese / English": the half in the reader's language (the whole text when it has no English half). */
function half(message: string, language: Language): string {
  const at = message.indexOf(' / ');
  if (at < 0) return message;
  return language === 'vi' ? message.slice(0, at) : message.slice(at + 3);
}

/**
 * The services write messages as "Vietnamese / English"; a user reads the half in their language. The contract's
 * input refusals ("Dữ liệu không hợp lệ / invalid input: field: vi / en; …") keep each field's reason, without the
 * field's technical name. An unexpected error (a dropped connection) is said plainly rather than as a stack trace.
 */
export function errorText(error: unknown, language: Language): string {
  const message = isEOfficeError(error) || error instanceof Error ? error.message : String(error);
  const marker = message.indexOf(' / invalid input: ');
  if (isEOfficeError(error) && error.code === 'E_INVALID_INPUT' && marker >= 0) {
    const reasons = message
      .slice(marker + ' / invalid input: '.length)
      .split('; ')
      .map((issue) => half(issue.slice(issue.indexOf(': ') + 2), language));
    return `${half(message.slice(0, marker + 3) + 'invalid input', language)}: ${[...new Set(reasons)].join('; ')}`;
  }
  return half(message, language);
}

/** A reason the services gave as text (not as an error): the half in the reader's language. */
export function reasonText(message: string, language: Language): string {
  return half(message, language);
}

export function errorCode(error: unknown): string | null {
  return isEOfficeError(error) ? error.code : null;
}
