import type { MethodOutput } from '@eoffice/contract';
import { connection } from '../../client';
import { errorCode } from '../../format/error-text';
import { useMessages } from '../../i18n/define-messages';
import { SettingsPage, useLoad } from './settings-common';
import { settingsMessages } from './settings-messages';

type Axis = MethodOutput<'sync', 'status'>['axis'];

/**
 * Kết nối, read-only: where the services run as they say it themselves (system.info's `deployment`: one machine, the
 * agency server, or a workstation connected to it) and which axis they exchange through (sync.status's `axis`: none,
 * the local demo axis, or a configured one) — never guessed from the page's address. The face itself (the window or
 * a browser) is the page's own knowledge. Chosen when the application starts, not here.
 */
export function ConnectionPage() {
  const t = useMessages(settingsMessages);
  const [load, reload] = useLoad(async () => {
    const info = await connection.client.services.system.info({});
    // A role that may not see the sync (E_FORBIDDEN) still sees the mode; the axis line is then left out.
    const axis = await connection.client.services.sync.status({}).then(
      (status): Axis | 'hidden' => status.axis,
      (caught: unknown): 'hidden' => {
        if (errorCode(caught) === 'E_FORBIDDEN') return 'hidden';
        throw caught;
      },
    );
    return { info, axis };
  }, []);
  const face = connection.transport === 'ipc' ? 'ipc' : 'browser';
  return (
    <SettingsPage title={t('page.connection')} intro={t('connection.intro')} load={load} reload={reload}>
      {({ info, axis }) => (
        <>
          <dl className="meta">
            <div className="meta-row"><dt>{t('connection.mode')}</dt><dd data-testid="connection-mode">{t(`connection.mode.${info.deployment.mode}`)}</dd></div>
            {info.deployment.mode === 'connected' && (
              <div className="meta-row"><dt>{t('connection.server')}</dt><dd data-testid="connection-server">{info.deployment.server}</dd></div>
            )}
            {axis !== 'hidden' && (
              <div className="meta-row">
                <dt>{t('connection.axis')}</dt>
                <dd data-testid="connection-axis">
                  {axis === null ? t('connection.axis.none') : axis.demo ? t('connection.axis.demo') : t('connection.axis.configured', { url: axis.url })}
                </dd>
              </div>
            )}
            <div className="meta-row"><dt>{t('connection.face')}</dt><dd data-testid="connection-face">{t(`connection.face.${face}`)}</dd></div>
            {face === 'browser' && <div className="meta-row"><dt>{t('connection.address')}</dt><dd data-testid="connection-address">{window.location.origin}</dd></div>}
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
