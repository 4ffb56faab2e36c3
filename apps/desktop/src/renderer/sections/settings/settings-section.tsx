import { useState, type KeyboardEvent } from 'react';
import { useMessages } from '../../i18n/define-messages';
import { hasAnyRole, useSession, type Role } from '../../state/session-store';
import { AgencyPage } from './agency-page';
import { CalendarPage } from './calendar-page';
import { CertificatesPage } from './certificates-page';
import { ConnectionPage } from './connection-page';
import { DeputiesPage } from './deputies-page';
import { ExchangePage } from './exchange-page';
import { NotificationsPage } from './notifications-page';
import { settingsMessages, type SettingsKey } from './settings-messages';
import { TokensPage } from './tokens-page';
import { TrustPage } from './trust-page';
import { UsersPage } from './users-page';
import './settings.css';

type PageId = 'agency' | 'users' | 'certificates' | 'deputies' | 'trust' | 'calendar' | 'tokens' | 'exchange' | 'connection' | 'notifications';

const EVERYONE: readonly Role[] = ['admin', 'clerk', 'leader', 'specialist', 'archivist'];

/** The pages and who sees them; the services check again on every call, this only keeps the list to what works. */
const PAGES: ReadonlyArray<{ id: PageId; roles: readonly Role[]; View: () => React.JSX.Element }> = [
  { id: 'agency', roles: EVERYONE, View: AgencyPage },
  { id: 'users', roles: ['admin'], View: UsersPage },
  { id: 'certificates', roles: EVERYONE, View: CertificatesPage },
  { id: 'deputies', roles: ['leader', 'admin'], View: DeputiesPage },
  { id: 'trust', roles: ['admin'], View: TrustPage },
  { id: 'calendar', roles: EVERYONE, View: CalendarPage },
  { id: 'tokens', roles: ['leader', 'clerk', 'admin'], View: TokensPage },
  { id: 'exchange', roles: ['clerk', 'admin'], View: ExchangePage },
  { id: 'connection', roles: EVERYONE, View: ConnectionPage },
  { id: 'notifications', roles: EVERYONE, View: NotificationsPage },
];

/** Cài đặt: the agency, its people, certificates and calendar, this machine's tokens, axis, connection and notices. */
export function SettingsSection() {
  const t = useMessages(settingsMessages);
  const user = useSession((s) => s.user);
  const pages = PAGES.filter((page) => hasAnyRole(user, page.roles));
  const [current, setCurrent] = useState<PageId>('agency');
  const page = pages.find((p) => p.id === current) ?? pages[0]!;

  function onKey(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = pages[(index + step + pages.length) % pages.length]!;
    setCurrent(next.id);
    document.getElementById(`settings-tab-${next.id}`)?.focus();
  }

  return (
    <section className="settings-section" data-testid="settings-section">
      <h1 className="section-title">{t('title')}</h1>
      <div className="settings-layout">
        <div className="settings-nav" role="tablist" aria-orientation="vertical" aria-label={t('pagesLabel')}>
          {pages.map((p, index) => (
            <button key={p.id} id={`settings-tab-${p.id}`} type="button" role="tab" aria-selected={p.id === page.id}
              aria-controls="settings-panel" tabIndex={p.id === page.id ? 0 : -1} data-testid={`settings-tab-${p.id}`}
              className={p.id === page.id ? 'settings-tab active' : 'settings-tab'} onClick={() => setCurrent(p.id)} onKeyDown={(e) => onKey(e, index)}>
              {t(`page.${p.id}` as SettingsKey)}
            </button>
          ))}
        </div>
        <div className="settings-panel" id="settings-panel" role="tabpanel" aria-labelledby={`settings-tab-${page.id}`}>
          <page.View key={page.id} />
        </div>
      </div>
    </section>
  );
}
