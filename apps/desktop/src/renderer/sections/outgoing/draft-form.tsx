import type { DocumentView, MethodOutput } from '@eoffice/contract';
import { useEffect, useState, type FormEvent } from 'react';
import { connection } from '../../client';
import { errorText } from '../../format/error-text';
import { looksLikePdf, uploadPicked } from '../../format/upload-file';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { DRAFT_TYPES } from './document-types';
import { outgoingMessages, type OutgoingKey } from './outgoing-messages';
import { RecipientPicker, type Recipient } from './recipient-picker';

type Users = MethodOutput<'users', 'list'>['users'];
const URGENCIES = ['normal', 'urgent', 'very-urgent', 'flash'] as const;
const SECRECIES = ['none', 'confidential', 'secret', 'top-secret'] as const;

/** Dự thảo mới: a Decree 30 type, the subject, the recipients, urgency, secrecy, the intended signer and the PDF. */
export function DraftForm({ onCreated, onCancel }: { onCreated: (created: DocumentView) => void; onCancel: () => void }) {
  const t = useMessages(outgoingMessages);
  const language = useLanguage((s) => s.language);
  const [leaders, setLeaders] = useState<Users>([]);
  const [type, setType] = useState('');
  const [subject, setSubject] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [recipients, setRecipients] = useState<Recipient[]>([]);
  const [urgency, setUrgency] = useState<(typeof URGENCIES)[number]>('normal');
  const [secrecy, setSecrecy] = useState<(typeof SECRECIES)[number]>('none');
  const [signer, setSigner] = useState('');
  const [busy, setBusy] = useState<'uploading' | 'saving' | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void connection.client.services.users.list({}).then(
      ({ users }) => setLeaders(users.filter((u) => u.active && u.roles.includes('leader'))),
      () => setLeaders([]),
    );
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!type || !subject.trim() || !file) {
      setError(t('form.needFields'));
      return;
    }
    if (!(await looksLikePdf(file))) {
      setError(t('form.notPdf'));
      return;
    }
    try {
      setBusy('uploading');
      const uploaded = await uploadPicked(file);
      setBusy('saving');
      const created = await connection.client.services.documents.draft({
        type,
        subject: subject.trim(),
        file: uploaded,
        attachments: [],
        to: recipients.map((r) => r.code),
        urgency,
        secrecy,
        language: 'Tiếng Việt',
        direction: 'outgoing',
        ...(signer ? { signer } : {}),
      });
      onCreated(created);
    } catch (caught) {
      setError(errorText(caught, language));
    } finally {
      setBusy(null);
    }
  }

  return (
    <form className="draft-form" onSubmit={(e) => void submit(e)} aria-labelledby="draft-form-title" data-testid="draft-form">
      <h2 id="draft-form-title" className="detail-title">{t('form.title')}</h2>
      <label className="field">
        <span>{t('form.type')}</span>
        <select value={type} onChange={(e) => setType(e.target.value)} autoFocus>
          <option value="">—</option>
          {DRAFT_TYPES.map((d) => <option key={d.code} value={d.code}>{d.name}</option>)}
        </select>
      </label>
      <label className="field">
        <span>{t('form.subject')}</span>
        <textarea rows={2} maxLength={500} value={subject} onChange={(e) => setSubject(e.target.value)} />
      </label>
      <RecipientPicker value={recipients} onChange={setRecipients} />
      <div className="grid-cols">
        <label className="field">
          <span>{t('form.urgency')}</span>
          <select value={urgency} onChange={(e) => setUrgency(e.target.value as (typeof URGENCIES)[number])}>
            {URGENCIES.map((u) => <option key={u} value={u}>{t(`urgency.${u}` as OutgoingKey)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('form.secrecy')}</span>
          <select value={secrecy} onChange={(e) => setSecrecy(e.target.value as (typeof SECRECIES)[number])}>
            {SECRECIES.map((s) => <option key={s} value={s}>{t(`secrecy.${s}` as OutgoingKey)}</option>)}
          </select>
        </label>
      </div>
      <label className="field">
        <span>{t('form.signer')}</span>
        <select value={signer} onChange={(e) => setSigner(e.target.value)}>
          <option value="">{t('form.pickSigner')}</option>
          {leaders.map((u) => <option key={u.username} value={u.username}>{u.fullName}{u.position ? ` (${u.position})` : ''}</option>)}
        </select>
      </label>
      <label className="field">
        <span>{t('form.file')}</span>
        <input type="file" accept="application/pdf,.pdf" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      {error && <p className="form-error" role="alert">{error}</p>}
      {busy === 'uploading' && <p className="muted" role="status">{t('form.uploading')}</p>}
      <div className="action-row">
        <button type="submit" className="button primary" disabled={busy !== null}>{t('form.save')}</button>
        <button type="button" className="button" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}
