import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { errorCode, errorText } from '../format/error-text';
import { useLanguage, useT } from '../i18n/i18n';
import { useSession } from '../state/session-store';
import { ChangePasswordForm } from './change-password-form';
import { Icon } from './icons';

/**
 * The screen before the app: sign-in, the first administrator on an empty data folder, or — after an admin reset the
 * password — the forced "đổi mật khẩu" form, since the services refuse everything else until it is changed.
 */
export function SignInScreen() {
  const status = useSession((s) => s.status);
  return status === 'password-change' ? <ForcedPasswordChange /> : <SignInForm />;
}

function SignInCard({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <main className="sign-in" data-testid="sign-in">
      <div className="sign-in-card">
        <div className="sign-in-brand">
          <span className="brand-mark"><Icon name="logo" size={26} /></span>
          <div>
            <div className="sign-in-app">{t('app.name')}</div>
            <div className="sign-in-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        {children}
      </div>
    </main>
  );
}

function ForcedPasswordChange() {
  const t = useT();
  const username = useSession((s) => s.pendingUsername) ?? '';
  const signOut = useSession((s) => s.signOut);
  return (
    <SignInCard>
      <h1>{t('password.title')}</h1>
      <p className="sign-in-subtitle">{t('password.forcedSubtitle', { username })}</p>
      <ChangePasswordForm forced
        extraActions={<button type="button" className="button wide" onClick={() => void signOut()}>{t('password.backToSignIn')}</button>} />
    </SignInCard>
  );
}

/**
 * Sign-in (and, on a data folder with no user yet, the first administrator). A form, so Enter submits from either
 * field; the password is never kept after the attempt, and a failed attempt is never retried on its own.
 */
function SignInForm() {
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
    <SignInCard>
      <form onSubmit={(event) => void submit(event)} aria-labelledby="sign-in-title" noValidate>
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
    </SignInCard>
  );
}
