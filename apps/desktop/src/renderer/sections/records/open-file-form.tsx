import type { PlanView, RecordFileView } from '@eoffice/contract';
import { useEffect, useState, type FormEvent } from 'react';
import { connection } from '../../client';
import { errorText } from '../../format/error-text';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { recordsMessages } from './records-messages';

type Plan = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; plan: PlanView | null };

/** Mở hồ sơ: a line of the year's approved file list that has no file yet becomes an open record file. */
export function OpenFileForm({ year, onOpened, onCancel }: { year: number; onOpened: (file: RecordFileView) => void; onCancel: () => void }) {
  const t = useMessages(recordsMessages);
  const language = useLanguage((s) => s.language);
  const [plan, setPlan] = useState<Plan>({ status: 'loading' });
  const [notation, setNotation] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    connection.client.services.records
      .planShow({ year })
      .then(({ plan: shown }) => current && setPlan({ status: 'ready', plan: shown }))
      .catch((caught: unknown) => current && setPlan({ status: 'error', message: errorText(caught, language) }));
    return () => {
      current = false;
    };
  }, [year, language]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!notation) return;
    setBusy(true);
    setError(null);
    try {
      onOpened(await connection.client.services.records.open({ year, notation }));
    } catch (caught) {
      setError(errorText(caught, language));
    } finally {
      setBusy(false);
    }
  }

  const lines = plan.status === 'ready' && plan.plan
    ? plan.plan.headings.flatMap((h) => h.files.filter((f) => f.recordFileId === null).map((f) => ({ ...f, heading: h.title })))
    : [];
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-labelledby="open-file-title" data-testid="open-file-form">
      <h2 className="detail-title" id="open-file-title">{t('open.title', { year })}</h2>
      {plan.status === 'loading' && <p className="muted">…</p>}
      {plan.status === 'error' && <p className="form-error" role="alert">{plan.message}</p>}
      {plan.status === 'ready' && !plan.plan && <p className="form-notice">{t('open.noPlan', { year })}</p>}
      {plan.status === 'ready' && plan.plan?.state === 'draft' && <p className="form-notice">{t('open.notApproved', { year })}</p>}
      {plan.status === 'ready' && plan.plan?.state === 'approved' && lines.length === 0 && <p className="form-notice">{t('open.none', { year })}</p>}
      {lines.length > 0 && plan.status === 'ready' && plan.plan?.state === 'approved' && (
        <label className="field">
          <span>{t('open.line')}</span>
          <select value={notation} onChange={(e) => setNotation(e.target.value)} required>
            <option value="">{t('open.pick')}</option>
            {lines.map((line) => <option key={line.notation} value={line.notation}>{line.notation} — {line.title}</option>)}
          </select>
        </label>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="action-row">
        {lines.length > 0 && <button type="submit" className="button primary" disabled={busy || !notation}>{t('open.confirm')}</button>}
        <button type="button" className="button" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}
