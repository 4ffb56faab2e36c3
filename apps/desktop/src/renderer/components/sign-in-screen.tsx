import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorCode, errorText } from '../format/error-text';
import { useLanguage, useT } from '../i18n/i18n';
import { useSession } from '../state/session-store';
import { Icon } from './icons';

/**
 * Sign-in (and, on a data folder with no user yet, the first administrator). A form, so Enter submits from either
 * field; the password is never kept after the attempt, and a failed attempt is never retried on its own.
 */
export function SignInScreen() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const status = useSession((s) => s.status);
  const notice = useSession((s) => s.notice);
  const signIn = useSession((s) => s.signIn);
  const setupFirstAdmin = useSession((s) => s.setupFirstAdmin);
  const setup = status === 'setup';
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  useEffect(() => usernameRef.current?.focus(), [setup]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password || (setup && !fullName.trim())) {
      setError(t('signIn.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (setup) await setupFirstAdmin({ username: username.trim(), fullName: fullName.trim(), password });
      else await signIn(username.trim(), password);
    } catch (caught) {
      setError(errorCode(caught) === null ? t('signIn.unreachable') : errorText(caught, language));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <main className="sign-in" data-testid="sign-in">
      <form className="sign-in-card" onSubmit={(event) => void submit(event)} aria-labelledby="sign-in-title" noValidate>
        <div className="sign-in-brand">
          <span className="brand-mark"><Icon name="logo" size={26} /></span>
          <div>
            <div className="sign-in-app">{t('app.name')}</div>
            <div className="sign-in-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <h1 id="sign-in-title">{setup ? t('setup.title') : t('signIn.title')}</h1>
        <p className="sign-in-subtitle">{setup ? t('setup.subtitle') : t('signIn.subtitle')}</p>
        {notice === 'expired' && !error && <p className="form-notice" role="status">{t('signIn.expired')}</p>}
        <label className="field">
          <span>{t('signIn.username')}</span>
          <input ref={usernameRef} name="username" autoComplete="username" autoCapitalize="none" spellCheck={false}
            value={username} onChange={(e) => setUsername(e.target.value)} disabled={busy} />
        </label>
        {setup && (
          <label className="field">
            <span>{t('setup.fullName')}</span>
            <input name="fullName" autoComplete="name" value={fullName} onChange={(e) => setFullName(e.target.value)} disabled={busy} />
          </label>
        )}
        <label className="field">
          <span>{t('signIn.password')}</span>
          <input name="password" type="password" autoComplete={setup ? 'new-password' : 'current-password'}
            value={password} onChange={(e) => setPassword(e.target.value)} disabled={busy}
            aria-describedby={setup ? 'password-hint' : undefined} />
          {setup && <small id="password-hint">{t('setup.passwordHint')}</small>}
        </label>
        {error && <p className="form-error" role="alert" data-testid="sign-in-error">{error}</p>}
        <button type="submit" className="button primary wide" disabled={busy}>
          {busy ? t('signIn.working') : setup ? t('setup.submit') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
