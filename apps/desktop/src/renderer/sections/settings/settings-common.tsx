import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { errorText } from '../../format/error-text';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { settingsMessages } from './settings-messages';

export type Load<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: T };

/** Loads what a page shows and reloads it on demand; the error is in the reader's language. */
export function useLoad<T>(read: () => Promise<T>, deps: readonly unknown[]): [Load<T>, () => Promise<void>] {
  const language = useLanguage((s) => s.language);
  const [load, setLoad] = useState<Load<T>>({ status: 'loading' });
  const reload = useCallback(async () => {
    try {
      setLoad({ status: 'ready', value: await read() });
    } catch (caught) {
      setLoad({ status: 'error', message: errorText(caught, language) });
    }
  }, [language, ...deps]);
  useEffect(() => void reload(), [reload]);
  return [load, reload];
}

/** One control at a time: says what it did (or why not), then reloads what the page shows. */
export function useAction(after: () => Promise<void>) {
  const language = useLanguage((s) => s.language);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (call: () => Promise<string | null>): Promise<boolean> => {
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      setNotice(await call());
      return true;
    } catch (caught) {
      setError(errorText(caught, language));
      return false;
    } finally {
      setBusy(false);
      await after();
    }
  };
  return { busy, notice, error, run, clear: () => (setNotice(null), setError(null)) };
}

export function Feedback({ notice, error }: { notice: string | null; error: string | null }) {
  return (
    <>
      {notice && <p className="form-notice" role="status" data-testid="settings-notice">{notice}</p>}
      {error && <p className="form-error" role="alert" data-testid="settings-error">{error}</p>}
    </>
  );
}

/** A page's frame: its heading, a line on what it is for, the loading and error states, then its body. */
export function SettingsPage<T>({ title, intro, load, reload, children }: {
  title: string; intro: string; load: Load<T>; reload: () => Promise<void>; children: (value: T) => ReactNode;
}) {
  const t = useMessages(settingsMessages);
  return (
    <section className="settings-page" aria-labelledby="settings-page-title">
      <h2 id="settings-page-title">{title}</h2>
      <p className="muted settings-intro">{intro}</p>
      {load.status === 'loading' && <p className="muted" aria-busy="true">…</p>}
      {load.status === 'error' && (
        <div className="inline-error" role="alert">
          {t('loadError')} {load.message} <button type="button" className="button" onClick={() => void reload()}>{t('refresh')}</button>
        </div>
      )}
      {load.status === 'ready' && children(load.value)}
    </section>
  );
}

/** A "Vietnamese / English" text from the services (a module's vendor), in the reader's language. */
export function bilingual(text: string, language: 'vi' | 'en'): string {
  const at = text.indexOf(' / ');
  if (at < 0) return text;
  return language === 'vi' ? text.slice(0, at) : text.slice(at + 3);
}

/** A picked file's content as a certificate's text: PEM as it is, anything else as base64 of its bytes (DER). */
export async function certificateTextOf(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const head = new TextDecoder('latin1').decode(bytes.slice(0, 64));
  if (head.includes('-----BEGIN')) return new TextDecoder().decode(bytes);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
