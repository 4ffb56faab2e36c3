import type { MethodOutput } from '@eoffice/contract';
import { useCallback, useEffect, useState } from 'react';
import { connection } from '../../client';
import { errorText, reasonText } from '../../format/error-text';
import { levelText } from '../../format/long-term-text';
import { formatDateTime } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { useAppStore } from '../../state/app-store';
import { hasAnyRole, useSession } from '../../state/session-store';
import { recordsMessages } from './records-messages';

type Status = MethodOutput<'records', 'ltvStatus'>;
type Outcome = MethodOutput<'records', 'ltvAdd'>;

/**
 * Kiểm tra dài hạn of a record file (issue 16): each signed document with how long its signatures stay verifiable,
 * those not yet long-term verifiable (B-B, B-T) counted, and — for the archive's keepers — the action that makes the
 * archival copies now (records.ltvAdd, the service closing a file uses), with what it made and what it could not.
 */
export function LongTermBlock({ fileId }: { fileId: string }) {
  const t = useMessages(recordsMessages);
  const language = useLanguage((s) => s.language);
  const changeCount = useAppStore((s) => s.changeCount);
  const mayExtend = hasAnyRole(useSession((s) => s.user), ['archivist', 'clerk', 'admin']);
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const reload = useCallback(async () => {
    try {
      setStatus(await connection.client.services.records.ltvStatus({ id: fileId }));
      setError(null);
    } catch (caught) {
      setError(errorText(caught, language));
    }
  }, [fileId, language]);
  useEffect(() => void reload(), [reload, changeCount]);
  useEffect(() => setOutcome(null), [fileId]);

  const extend = async () => {
    setBusy(true);
    setError(null);
    try {
      setOutcome(await connection.client.services.records.ltvAdd({ id: fileId }));
    } catch (caught) {
      setError(errorText(caught, language));
    } finally {
      setBusy(false);
      void reload();
    }
  };

  const documents = status?.documents ?? [];
  const waiting = documents.filter((d) => !d.longTerm);
  // A copy made without some revocation data is not made again by the action (it would make the same copy): said, not offered.
  const toCopy = waiting.filter((d) => d.archival === null);
  const ordinalOf = (documentId: string) => documents.find((d) => d.documentId === documentId)?.docOrdinal ?? '?';
  return (
    <section className="detail-block" aria-labelledby="record-ltv-title" data-testid="record-long-term">
      <h3 id="record-ltv-title">{t('ltv.title')}</h3>
      <p className="muted small">{t('ltv.hint')}</p>
      {error && <p className="inline-error" role="alert">{error}</p>}
      {!status ? (
        !error && <p className="muted">…</p>
      ) : documents.length === 0 ? (
        <p className="muted">{t('ltv.none')}</p>
      ) : (
        <>
          <p data-testid="record-ltv-summary">{waiting.length === 0 ? t('ltv.allDone') : t('ltv.waiting', { n: waiting.length, total: documents.length })}</p>
          <table className="data-table compact long-term-table" role="grid" aria-label={t('ltv.tableLabel')} data-testid="record-ltv-table">
            <thead>
              <tr>
                <th scope="col" className="num">{t('doc.ordinal')}</th>
                <th scope="col">{t('doc.subject')}</th>
                <th scope="col">{t('ltv.level')}</th>
                <th scope="col">{t('ltv.state')}</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.documentId} data-testid="record-ltv-row" data-id={d.documentId} data-long-term={String(d.longTerm)}>
                  <td className="num">{d.docOrdinal}</td>
                  <td>{d.subject ?? '—'}</td>
                  <td>
                    {levelText(d.level, language)}
                    {d.level && <span className="code-hint">{d.level}</span>}
                  </td>
                  <td data-testid="record-ltv-state">
                    {d.archival
                      ? d.archival.revocationMissing > 0
                        ? t('ltv.madeIncomplete', { time: formatDateTime(d.archival.timestampTime ?? d.archival.at), n: d.archival.revocationMissing })
                        : t('ltv.made', { time: formatDateTime(d.archival.timestampTime ?? d.archival.at) })
                      : d.longTerm
                        ? t('ltv.original')
                        : d.pending
                          ? t('ltv.pending', { reason: reasonText(d.pending.reason, language) })
                          : t('ltv.notYet')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {mayExtend && toCopy.length > 0 && (
            <div className="long-term-actions">
              <button type="button" className="button primary" disabled={busy} onClick={() => void extend()}>
                {busy ? t('ltv.working') : t('ltv.action', { n: toCopy.length })}
              </button>
            </div>
          )}
        </>
      )}
      {outcome && (
        <div role="status" className="form-notice" data-testid="record-ltv-outcome">
          <p>{outcome.archival.length > 0 ? t('ltv.doneCount', { n: outcome.archival.length }) : outcome.pending.length === 0 ? t('ltv.nothing') : t('ltv.noneMade')}</p>
          {outcome.pending.length > 0 && (
            <ul className="problem-list">
              {outcome.pending.map((p) => (
                <li key={p.documentId} className="problem error" data-testid="record-ltv-failed">{t('ltv.failed', { n: ordinalOf(p.documentId), reason: reasonText(p.reason, language) })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
