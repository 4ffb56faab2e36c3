import { formatVietnamDate, formatVietnamWeekday } from '../format/vietnam-date';
import { useLanguage, useT } from '../i18n/i18n';
import { Icon } from './icons';

export function TopBar() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const setLanguage = useLanguage((s) => s.setLanguage);
  const now = new Date();
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark"><Icon name="logo" size={22} /></span>
        <div>
          <div className="brand-name">{t('app.name')}</div>
          <div className="brand-tagline">{t('app.tagline')}</div>
        </div>
      </div>
      <div className="agency" data-testid="agency-name">{t('app.agencyNotSet')}</div>
      <label className="search" title={t('app.searchUnavailable')}>
        <Icon name="search" size={16} />
        <input type="search" placeholder={t('app.searchPlaceholder')} disabled aria-label={t('app.searchPlaceholder')} />
      </label>
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
    </header>
  );
}
