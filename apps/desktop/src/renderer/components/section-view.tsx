import { useT, type MessageKey } from '../i18n/i18n';
import { useAppStore } from '../state/app-store';
import { Icon } from './icons';

/** Each section shows an honest empty state until its feature lands. */
export function SectionView() {
  const t = useT();
  const section = useAppStore((s) => s.section);
  return (
    <main className="content" data-testid={`section-${section}`}>
      <h1 className="section-title">{t(`nav.${section}` as MessageKey)}</h1>
      <div className="empty-state">
        <div className="empty-icon"><Icon name={section} size={40} /></div>
        <h2>{t(`empty.${section}.title` as MessageKey)}</h2>
        <p>{t(`empty.${section}.body` as MessageKey)}</p>
        <p className="empty-note">{t('empty.inProgress')}</p>
      </div>
    </main>
  );
}
