import type { MethodOutput } from '@eoffice/contract';
import { useCallback, useEffect, useState } from 'react';
import { connection } from '../../client';
import { errorText } from '../../format/error-text';
import { formatDateText } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { useAppStore } from '../../state/app-store';
import { FileDocumentForm } from './file-document-form';
import { LongTermBlock } from './long-term-block';
import { periodText, retentionText } from './record-labels';
import { recordsMessages, type RecordsKey } from './records-messages';

type Shown = MethodOutput<'records', 'show'>;

/** One record file: its Phụ lục VI fields, its document index (mục lục văn bản), and filing into it while open. */
export function RecordFileDetail({ id, onFiled }: { id: string; onFiled: () => void }) {
  const t = useMessages(recordsMessages);
  const language = useLanguage((s) => s.language);
  const changeCount = useAppStore((s) => s.changeCount);
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setShown(await connection.client.services.records.show({ id }));
      setError(null);
    } catch (caught) {
      setError(errorText(caught, language));
    }
  }, [id, language]);
  useEffect(() => void reload(), [reload, changeCount]);
  useEffect(() => setNotice(null), [id]);

  if (error) return <p className="inline-error" role="alert">{error}</p>;
  if (!shown) return <p className="muted">…</p>;
  const { file, documents } = shown;
  const field = (label: RecordsKey, value: string | null | undefined, testId?: string) =>
    !value ? null : <div className="meta-row"><dt>{t(label)}</dt><dd data-testid={testId}>{value}</dd></div>;
  return (
    <div className="detail" data-testid="record-file-detail">
      <h2 className="detail-title">{file.title}</h2>
      <div className="detail-tags"><span className="state-tag" data-testid="record-file-state">{t(`state.${file.state}` as RecordsKey)}</span></div>
      <section className="detail-block" aria-labelledby="record-meta-title">
        <h3 id="record-meta-title">{t('detail.metadata')}</h3>
        <dl className="meta">
          {field('detail.code', file.fileCode, 'record-file-code')}
          {field('detail.heading', `${file.heading.code} — ${file.heading.title}`)}
          {field('detail.retention', retentionText(t, file.retention))}
          {field('detail.unit', file.unit)}
          {field('detail.person', file.person)}
          {field('detail.period', periodText(file))}
          {field('detail.rights', file.rights)}
          {field('detail.opened', formatDateText(file.openedAt))}
          {field('detail.handoverDue', formatDateText(file.handover.dueDate))}
        </dl>
      </section>
      {file.state === 'open' ? (
        <FileDocumentForm file={file} inFile={new Set(documents.map((d) => d.documentId))}
          onFiled={(ordinal) => { setNotice(t('add.done', { n: ordinal })); void reload(); onFiled(); }} />
      ) : (
        <p className="muted small">{t('add.closed')}</p>
      )}
      {notice && <p className="form-notice" role="status">{notice}</p>}
      <section className="detail-block" aria-labelledby="record-docs-title">
        <h3 id="record-docs-title">{t('detail.documents')}</h3>
        {documents.length === 0 ? (
          <p className="muted">{t('detail.noDocuments')}</p>
        ) : (
          <table className="data-table compact" role="grid" aria-label={t('documentsLabel')} data-testid="record-documents">
            <thead>
              <tr>
                <th scope="col" className="num">{t('doc.ordinal')}</th>
                <th scope="col">{t('doc.code')}</th>
                <th scope="col">{t('doc.date')}</th>
                <th scope="col">{t('doc.subject')}</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((doc) => (
                <tr key={doc.documentId} data-testid="record-document-row" data-id={doc.documentId}>
                  <td className="num">{doc.docOrdinal}</td>
                  <td className="nowrap">{[doc.codeNumber, doc.codeNotation].filter(Boolean).join('/') || '—'}</td>
                  <td className="nowrap">{formatDateText(doc.issuedDate)}</td>
                  <td>{doc.subject}{doc.organName && <div className="muted small">{doc.organName}</div>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {documents.length > 0 && <LongTermBlock fileId={file.id} />}
    </div>
  );
}
