import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { errorCode, errorText } from '../format/error-text';
import { useLanguage, useT } from '../i18n/i18n';
import { useSession } from '../state/session-store';

/**
 * The user's own password: the current one (the temporary one after an admin's reset), the new one twice. Used by the
 * sign-in screen's forced change and by the top bar's dialog. The fields are emptied after every attempt, and a
 * refused attempt is never retried on its own.
 */
export function ChangePasswordForm({ forced, onChanged, extraActions }: {
  /** After an admin's reset: the current password is the temporary one. */
  forced: boolean;
  onChanged?: () => void;
  extraActions?: ReactNode;
}) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const changePassword = useSession((s) => s.changePassword);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const currentRef = useRef<HTMLInputElement>(null);
  useEffect(() => currentRef.current?.focus(), []);

  function clear() {
    setCurrent('');
    setNext('');
    setRepeat('');
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!current || !next || !repeat) {
      setError(t('password.missing'));
      return;
    }
    if (next !== repeat) {
      setError(t('password.mismatch'));
      setRepeat('');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await changePassword(current, next);
      clear();
      setBusy(false);
      onChanged?.();
    } catch (caught) {
      setError(errorCode(caught) === null ? t('signIn.unreachable') : errorText(caught, language));
      clear();
      setBusy(false);
      currentRef.current?.focus();
    }
  }

  return (
    <form className="password-form" onSubmit={(event) => void submit(event)} noValidate data-testid="change-password-form">
      <label className="field">
        <span>{forced ? t('password.temporary') : t('password.current')}</span>
        <input ref={currentRef} name="currentPassword" type="password" autoComplete="current-password"
          value={current} onChange={(e) => setCurrent(e.target.value)} disabled={busy} />
      </label>
      <label className="field">
        <span>{t('password.new')}</span>
        <input name="newPassword" type="password" autoComplete="new-password" aria-describedby="new-password-hint"
          value={next} onChange={(e) => setNext(e.target.value)} disabled={busy} />
        <small id="new-password-hint">{t('password.hint')}</small>
      </label>
      <label className="field">
        <span>{t('password.confirm')}</span>
        <input name="repeatPassword" type="password" autoComplete="new-password"
          value={repeat} onChange={(e) => setRepeat(e.target.value)} disabled={busy} />
      </label>
      {error && <p className="form-error" role="alert" data-testid="change-password-error">{error}</p>}
      <div className="action-row">
        <button type="submit" className={forced ? 'button primary wide' : 'button primary'} disabled={busy}>
          {busy ? t('password.working') : forced ? t('password.submitForced') : t('password.submit')}
        </button>
        {extraActions}
      </div>
    </form>
  );
}
