import { useLanguage, type Language } from './i18n';

/**
 * A section's own words, Vietnamese first with English mirroring every key (TypeScript checks that), kept beside the
 * section so that two sections never edit the same catalogue.
 */
export interface SectionMessages<K extends string> {
  readonly vi: Readonly<Record<K, string>>;
  readonly en: Readonly<Record<K, string>>;
}

export function defineMessages<K extends string>(vi: Record<K, string>, en: NoInfer<Record<K, string>>): SectionMessages<K> {
  return { vi, en };
}

export type Translate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

export function translateWith<K extends string>(messages: SectionMessages<K>, language: Language): Translate<K> {
  return (key, params) => {
    // A value from the services this catalogue does not name yet shows as itself rather than as nothing.
    const template = messages[language][key] ?? key;
    return params ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : template;
  };
}

export function useMessages<K extends string>(messages: SectionMessages<K>): Translate<K> {
  const language = useLanguage((state) => state.language);
  return translateWith(messages, language);
}
