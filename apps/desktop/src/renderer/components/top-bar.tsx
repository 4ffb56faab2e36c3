import { useState, type FormEvent } from 'react';
import { formatVietnamDate, formatVietnamWeekday } from '../format/vietnam-date';
import { useLanguage, useT, type MessageKey } from '../i18n/i18n';
import { sectionsFor } from '../sections/section-list';
import { useAppStore } from '../state/app-store';
import { useSession } from '../state/session-store';
import { ChangePasswordDialog } from './change-password-dialog';
import { Icon } from './icons';

export function TopBar() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const setLanguage = useLanguage((s) => s.setLanguage);
  const user = useSession((s) => s.user);
  const signOut = useSession((s) => s.signOut);
  const search = useAppStore((s) => s.search);
  const [text, setText] = useState('');
  const [changingPassword, setChangingPassword] = useState(false);
  const canSearch = user !== null && sectionsFor(user.roles).some((s) => s.id === 'search');
  const now = new Date();

  function submit(event: FormEvent) {
    event.preventDefault();
    search(text.trim());
  }

  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark"><Icon name="logo" size={22} /></span>
        <div>
          <div className="brand-name">{t('app.name')}</div>
          <div className="brand-tagline">{t('app.tagline')}</div>
        </div>
      </div>
      {canSearch && (
        <form className="search" role="search" onSubmit={submit}>
          <Icon name="search" size={16} />
          <input type="search" data-testid="top-search" placeholder={t('app.searchPlaceholder')} aria-label={t('nav.search')}
            value={text} onChange={(e) => setText(e.target.value)} />
        </form>
      )}
      <div className="today" data-testid="today">
        {formatVietnamWeekday(now, language)}, {formatVietnamDate(now)}
      </div>
      <div className="language" role="group" aria-label={t('app.language')}>
        {(['vi', 'en'] as const).map((code) => (
          <button key={code} type="button" className={code === language ? 'active' : ''}
            aria-pressed={code === language} onClick={() => setLanguage(code)}>
            {code.toUpperCase()}
          </button>
        ))}
      </div>
      {user && (
        <div className="user-box" aria-label={t('user.menu')} role="group">
          <Icon name="user" size={18} />
          <div className="user-text">
            <div className="user-name" data-testid="user-name">{user.fullName}</div>
            <div className="user-role" data-testid="user-roles">{user.roles.map((r) => t(`role.${r}` as MessageKey)).join(', ')}</div>
          </div>
          <button type="button" className="icon-button" onClick={() => setChangingPassword(true)} title={t('user.changePassword')}
            aria-label={t('user.changePassword')} data-testid="change-password">
            <Icon name="key" size={18} />
          </button>
          <button type="button" className="icon-button" onClick={() => void signOut()} title={t('user.signOut')} aria-label={t('user.signOut')}
            data-testid="sign-out">
            <Icon name="signOut" size={18} />
          </button>
        </div>
      )}
      {changingPassword && <ChangePasswordDialog onClose={() => setChangingPassword(false)} />}
    </header>
  );
}
