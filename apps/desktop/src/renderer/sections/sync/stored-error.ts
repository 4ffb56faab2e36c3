import type { Language } from '../../i18n/i18n';

/** One recorded error: its code when it starts with one (`E_AXIS_REFUSED: …`), and the half in the reader's language. */
export interface StoredError {
  readonly code: string | null;
  readonly text: string;
}

/**
 * The sync engine keeps errors as text, "E_CODE: Vietnamese / English", several joined by "; " for a pass. Each is
 * shown in the reader's language with its code apart, so the code stays searchable for support.
 */
export function storedErrors(message: string | null, language: Language): StoredError[] {
  if (!message) return [];
  return [...new Set(message.split('; '))].map((part) => {
    const coded = /^(E_[A-Z0-9_]+|[A-Z][A-Z0-9_]+): (.*)$/s.exec(part);
    const body = coded ? coded[2]! : part;
    const at = body.indexOf(' / ');
    const text = at < 0 ? body : language === 'vi' ? body.slice(0, at) : body.slice(at + 3);
    return { code: coded ? coded[1]! : null, text };
  });
}
