import type { DocumentView, SyncStatus } from '@eoffice/contract';
import { useEffect, useState } from 'react';
import { connection } from '../../client';
import { formatDateTime } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { storedErrors } from './stored-error';
import { syncMessages, type SyncKey } from './sync-messages';

type Problem = SyncStatus['problems'][number];
type Quarantined = SyncStatus['quarantine'][number];

function ErrorCell({ message }: { message: string | null }) {
  const language = useLanguage((s) => s.language);
  const errors = storedErrors(message, language);
  if (errors.length === 0) return <>—</>;
  return <>{errors.map((e, i) => <div key={i}>{e.text}{e.code && <div className="muted small"><code>{e.code}</code></div>}</div>)}</>;
}

/**
 * Which document a message is about, by its number and subject: the two directions' lists, read once while there are
 * problems to show (a document the user may not see stays an id, as the services decide).
 */
function useDocumentNames(wanted: boolean): ReadonlyMap<string, DocumentView> {
  const [names, setNames] = useState<ReadonlyMap<string, DocumentView>>(new Map());
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    const list = connection.client.services.documents.list;
    Promise.all([list({ direction: 'incoming', limit: 1000 }), list({ direction: 'outgoing', limit: 1000 })])
      .then(([incoming, outgoing]) => current && setNames(new Map([...incoming.documents, ...outgoing.documents].map((d) => [d.id, d]))))
      .catch(() => undefined); // The ids still show; the queue matters more than the names.
    return () => {
      current = false;
    };
  }, [wanted]);
  return names;
}

function documentLabel(document: DocumentView | undefined, id: string) {
  if (!document) return <code>{id.slice(0, 8)}</code>;
  const code = [document.number, document.symbol].filter(Boolean).join('/');
  const subject = document.subject ?? '';
  return <>{code && <span className="nowrap">{code} · </span>}{subject.length > 60 ? `${subject.slice(0, 60)}…` : subject}</>;
}

/** The outgoing messages that did not leave: waiting for their next try, stopped, or never sendable. */
export function OutboxProblems({ problems, busy, onRetry }: { problems: readonly Problem[]; busy: boolean; onRetry: (ids: number[]) => void }) {
  const t = useMessages(syncMessages);
  const documents = useDocumentNames(problems.length > 0);
  return (
    <section className="detail-block" aria-labelledby="sync-problems-title">
      <div className="section-head">
        <h2 id="sync-problems-title" className="sync-heading">{t('problems.title')}</h2>
        {problems.length > 1 && <button type="button" className="button" disabled={busy} onClick={() => onRetry(problems.map((p) => p.id))}>{t('problems.retryAll')}</button>}
      </div>
      {problems.length === 0 ? (
        <p className="muted" data-testid="sync-problems-none">{t('problems.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" role="grid" aria-label={t('problems.label')} data-testid="sync-problems">
            <thead>
              <tr>
                <th scope="col">{t('col.kind')}</th>
                <th scope="col">{t('col.document')}</th>
                <th scope="col">{t('col.recipient')}</th>
                <th scope="col">{t('col.state')}</th>
                <th scope="col" className="num">{t('col.attempts')}</th>
                <th scope="col">{t('col.next')}</th>
                <th scope="col">{t('col.error')}</th>
                <th scope="col">{t('col.action')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p) => (
                <tr key={p.id} data-testid="sync-problem-row" data-id={p.id} data-state={p.state}>
                  <td className="nowrap">{p.kind === 'status' ? t('kind.status', { code: p.statusCode ?? '' }) : t('kind.document')}</td>
                  <td title={documents.get(p.documentId)?.subject ?? p.documentId}>{documentLabel(documents.get(p.documentId), p.documentId)}</td>
                  <td className="nowrap">{p.recipient}</td>
                  <td>{t(`state.${p.state}` as SyncKey)}</td>
                  <td className="num">{p.attempts}</td>
                  <td className="nowrap">{formatDateTime(p.nextAttemptAt) || '—'}</td>
                  <td><ErrorCell message={p.lastError} /></td>
                  <td>
                    <button type="button" className="button small" disabled={busy} aria-label={t('problems.retryOne', { id: p.id })} onClick={() => onRetry([p.id])}>
                      {t('problems.retry')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Received messages that could not be taken in, with their reason; taking one in again needs the engine. */
export function QuarantineTable({ messages, busy, onRetake }: { messages: readonly Quarantined[]; busy: boolean; onRetake: (ids: string[]) => void }) {
  const t = useMessages(syncMessages);
  return (
    <section className="detail-block" aria-labelledby="sync-quarantine-title">
      <h2 id="sync-quarantine-title" className="sync-heading">{t('quarantine.title')}</h2>
      <p className="muted small">{t('quarantine.hint')}</p>
      {messages.length === 0 ? (
        <p className="muted" data-testid="sync-quarantine-none">{t('quarantine.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" role="grid" aria-label={t('quarantine.label')} data-testid="sync-quarantine">
            <thead>
              <tr>
                <th scope="col">{t('col.received')}</th>
                <th scope="col">{t('col.type')}</th>
                <th scope="col">{t('col.sender')}</th>
                <th scope="col">{t('col.axisId')}</th>
                <th scope="col" className="wide">{t('col.reason')}</th>
                <th scope="col">{t('col.action')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.axisDocId} data-testid="sync-quarantine-row" data-id={m.axisDocId}>
                  <td className="nowrap">{formatDateTime(m.receivedAt)}</td>
                  <td className="nowrap">{t(`type.${m.messageType}` as SyncKey)}</td>
                  <td className="nowrap">{m.sender ?? '—'}</td>
                  <td className="nowrap" title={m.axisDocId}><code>{m.axisDocId.length > 16 ? `${m.axisDocId.slice(0, 16)}…` : m.axisDocId}</code></td>
                  <td className="wide" data-testid="sync-quarantine-reason">
                    <ErrorCell message={m.errorCode && m.error && !m.error.startsWith(m.errorCode) ? `${m.errorCode}: ${m.error}` : m.error ?? m.errorCode} />
                  </td>
                  <td>
                    <button type="button" className="button small" disabled={busy} aria-label={t('quarantine.retakeOne', { id: m.axisDocId })} onClick={() => onRetake([m.axisDocId])}>
                      {t('quarantine.retake')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
