import { Suspense } from 'react';
import { useT, type MessageKey } from '../i18n/i18n';
import { SECTION_VIEWS } from '../sections/registry';
import { sectionsFor } from '../sections/section-list';
import { useAppStore } from '../state/app-store';
import { useSession } from '../state/session-store';
import { Icon } from './icons';

/**
 * The chosen section's screen; a section the user's roles do not open (a link from another screen, e.g. a search
 * result a role may see but whose section is another role's) says so instead.
 */
export function SectionView() {
  const t = useT();
  const section = useAppStore((s) => s.section);
  const user = useSession((s) => s.user);
  const allowed = sectionsFor(user?.roles ?? []).some((s) => s.id === section);
  const View = allowed ? SECTION_VIEWS[section] : undefined;
  return (
    <main className="content" data-testid={`section-${section}`}>
      {View ? (
        <Suspense fallback={<p className="muted" role="status">{t('section.loading')}</p>}>
          <View />
        </Suspense>
      ) : (
        <>
          <h1 className="section-title">{t(`nav.${section}` as MessageKey)}</h1>
          <div className="empty-state">
            <div className="empty-icon"><Icon name={section} size={40} /></div>
            <h2>{t(`empty.${section}.title` as MessageKey)}</h2>
            <p>{t(`empty.${section}.body` as MessageKey)}</p>
            <p className="empty-note" role="status">{t('section.notForRole')}</p>
          </div>
        </>
      )}
    </main>
  );
}
