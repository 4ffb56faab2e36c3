import type { SyncStatus } from '@eoffice/contract';
import { useCallback, useEffect, useState } from 'react';
import { connection } from '../../client';
import { errorText } from '../../format/error-text';
import { formatDateTime } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { useAppStore } from '../../state/app-store';
import { storedErrors } from './stored-error';
import { syncMessages, type SyncKey } from './sync-messages';
import { OutboxProblems, QuarantineTable } from './sync-tables';
import './sync.css';

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: SyncStatus };

/**
 * Đồng bộ: the exchange with the national axis as the clerk watches it — both queues, the last pass and its errors,
 * the messages that did not leave (retried here) and the received ones quarantined with their reason.
 */
export function SyncSection() {
  const t = useMessages(syncMessages);
  const language = useLanguage((s) => s.language);
  // The engine announces each pass and every move of the outbox; the documents' changes may add statuses to send.
  const syncEvent = useAppStore((s) => s.syncStatus);
  const changeCount = useAppStore((s) => s.changeCount);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setLoad({ status: 'ready', value: await connection.client.services.sync.status({}) });
    } catch (caught) {
      setLoad({ status: 'error', message: errorText(caught, language) });
    }
  }, [language]);
  useEffect(() => void reload(), [reload, syncEvent, changeCount]);

  /** Runs one control, says what it did, and shows the queues as they now are. */
  async function act(call: () => Promise<string>) {
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      setNotice(await call());
    } catch (caught) {
      setError(errorText(caught, language));
    } finally {
      setBusy(false);
      await reload();
    }
  }
  const sync = connection.client.services.sync;
  const syncNow = () =>
    act(async () => {
      const pass = await sync.syncNow({});
      const counts = { sent: pass.sent.sent, stored: pass.received.stored, statuses: pass.received.statuses };
      if (pass.error) return t('pass.failed', { error: storedErrors(pass.error, language).map((e) => e.text).join('; ') });
      if (pass.ok) return t('pass.done', counts);
      return t('pass.problems', { ...counts, failed: pass.sent.failed + pass.received.failed, quarantined: pass.sent.quarantined + pass.received.quarantined });
    });
  const retry = (outboxIds: number[]) =>
    act(async () => t('problems.retried', { n: (await sync.retry({ outboxIds })).outbox }));
  const retake = (axisDocIds: string[]) =>
    act(async () => {
      const { quarantine } = await sync.retry({ axisDocIds });
      return quarantine > 0 ? t('quarantine.retaken', { n: quarantine }) : t('quarantine.stillBad');
    });

  const intervalText = (ms: number) => {
    const seconds = Math.round(ms / 1000);
    if (seconds % 3600 === 0) return t('summary.intervalHours', { n: seconds / 3600 });
    if (seconds % 60 === 0) return t('summary.intervalMinutes', { n: seconds / 60 });
    return t('summary.intervalValue', { n: seconds });
  };

  if (load.status === 'loading') return <p className="muted">…</p>;
  if (load.status === 'error') {
    return (
      <section className="sync-section">
        <h1 className="section-title">{t('title')}</h1>
        <div className="inline-error" role="alert">{t('loadError')} {load.message} <button type="button" className="button" onClick={() => void reload()}>{t('refresh')}</button></div>
      </section>
    );
  }
  const status = load.value;
  const passErrors = storedErrors(status.lastPass?.error ?? null, language);
  const count = (label: SyncKey, value: number, testId: string, alarm = false) => (
    <div className={alarm && value > 0 ? 'sync-count alarm' : 'sync-count'}>
      <dt>{t(label)}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
  return (
    <section className="sync-section" aria-labelledby="sync-title" data-testid="sync-section">
      <div className="section-head">
        <h1 className="section-title" id="sync-title">{t('title')}</h1>
        <div className="action-row">
          <button type="button" className="button" onClick={() => void reload()} disabled={busy}>{t('refresh')}</button>
          <button type="button" className="button primary" onClick={() => void syncNow()} disabled={busy || !status.configured}>
            {busy ? t('syncing') : t('syncNow')}
          </button>
        </div>
      </div>
      {!status.configured && <p className="form-warning" data-testid="sync-not-configured">{t('notConfigured')}</p>}
      {notice && <p className="form-notice" role="status">{notice}</p>}
      {error && <p className="form-error" role="alert">{error}</p>}

      <div className="sync-summary" role="group" aria-label={t('summary.label')}>
        <dl className="meta sync-meta">
          <div className="meta-row"><dt>{t('summary.last')}</dt><dd data-testid="sync-last">{status.lastSyncAt ? formatDateTime(status.lastSyncAt) : t('summary.never')}</dd></div>
          {status.lastOkAt && <div className="meta-row"><dt>{t('summary.lastOk')}</dt><dd>{formatDateTime(status.lastOkAt)}</dd></div>}
          {status.pollIntervalMs !== null && (
            <div className="meta-row"><dt>{t('summary.interval')}</dt><dd>{intervalText(status.pollIntervalMs)}</dd></div>
          )}
        </dl>
        {status.lastPass && (passErrors.length > 0 ? (
          <div className="sync-pass-error" data-testid="sync-last-error">
            <strong>{t('summary.lastError')}</strong>
            <ul className="plain-list">{passErrors.map((e, i) => <li key={i}>{e.text}{e.code && <> <code className="muted small">{e.code}</code></>}</li>)}</ul>
          </div>
        ) : (
          <p className="muted">{t(status.lastPass.ok ? 'summary.ok' : 'summary.problems')}</p>
        ))}
      </div>

      <div className="sync-queues">
        <section className="sync-queue" aria-labelledby="sync-outbox-title">
          <h2 id="sync-outbox-title">{t('outbox.title')}</h2>
          <dl className="sync-counts">
            {count('outbox.pending', status.outgoing.pending, 'outbox-pending')}
            {count('outbox.sent', status.outgoing.sent, 'outbox-sent')}
            {count('outbox.failed', status.outgoing.failed, 'outbox-failed', true)}
            {count('outbox.quarantined', status.outgoing.quarantined, 'outbox-quarantined', true)}
          </dl>
        </section>
        <section className="sync-queue" aria-labelledby="sync-inbox-title">
          <h2 id="sync-inbox-title">{t('inbox.title')}</h2>
          <dl className="sync-counts">
            {count('inbox.stored', status.incoming.stored, 'inbox-stored')}
            {count('inbox.applied', status.incoming.applied, 'inbox-applied')}
            {count('inbox.duplicates', status.incoming.duplicates, 'inbox-duplicates')}
            {count('inbox.quarantined', status.incoming.quarantined, 'inbox-quarantined', true)}
          </dl>
        </section>
      </div>

      <OutboxProblems problems={status.problems} busy={busy} onRetry={(ids) => void retry(ids)} />
      <QuarantineTable messages={status.quarantine} busy={busy || !status.configured} onRetake={(ids) => void retake(ids)} />
    </section>
  );
}
