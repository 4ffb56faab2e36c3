import { formatDateTime } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useNotifications } from '../../state/notifications-store';
import { settingsMessages } from './settings-messages';

/** Thông báo: turn the system's notifications on for this machine, the browser's permission, the recent ones. */
export function NotificationsPage() {
  const t = useMessages(settingsMessages);
  const { enabled, permission, recent, enable } = useNotifications();
  return (
    <section className="settings-page" aria-labelledby="settings-page-title">
      <h2 id="settings-page-title">{t('page.notifications')}</h2>
      <p className="muted settings-intro">{t('notify.intro')}</p>
      <label className="check">
        <input type="checkbox" checked={enabled} disabled={permission === 'unsupported'} data-testid="notify-enable"
          onChange={(e) => void enable(e.target.checked)} />
        {t('notify.enable')}
      </label>
      <dl className="meta">
        <div className="meta-row"><dt>{t('notify.state')}</dt><dd data-testid="notify-permission">{t(`notify.state.${permission}`)}</dd></div>
      </dl>
      <h3>{t('notify.recent')}</h3>
      {recent.length === 0 ? (
        <p className="muted">{t('notify.none')}</p>
      ) : (
        <table className="data-table compact" data-testid="notify-recent">
          <thead>
            <tr><th scope="col">{t('notify.col.time')}</th><th scope="col">{t('notify.col.what')}</th></tr>
          </thead>
          <tbody>
            {recent.map((n) => (
              <tr key={n.id}>
                <td className="nowrap">{formatDateTime(n.at)}</td>
                <td><strong>{t(n.kind === 'incoming' ? 'notify.incoming' : 'notify.status')}</strong>: {n.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
