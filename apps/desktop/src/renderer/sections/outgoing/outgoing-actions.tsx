import type { DocumentView } from '@eoffice/contract';
import { useEffect, useState, type FormEvent } from 'react';
import { connection } from '../../client';
import { TextNoteForm } from '../../components/text-note-form';
import { errorText } from '../../format/error-text';
import { looksLikePdf, uploadPicked } from '../../format/upload-file';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { hasAnyRole, useSession } from '../../state/session-store';
import type { SignKind } from '../signing/sign-dialog';
import { outgoingMessages, type OutgoingKey } from './outgoing-messages';

type Form = 'return' | 'approve' | 'revise' | null;

/**
 * The steps the user's roles allow in the document's state (lifecycle.ts, OUTGOING_RULES); the services check role,
 * ownership and state again, this only keeps the buttons to what can work.
 */
export function OutgoingActions({ document, onDone, onSign }: { document: DocumentView; onDone: (updated: DocumentView) => void; onSign: (kind: SignKind) => void }) {
  const t = useMessages(outgoingMessages);
  const language = useLanguage((s) => s.language);
  const user = useSession((s) => s.user);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [form, setForm] = useState<Form>(null);
  useEffect(() => {
    setForm(null);
    setDone(null);
    setError(null);
  }, [document.id]);

  const drafter = hasAnyRole(user, ['specialist', 'leader', 'clerk']);
  const leader = hasAnyRole(user, ['leader']);
  const clerk = hasAnyRole(user, ['clerk']);
  const editable = drafter && (document.state === 'draft' || document.state === 'returned');
  const reviewable = leader && document.state === 'submitted';
  const signable = leader && document.state === 'approved';
  const issuable = clerk && (document.state === 'signed' || document.state === 'issuing');
  const dispatchable = clerk && document.state === 'issued';

  async function run(action: OutgoingKey, call: () => Promise<DocumentView>) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const updated = await call();
      setForm(null);
      setDone(t('action.done', { action: t(action) }));
      onDone(updated);
    } catch (caught) {
      setError(errorText(caught, language));
    } finally {
      setBusy(false);
    }
  }
  const docs = connection.client.services.documents;
  if (!editable && !reviewable && !signable && !issuable && !dispatchable) {
    return done ? <p className="form-notice" role="status">{done}</p> : null;
  }
  return (
    <section className="detail-block actions" aria-labelledby="out-actions-title">
      <h3 id="out-actions-title">{t('actions.title')}</h3>
      <div className="action-row">
        {editable && (
          <>
            <button type="button" className="button primary" disabled={busy} onClick={() => void run('action.submit', () => docs.submit({ id: document.id }))}>{t('action.submit')}</button>
            <button type="button" className="button" disabled={busy} onClick={() => setForm('revise')}>{t('action.revise')}</button>
          </>
        )}
        {reviewable && (
          <>
            <button type="button" className="button primary" disabled={busy} onClick={() => setForm('approve')}>{t('action.approve')}</button>
            <button type="button" className="button danger" disabled={busy} onClick={() => setForm('return')}>{t('action.returnDraft')}</button>
          </>
        )}
        {signable && <button type="button" className="button primary" disabled={busy} onClick={() => onSign('person')}>{t('action.sign')}</button>}
        {issuable && <button type="button" className="button primary" disabled={busy} onClick={() => onSign('agency')}>{t('action.issue')}</button>}
        {dispatchable && (
          <>
            <button type="button" className="button primary" disabled={busy} onClick={() => void run('action.dispatch', () => docs.dispatch({ id: document.id, paper: false }))}>{t('action.dispatch')}</button>
            <button type="button" className="button" disabled={busy} onClick={() => void run('action.dispatchPaper', () => docs.dispatch({ id: document.id, paper: true }))}>{t('action.dispatchPaper')}</button>
          </>
        )}
      </div>
      {form === 'return' && (
        <TextNoteForm cancel={t('cancel')} label={t('return.comment')} submit={t('return.confirm')} required={t('return.required')} busy={busy} onCancel={() => setForm(null)}
          onSubmit={(reason) => void run('action.returnDraft', () => docs.returnDraft({ id: document.id, reason }))} />
      )}
      {form === 'approve' && (
        <TextNoteForm cancel={t('cancel')} label={t('approve.note')} submit={t('action.approve')} required={null} busy={busy} onCancel={() => setForm(null)}
          onSubmit={(note) => void run('action.approve', () => docs.approve({ id: document.id, ...(note ? { note } : {}) }))} />
      )}
      {form === 'revise' && (
        <ReviseForm busy={busy} onCancel={() => setForm(null)}
          onSubmit={(file, note) => void run('action.revise', async () => docs.revise({ id: document.id, file: await uploadPicked(file), ...(note ? { note } : {}) }))} />
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
      {done && <p className="form-notice" role="status">{done}</p>}
    </section>
  );
}

function ReviseForm({ busy, onSubmit, onCancel }: { busy: boolean; onSubmit: (file: File, note: string) => void; onCancel: () => void }) {
  const t = useMessages(outgoingMessages);
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file || !(await looksLikePdf(file))) {
      setProblem(t('form.notPdf'));
      return;
    }
    onSubmit(file, note.trim());
  }
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span>{t('revise.file')}</span>
        <input type="file" accept="application/pdf,.pdf" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <label className="field">
        <span>{t('revise.note')}</span>
        <input type="text" maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {problem && <p className="form-error" role="alert">{problem}</p>}
      <div className="action-row">
        <button type="submit" className="button primary" disabled={busy}>{t('revise.confirm')}</button>
        <button type="button" className="button" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}
