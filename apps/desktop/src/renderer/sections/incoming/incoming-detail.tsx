import type { DocumentView, MethodOutput } from '@eoffice/contract';
import { useCallback, useEffect, useState } from 'react';
import { connection } from '../../client';
import { errorText } from '../../format/error-text';
import { formatDateText, formatDateTime } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { useAppStore } from '../../state/app-store';
import { IncomingActions } from './incoming-actions';
import { incomingMessages, type IncomingKey } from './incoming-messages';
import { SignaturePanel } from './signature-panel';

type History = MethodOutput<'documents', 'history'>['entries'];

export function IncomingDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const t = useMessages(incomingMessages);
  const language = useLanguage((s) => s.language);
  const changeCount = useAppStore((s) => s.changeCount);
  const [document, setDocument] = useState<DocumentView | null>(null);
  const [history, setHistory] = useState<History>([]);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const [shown, log] = await Promise.all([
        connection.client.services.documents.show({ id }),
        connection.client.services.documents.history({ id }),
      ]);
      setDocument(shown);
      setHistory(log.entries);
      setError(null);
    } catch (caught) {
      setError(errorText(caught, language));
    }
  }, [id, language]);
  useEffect(() => void reload(), [reload, changeCount]);

  if (error) return <p className="inline-error" role="alert">{error}</p>;
  if (!document) return <p className="muted">…</p>;
  const field = (label: IncomingKey, value: string | number | null | undefined, testId?: string) =>
    value === null || value === undefined || value === '' ? null : (
      <div className="meta-row"><dt>{t(label)}</dt><dd data-testid={testId}>{value}</dd></div>
    );
  return (
    <div className="detail" data-testid="incoming-detail">
      <h2 className="detail-title">{document.subject}</h2>
      <div className="detail-tags">
        <span className="state-tag">{t(`state.${document.state}` as IncomingKey)}</span>
        {document.urgency !== 'normal' && <span className={`urgency-tag ${document.urgency}`}>{t(`urgency.${document.urgency}` as IncomingKey)}</span>}
        {document.flags.includes('overdue') && <span className="late-tag">{t('late')}</span>}
        {document.flags.includes('late-registration') && <span className="late-tag soft">{t('lateRegistration')}</span>}
      </div>
      <IncomingActions document={document} onDone={(updated) => { setDocument(updated); void reload(); onChanged(); }} />
      <section className="detail-block" aria-labelledby="meta-title">
        <h3 id="meta-title">{t('detail.metadata')}</h3>
        <dl className="meta">
          {field('detail.code', [document.number, document.symbol].filter(Boolean).join('/'))}
          {field('detail.type', document.typeName ?? document.type)}
          {field('detail.issuer', [document.issuer.name, document.issuer.organId].filter(Boolean).join(' — '))}
          {field('detail.issued', formatDateText(document.issuedDate))}
          {field('detail.arrival', document.arrivalNumber, 'detail-arrival-number')}
          {field('detail.arrivalDate', formatDateText(document.arrivalDate))}
          {field('detail.urgency', t(`urgency.${document.urgency}` as IncomingKey))}
          {field('detail.secrecy', t(`secrecy.${document.secrecy}` as IncomingKey))}
          {field('detail.due', formatDateText(document.dueDate))}
          {field('detail.source', document.source ? t(`source.${document.source}` as IncomingKey) : null)}
          {field('detail.files', document.files.map((f) => f.name).join(', '))}
          {field('detail.rejectReason', document.rejectReason, 'detail-reject-reason')}
          {field('detail.result', document.resultNote)}
        </dl>
      </section>
      {document.assignments.length > 0 && (
        <section className="detail-block" aria-labelledby="assign-title">
          <h3 id="assign-title">{t('detail.assignments')}</h3>
          <ul className="plain-list" data-testid="assignments">
            {document.assignments.map((a) => (
              <li key={a.id}>
                <strong>{t(`assignment.${a.role}` as IncomingKey)}</strong>: {a.fullName}
                {a.dueDate && <> · {t('assign.deadlineIs', { date: formatDateText(a.dueDate) })}</>}
                {a.instructions && <div className="muted small">{a.instructions}</div>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <SignaturePanel document={document} />
      <section className="detail-block" aria-labelledby="timeline-title">
        <h3 id="timeline-title">{t('timeline.title')}</h3>
        {history.length === 0 ? (
          <p className="muted">{t('timeline.empty')}</p>
        ) : (
          <ol className="timeline" data-testid="timeline">
            {history.map((entry, index) => (
              <li key={index}>
                <span className="timeline-time">{formatDateTime(entry.at)}</span>
                <span className="timeline-what">
                  <strong>{entry.toState ? t(`state.${entry.toState}` as IncomingKey) : entry.action}</strong> — {entry.actor}
                  {entry.note && <span className="muted"> · {entry.note}</span>}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
