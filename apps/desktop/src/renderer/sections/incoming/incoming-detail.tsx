import type { DocumentView, MethodOutput } from '@eoffice/contract';
import { useCallback, useEffect, useState } from 'react';
import { connection } from '../../client';
import { OrganName } from '../../components/organ-name';
import { PdfPreview } from '../../components/pdf/pdf-preview';
import { TimelineNote } from '../../components/timeline-note';
import { documentLinkText, replacesText } from '../../format/document-link';
import { errorText } from '../../format/error-text';
import { saveFile } from '../../format/save-file';
import { timelineActionText } from '../../format/timeline-note';
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
  const [preview, setPreview] = useState<{ sha256: string; bytes: Uint8Array } | null>(null);

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
  useEffect(() => setPreview(null), [id]);

  /** The file's bytes through the document's visibility (a hidden document's file reads as a missing one). */
  async function fetchFile(sha256: string): Promise<Uint8Array | null> {
    try {
      return (await connection.client.files.download({ documentId: id, sha256 })).bytes;
    } catch (caught) {
      setError(errorText(caught, language));
      return null;
    }
  }
  async function show(sha256: string) {
    if (preview?.sha256 === sha256) return setPreview(null);
    const bytes = await fetchFile(sha256);
    if (bytes) setPreview({ sha256, bytes });
  }
  async function save(sha256: string, name: string) {
    const bytes = await fetchFile(sha256);
    if (bytes) saveFile(bytes, name);
  }

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
        <span className="state-tag" data-testid="state-tag">{t(`state.${document.state}` as IncomingKey)}</span>
        {document.urgency !== 'normal' && <span className={`urgency-tag ${document.urgency}`}>{t(`urgency.${document.urgency}` as IncomingKey)}</span>}
        {document.flags.includes('overdue') && <span className="late-tag">{t('late')}</span>}
        {document.flags.includes('late-registration') && <span className="late-tag soft">{t('lateRegistration')}</span>}
        {document.urgentLate && <span className="late-tag" data-testid="urgent-late-tag">{t('urgentLate', { days: String(document.urgentLate.daysLate) })}</span>}
      </div>
      <IncomingActions document={document} onDone={(updated) => { setDocument(updated); void reload(); onChanged(); }} />
      <section className="detail-block" aria-labelledby="meta-title">
        <h3 id="meta-title">{t('detail.metadata')}</h3>
        <dl className="meta">
          {field('detail.code', [document.number, document.symbol].filter(Boolean).join('/'), 'detail-code')}
          {field('detail.replacedBy', document.replacedBy ? documentLinkText(document.replacedBy) : null, 'detail-replaced-by')}
          {field('detail.replaces', replacesText(document), 'detail-replaces')}
          {field('detail.signer', [document.metadata?.signerPosition, document.metadata?.signerName].filter(Boolean).join(' ') || null, 'detail-signer')}
          {field('detail.pages', document.metadata?.pageAmount ? String(document.metadata.pageAmount) : null, 'detail-pages')}
          {field('detail.copies', document.metadata?.issuedAmount ? String(document.metadata.issuedAmount) : null, 'detail-copies')}
          {field('detail.toPlaces', document.metadata?.toPlaces.join('; ') || null, 'detail-to-places')}
          {field('detail.type', document.typeName ?? document.type)}
          {(document.issuer.name || document.issuer.organId) && (
            <div className="meta-row"><dt>{t('detail.issuer')}</dt><dd><OrganName name={document.issuer.name} code={document.issuer.organId} testId="detail-issuer" /></dd></div>
          )}
          {field('detail.issued', formatDateText(document.issuedDate), 'detail-issued')}
          {field('detail.arrival', document.arrivalNumber, 'detail-arrival-number')}
          {field('detail.arrivalDate', formatDateText(document.arrivalDate))}
          {field('detail.urgency', t(`urgency.${document.urgency}` as IncomingKey))}
          {field('detail.secrecy', t(`secrecy.${document.secrecy}` as IncomingKey))}
          {field('detail.due', formatDateText(document.dueDate))}
          {field('detail.source', document.source ? t(`source.${document.source}` as IncomingKey) : null)}
          {field('detail.rejectReason', document.rejectReason, 'detail-reject-reason')}
          {field('detail.result', document.resultNote)}
        </dl>
      </section>
      {document.files.length > 0 && (
        <section className="detail-block" aria-labelledby="files-title">
          <h3 id="files-title">{t('detail.files')}</h3>
          <ul className="plain-list" data-testid="incoming-files">
            {document.files.map((file) => (
              <li key={`${file.role}-${file.sha256}`}>
                {file.name}{' '}
                <button type="button" className="button small" aria-pressed={preview?.sha256 === file.sha256} onClick={() => void show(file.sha256)}>
                  {preview?.sha256 === file.sha256 ? t('detail.hidePreview') : t('detail.preview')}
                </button>{' '}
                <button type="button" className="button small" aria-label={`${t('detail.save')}: ${file.name}`} onClick={() => void save(file.sha256, file.name)}>{t('detail.save')}</button>
              </li>
            ))}
          </ul>
          {preview && <PdfPreview bytes={preview.bytes} />}
        </section>
      )}
      {document.assignments.length > 0 && (
        <section className="detail-block" aria-labelledby="assign-title">
          <h3 id="assign-title">{t('detail.assignments')}</h3>
          <ul className="plain-list" data-testid="assignments">
            {document.assignments.map((a) => (
              <li key={a.id}>
                <strong>{t(`assignment.${a.role}` as IncomingKey)}</strong>: {a.fullName}
                {a.dueDate && <> · {t('assign.deadlineIs', { date: formatDateText(a.dueDate) })}</>}
                {a.instructions && <div className="muted small">{a.instructions}</div>}
                {(a.opinions ?? []).length > 0 && (
                  <ul className="plain-list small" aria-label={t('assignment.opinions')} data-testid="assignment-opinions">
                    {a.opinions!.map((o, index) => (
                      <li key={index}>{formatDateTime(o.at)} — <strong>{o.fullName}</strong>: {o.text}</li>
                    ))}
                  </ul>
                )}
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
                  <strong>{entry.toState ? t(`state.${entry.toState}` as IncomingKey) : timelineActionText(entry.action, language)}</strong> — {entry.actor}
                  {entry.note && <span className="muted" data-testid="timeline-note"> · <TimelineNote action={entry.action} note={entry.note} /></span>}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
