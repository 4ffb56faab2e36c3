import type { DocumentView, ReceiveSuggestionsOutput } from '@eoffice/contract';
import { useState, type FormEvent } from 'react';
import { connection } from '../../client';
import { errorText } from '../../format/error-text';
import { looksLikePdf, uploadPicked } from '../../format/upload-file';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { DRAFT_TYPES } from '../outgoing/document-types';
import { RecipientPicker, type Recipient } from '../outgoing/recipient-picker';
import { incomingMessages, type IncomingKey } from './incoming-messages';
import { receiveMessages, type ReceiveKey } from './receive-messages';

const URGENCIES = ['normal', 'urgent', 'very-urgent', 'flash'] as const;
const SECRECIES = ['none', 'confidential', 'secret', 'top-secret'] as const;
const SOURCES = ['file', 'paper'] as const;
const SUGGESTED_FIELDS = ['number', 'symbol', 'issuedDate', 'issuer', 'type', 'subject'] as const;
type SuggestedField = (typeof SUGGESTED_FIELDS)[number];

/**
 * The clerk's Tiếp nhận: the file's content is uploaded (never a path), the sender picked from the directory by folded
 * name or code, and the sender's own number, symbol and date typed as printed on the document. Registering (số đến)
 * is the next step, in the detail. For a scan, "Đề xuất từ tệp" reads page 1 (ocr.suggest, nothing stored) and fills
 * the fields still empty, each with its confidence: the clerk checks and corrects before receiving.
 */
