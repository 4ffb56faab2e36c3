import type { DocumentView, RecordFileView } from '@eoffice/contract';
import { useEffect, useState, type FormEvent } from 'react';
import { connection } from '../../client';
import { errorText } from '../../format/error-text';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { hasAnyRole, useSession } from '../../state/session-store';
import { recordsMessages, type RecordsKey } from './records-messages';

/**
 * What a user files: incoming documents whose handling is complete (or already filed elsewhere) and issued outgoing
 * ones. The service accepts a few earlier states too (records/record-files.ts, FILEABLE_STATES); the screen offers
 * the finished work, which is what a file closes over.
 */
const FINISHED: Record<'incoming' | 'outgoing', readonly string[]> = {
  incoming: ['completed', 'filed'],
  outgoing: ['issued', 'dispatched', 'archived'],
};

/** Lập hồ sơ: pick a finished document the user may see and add it to the open file (records.add). */
export function FileDocumentForm({ file, inFile, onFiled }: { file: RecordFileView; inFile: ReadonlySet<string>; onFiled: (ordinal: number) => void }) {
  const t = useMessages(recordsMessages);
  const language = useLanguage((s) => s.language);
  // Who may take an incoming document's "lập hồ sơ" step (lifecycle.ts, INCOMING_RULES.file).
  const mayMarkFiled = hasAnyRole(useSession((s) => s.user), ['specialist', 'clerk', 'archivist']);
  const [candidates, setCandidates] = useState<DocumentView[] | null>(null);
  const [documentId, setDocumentId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const list = connection.client.services.documents.list;
    Promise.all([list({ direction: 'incoming', limit: 1000 }), list({ direction: 'outgoing', limit: 1000 })])
      .then(([incoming, outgoing]) => {
        if (!current) return;
        setCandidates([
          ...incoming.documents.filter((d) => FINISHED.incoming.includes(d.state)),
          ...outgoing.documents.filter((d) => FINISHED.outgoing.includes(d.state)),
        ]);
      })
      .catch((caught: unknown) => current && setError(errorText(caught, language)));
    return () => {
      current = false;
    };
  }, [file.id, language]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!documentId) {
      setError(t('add.needDocument'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const added = await connection.client.services.records.add({ id: file.id, documentId });
      setDocumentId('');
      onFiled(added.document.docOrdinal);
      // A completed incoming document also takes its lifecycle's last step (completed → filed). It is a step of its
      // own: when refused, the document stays in the file and the reason is said; the step can be taken again later.
      const picked = candidates?.find((d) => d.id === documentId);
      if (picked?.direction === 'incoming' && picked.state === 'completed' && mayMarkFiled) {
        try {
          await connection.client.services.documents.file({ id: documentId, note: file.fileCode });
        } catch (caught) {
          setError(t('add.notMarked', { reason: errorText(caught, language) }));
        }
      }
    } catch (caught) {
      setError(errorText(caught, language));
    } finally {
      setBusy(false);
    }
  }

  const offered = (candidates ?? []).filter((d) => !inFile.has(d.id));
  const label = (d: DocumentView) =>
    t('add.option', {
      direction: t(`doc.direction.${d.direction === 'outgoing' ? 'outgoing' : 'incoming'}` as RecordsKey),
      code: [d.number, d.symbol].filter(Boolean).join('/') || '—',
      subject: d.subject ?? '',
    });
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-labelledby="file-doc-title" data-testid="file-document-form">
      <h4 id="file-doc-title">{t('add.title')}</h4>
      {candidates === null && !error && <p className="muted">…</p>}
      {candidates !== null && offered.length === 0 && <p className="muted">{t('add.none')}</p>}
      {offered.length > 0 && (
        <label className="field">
          <span>{t('add.document')}</span>
          <select value={documentId} onChange={(e) => setDocumentId(e.target.value)} aria-describedby="file-doc-hint">
            <option value="">{t('add.pick')}</option>
            {offered.map((d) => <option key={d.id} value={d.id}>{label(d)}</option>)}
          </select>
          <small id="file-doc-hint">{t('add.hint')}</small>
        </label>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
      {offered.length > 0 && <button type="submit" className="button primary" disabled={busy}>{t('add.confirm')}</button>}
    </form>
  );
}
