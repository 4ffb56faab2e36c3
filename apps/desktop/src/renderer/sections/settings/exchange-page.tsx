import { useState, type FormEvent } from 'react';
import { connection } from '../../client';
import { formatDateTime } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { Feedback, SettingsPage, useAction, useLoad } from './settings-common';
import { settingsMessages } from './settings-messages';

/**
 * Trục liên thông: the axis this machine exchanges through (address and system code; the secret stays in the
 * machine's configuration) and the automatic sync's interval, which a clerk or an admin sets here.
 */
export function ExchangePage() {
  const t = useMessages(settingsMessages);
  const sync = connection.client.services.sync;
  const [load, reload] = useLoad(() => sync.status({}), []);
  const action = useAction(reload);
  const [seconds, setSeconds] = useState('');

  function setInterval(event: FormEvent) {
    event.preventDefault();
    void action.run(async () => {
      const { pollIntervalMs } = await sync.setPollInterval({ seconds: Number(seconds) });
      setSeconds('');
      return t('exchange.intervalSaved', { n: pollIntervalMs / 1000 });
    });
  }

  return (
    <SettingsPage title={t('page.exchange')} intro={t('exchange.intro')} load={load} reload={reload}>
      {(status) => (
        <>
          <Feedback notice={action.notice} error={action.error} />
          {!status.configured && <p className="form-warning" data-testid="exchange-not-configured">{t('exchange.notConfigured')}</p>}
          {status.axis?.demo && <p className="form-warning" data-testid="exchange-demo-axis">{t('exchange.demoAxis')}</p>}
          <dl className="meta">
            {status.axis && (
              <>
                <div className="meta-row"><dt>{t('exchange.url')}</dt><dd data-testid="exchange-url">{status.axis.url}</dd></div>
                <div className="meta-row"><dt>{t('exchange.systemId')}</dt><dd data-testid="exchange-system">{status.axis.systemId}</dd></div>
                <div className="meta-row"><dt>{t('exchange.secret')}</dt><dd>{t('exchange.secretKept')}</dd></div>
              </>
            )}
            {status.pollIntervalMs !== null && (
              <div className="meta-row"><dt>{t('exchange.interval')}</dt><dd data-testid="exchange-interval">{t('exchange.intervalValue', { n: status.pollIntervalMs / 1000 })}</dd></div>
            )}
            <div className="meta-row"><dt>{t('exchange.lastSync')}</dt><dd>{status.lastSyncAt ? formatDateTime(status.lastSyncAt) : t('exchange.never')}</dd></div>
          </dl>
          {status.configured && (
            <form className="settings-form inline-form" onSubmit={setInterval} data-testid="exchange-interval-form">
              <label className="field">
                <span>{t('exchange.seconds')}</span>
                <input type="number" min={5} max={86400} step={1} required value={seconds} onChange={(e) => setSeconds(e.target.value)} />
              </label>
              <button type="submit" className="button primary" disabled={action.busy}>{t('exchange.setInterval')}</button>
            </form>
          )}
        </>
      )}
    </SettingsPage>
  );
}