export function ReceiveForm({ onReceived, onCancel }: { onReceived: (received: DocumentView) => void; onCancel: () => void }) {
  const t = useMessages(receiveMessages);
  const words = useMessages(incomingMessages);
  const language = useLanguage((s) => s.language);
  const [source, setSource] = useState<(typeof SOURCES)[number]>('file');
  const [file, setFile] = useState<File | null>(null);
  const [sender, setSender] = useState<Recipient[]>([]);
  const [number, setNumber] = useState('');
  const [symbol, setSymbol] = useState('');
  const [issuedDate, setIssuedDate] = useState('');
  const [type, setType] = useState('');
  const [subject, setSubject] = useState('');
  const [urgency, setUrgency] = useState<(typeof URGENCIES)[number]>('normal');
  const [secrecy, setSecrecy] = useState<(typeof SECRECIES)[number]>('none');
  const [dueDate, setDueDate] = useState('');
  const [busy, setBusy] = useState<'uploading' | 'saving' | 'reading' | null>(null);
  const [suggested, setSuggested] = useState<Partial<Record<SuggestedField, number>> | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** Fills only what the clerk has not typed: a proposal never overwrites a correction. */
  function prefill(found: ReceiveSuggestionsOutput) {
    const confidences: Partial<Record<SuggestedField, number>> = {};
    const take = <T,>(field: SuggestedField, proposal: { value: T; confidence: number } | null, empty: boolean, set: (value: T) => void) => {
      if (!proposal || !empty) return;
      set(proposal.value);
      confidences[field] = proposal.confidence;
    };
    take('number', found.number, number.trim() === '', setNumber);
    take('symbol', found.symbol, symbol.trim() === '', setSymbol);
    take('issuedDate', found.issuedDate, issuedDate === '', setIssuedDate);
    take('issuer', found.issuer, sender.length === 0, (issuer) => setSender([issuer]));
    const knownType = found.type && DRAFT_TYPES.some((d) => d.code === found.type?.value) ? found.type : null;
    take('type', knownType, type === '', setType);
    take('subject', found.subject, subject.trim() === '', setSubject);
    setSuggested(confidences);
  }

  async function suggest() {
    setError(null);
    setSuggested(null);
    if (!file || !(await looksLikePdf(file))) {
      setError(t(file ? 'notPdf' : 'needFile'));
      return;
    }
    try {
      setBusy('reading');
      prefill(await connection.client.services.ocr.suggest({ file: await uploadPicked(file) }));
    } catch (caught) {
      setError(errorText(caught, language));
    } finally {
      setBusy(null);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const from = sender[0];
    if (!file || !from || !type || !number.trim() || !symbol.trim() || !issuedDate || !subject.trim()) {
      setError(t('needFields'));
      return;
    }
    if (!(await looksLikePdf(file))) {
      setError(t('notPdf'));
      return;
    }
    try {
      setBusy('uploading');
      const uploaded = await uploadPicked(file);
      setBusy('saving');
      const received = await connection.client.services.documents.receive({
        file: uploaded,
        attachments: [],
        source,
        from: from.code,
        fromName: from.name,
        number: number.trim(),
        symbol: symbol.trim(),
        // The date input gives yyyy-MM-dd, the contract's form; it is shown as dd/MM/yyyy everywhere else.
        issuedDate,
        type,
        subject: subject.trim(),
        urgency,
        secrecy,
        language: 'Tiếng Việt',
        ...(dueDate ? { dueDate } : {}),
      });
      onReceived(received);
    } catch (caught) {
      setError(errorText(caught, language));
    } finally {
      setBusy(null);
    }
  }

  return (
    <form className="draft-form" onSubmit={(e) => void submit(e)} aria-labelledby="receive-form-title" data-testid="receive-form">
      <h2 id="receive-form-title" className="detail-title">{t('title')}</h2>
      <label className="field">
        <span>{t('source')}</span>
        <select value={source} onChange={(e) => setSource(e.target.value as (typeof SOURCES)[number])} autoFocus>
          {SOURCES.map((s) => <option key={s} value={s}>{t(`source.${s}` as ReceiveKey)}</option>)}
        </select>
      </label>
      <label className="field">
        <span>{t('file')}</span>
        <input type="file" accept="application/pdf,.pdf" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <div className="action-row">
        <button type="button" className="button" onClick={() => void suggest()} disabled={busy !== null || !file}>{t('suggest')}</button>
      </div>
      {busy === 'reading' && <p className="muted" role="status">{t('reading')}</p>}
      {suggested && (
        <p className="muted" role="status" data-testid="receive-suggested">
          {Object.keys(suggested).length === 0
            ? t('suggestedNothing')
            : `${t('suggested')} ${SUGGESTED_FIELDS.filter((f) => suggested[f] !== undefined)
                .map((f) => `${t(`field.${f}` as ReceiveKey)} ${Math.round((suggested[f] ?? 0) * 100)}%`)
                .join(', ')}`}
        </p>
      )}
      <RecipientPicker value={sender} onChange={setSender} max={1} labels={{ legend: t('sender'), search: t('senderSearch') }} />
      <div className="grid-cols">
        <label className="field">
          <span>{t('number')}</span>
          <input type="text" maxLength={11} value={number} onChange={(e) => setNumber(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('symbol')}</span>
          <input type="text" maxLength={30} value={symbol} onChange={(e) => setSymbol(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('issuedDate')}</span>
          <input type="date" value={issuedDate} onChange={(e) => setIssuedDate(e.target.value)} />
        </label>
      </div>
      <label className="field">
        <span>{t('type')}</span>
        <select value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">—</option>
          {DRAFT_TYPES.map((d) => <option key={d.code} value={d.code}>{d.name}</option>)}
        </select>
      </label>
      <label className="field">
        <span>{t('subject')}</span>
        <textarea rows={2} maxLength={500} value={subject} onChange={(e) => setSubject(e.target.value)} />
      </label>
      <div className="grid-cols">
        <label className="field">
          <span>{t('urgency')}</span>
          <select value={urgency} onChange={(e) => setUrgency(e.target.value as (typeof URGENCIES)[number])}>
            {URGENCIES.map((u) => <option key={u} value={u}>{words(`urgency.${u}` as IncomingKey)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('secrecy')}</span>
          <select value={secrecy} onChange={(e) => setSecrecy(e.target.value as (typeof SECRECIES)[number])}>
            {SECRECIES.map((s) => <option key={s} value={s}>{words(`secrecy.${s}` as IncomingKey)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('dueDate')}</span>
          <input type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </label>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      {busy === 'uploading' && <p className="muted" role="status">{t('uploading')}</p>}
      <div className="action-row">
        <button type="submit" className="button primary" disabled={busy !== null}>{t('save')}</button>
        <button type="button" className="button" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}
