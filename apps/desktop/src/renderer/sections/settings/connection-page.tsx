import { connection } from '../../client';
import { useMessages } from '../../i18n/define-messages';
import { SettingsPage, useLoad } from './settings-common';
import { settingsMessages } from './settings-messages';

/**
 * Kết nối: how this face reaches the services, read-only — the Electron window over IPC, the browser over this
 * machine's loopback web host, or over the agency server (served over HTTPS only, `eoffice serve`). The mode is chosen
 * when the application starts, not here.
 */
export function ConnectionPage() {
  const t = useMessages(settingsMessages);
  const [load, reload] = useLoad(() => connection.client.services.system.info({}), []);
  const mode = connection.transport === 'ipc' ? 'ipc' : window.location.protocol === 'https:' ? 'server' : 'http';
  return (
    <SettingsPage title={t('page.connection')} intro={t('connection.intro')} load={load} reload={reload}>
      {(info) => (
        <>
          <dl className="meta">
            <div className="meta-row"><dt>{t('connection.mode')}</dt><dd data-testid="connection-mode">{t(`connection.mode.${mode}`)}</dd></div>
            {mode !== 'ipc' && <div className="meta-row"><dt>{t('connection.address')}</dt><dd data-testid="connection-address">{window.location.origin}</dd></div>}
            <div className="meta-row"><dt>{t('connection.version')}</dt><dd>{info.version}</dd></div>
            <div className="meta-row"><dt>{t('connection.schema')}</dt><dd>{info.schemaVersion}</dd></div>
            <div className="meta-row"><dt>{t('connection.dataDir')}</dt><dd>{info.dataDir ?? t('connection.dataDirHidden')}</dd></div>
          </dl>
          <p className="muted">{t('connection.serverHint')}</p>
        </>
      )}
    </SettingsPage>
  );
}
