import { create } from 'zustand';
import { messagesEn } from './messages-en';
import { messagesVi, type MessageKey } from './messages-vi';

export type Language = 'vi' | 'en';

const CATALOGUES: Record<Language, Record<MessageKey, string>> = { vi: messagesVi, en: messagesEn };

interface LanguageState {
  readonly language: Language;
  setLanguage(language: Language): void;
}

/** Vietnamese by default; the choice is remembered on this machine. */
export const useLanguage = create<LanguageState>((set) => ({
  language: readStoredLanguage(),
  setLanguage(language) {
    try {
      localStorage.setItem('eoffice.language', language);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this window only.
    }
    document.documentElement.lang = language;
    set({ language });
  },
}));

function readStoredLanguage(): Language {
  try {
    return localStorage.getItem('eoffice.language') === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function translate(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
  const template = CATALOGUES[language][key];
  return params ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : template;
}

export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const language = useLanguage((state) => state.language);
  return (key, params) => translate(language, key, params);
}

export type { MessageKey };
