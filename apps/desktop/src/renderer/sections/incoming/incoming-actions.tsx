import type { DocumentView, MethodOutput } from '@eoffice/contract';
import { useEffect, useState, type FormEvent } from 'react';
import { connection } from '../../client';
import { TextNoteForm } from '../../components/text-note-form';
import { errorText } from '../../format/error-text';
import { formatDateText } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { hasAnyRole, useSession } from '../../state/session-store';
import { incomingMessages, type IncomingKey } from './incoming-messages';

type Users = MethodOutput<'users', 'list'>['users'];
type Step = 'verify' | 'register' | 'present' | 'start';

/**
 * The steps the signed-in user's roles allow in the document's state (the services check role and state again;
 * this only keeps the buttons to what can work).
 */
export function IncomingActions({ document, onDone }: { document: DocumentView; onDone: (updated: DocumentView) => void }) {
  const t = useMessages(incomingMessages);
  const language = useLanguage((s) => s.language);
  const user = useSession((s) => s.user);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [form, setForm] = useState<'reject' | 'complete' | 'assign' | 'confirmRegister' | 'opinion' | null>(null);
  useEffect(() => {
    setForm(null);
    setDone(null);
    setError(null);
  }, [document.id]);

  const clerk = hasAnyRole(user, ['clerk']);
  const leader = hasAnyRole(user, ['leader']);
  const handler = hasAnyRole(user, ['specialist', 'leader']) && document.assignments.some((a) => a.username === user?.username && a.role === 'lead');
  const steps: Step[] = [];
  if (clerk && document.state === 'received') steps.push('verify');
  if (clerk && document.state === 'verified') steps.push('register');
  if (clerk && document.state === 'registered') steps.push('present');
  if ((handler || leader) && document.state === 'assigned') steps.push('start');
  // Cần xác minh (Điều 21): registered only with a confirmation and a reason, or rejected.
  const canConfirmRegister = clerk && document.state === 'needs_checking';
  const canReject = clerk && (document.state === 'received' || document.state === 'needs_checking' || document.state === 'verified');
  const canAssign = leader && (document.state === 'presented' || document.state === 'assigned');
  const canComplete = (handler || leader) && document.state === 'in_progress';
  // Ý kiến phối hợp: a supporting assignee, while the document is being handled.
  const canGiveOpinion = (document.state === 'assigned' || document.state === 'in_progress')
    && document.assignments.some((a) => a.username === user?.username && a.role === 'support' && (a.status === 'assigned' || a.status === 'in_progress'));

  async function run(label: string, call: () => Promise<DocumentView>) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const updated = await call();
      setForm(null);
      setDone(t('action.done', { action: label }));
      onDone(updated);
    } catch (caught) {
      setError(errorText(caught, language));
    } finally {
      setBusy(false);
    }
  }
  const docs = connection.client.services.documents;

  if (steps.length === 0 && !canReject && !canAssign && !canComplete && !canConfirmRegister && !canGiveOpinion) {
    return done ? <p className="form-notice" role="status">{done}</p> : null;
  }
  return (
    <section className="detail-block actions" aria-labelledby="actions-title">
      <h3 id="actions-title">{t('actions.title')}</h3>
      {canConfirmRegister && (document.checking?.length ?? 0) > 0 && (
        <p className="form-notice" data-testid="checking-findings">
          {t('confirmRegister.findings')}: {document.checking!.map((f) => f.message.split(' / ')[language === 'vi' ? 0 : 1] ?? f.message).join('; ')}
        </p>
      )}
      <div className="action-row">
        {steps.map((step) => (
          <button key={step} type="button" className="button primary" disabled={busy}
            onClick={() => void run(t(`action.${step}` as IncomingKey), () => docs[step]({ id: document.id }))}>
            {t(`action.${step}` as IncomingKey)}
          </button>
        ))}
        {canConfirmRegister && <button type="button" className="button primary" disabled={busy} onClick={() => setForm('confirmRegister')}>{t('action.confirmRegister')}</button>}
        {canAssign && <button type="button" className="button primary" disabled={busy} onClick={() => setForm('assign')}>{t('action.assign')}</button>}
        {canComplete && <button type="button" className="button primary" disabled={busy} onClick={() => setForm('complete')}>{t('action.complete')}</button>}
        {canGiveOpinion && <button type="button" className="button primary" disabled={busy} onClick={() => setForm('opinion')}>{t('action.opinion')}</button>}
        {canReject && <button type="button" className="button danger" disabled={busy} onClick={() => setForm('reject')}>{t('action.reject')}</button>}
      </div>
      {form === 'reject' && (
        <TextNoteForm cancel={t('cancel')} label={t('reject.reason')} submit={t('reject.confirm')} required={t('reject.required')} busy={busy}
          onSubmit={(reason) => void run(t('action.reject'), () => docs.reject({ id: document.id, reason }))} onCancel={() => setForm(null)} />
      )}
      {form === 'confirmRegister' && (
        <TextNoteForm cancel={t('cancel')} label={t('confirmRegister.reason')} submit={t('confirmRegister.confirm')} required={t('confirmRegister.required')} busy={busy}
          onSubmit={(reason) => void run(t('action.confirmRegister'), () => docs.register({ id: document.id, confirm: true, reason }))} onCancel={() => setForm(null)} />
      )}
      {form === 'complete' && (
        <TextNoteForm cancel={t('cancel')} label={t('complete.note')} submit={t('complete.confirm')} required={null} busy={busy}
          onSubmit={(note) => void run(t('action.complete'), () => docs.complete({ id: document.id, ...(note ? { note } : {}) }))} onCancel={() => setForm(null)} />
      )}
      {form === 'opinion' && (
        <TextNoteForm cancel={t('cancel')} label={t('opinion.text')} submit={t('opinion.confirm')} required={t('opinion.required')} busy={busy}
          onSubmit={(text) => void run(t('action.opinion'), () => docs.giveOpinion({ id: document.id, text }))} onCancel={() => setForm(null)} />
      )}
      {form === 'assign' && (
        <AssignForm busy={busy} onCancel={() => setForm(null)}
          onSubmit={(input) => void run(t('action.assign'), () => docs.assign({ id: document.id, ...input }))} />
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
      {done && <p className="form-notice" role="status">{done}</p>}
    </section>
  );
}

interface AssignInput {
  lead: string;
  support: string[];
  inform: string[];
  dueDate: string;
  note?: string;
}

/** Phiếu giải quyết: who leads, who supports, who is informed, by when, and the leader's instructions. */
function AssignForm({ busy, onSubmit, onCancel }: { busy: boolean; onSubmit: (input: AssignInput) => void; onCancel: () => void }) {
  const t = useMessages(incomingMessages);
  const [users, setUsers] = useState<Users>([]);
  const [lead, setLead] = useState('');
  const [support, setSupport] = useState<string[]>([]);
  const [inform, setInform] = useState<string[]>([]);
  const [byDays, setByDays] = useState(true);
  const [days, setDays] = useState(7);
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    void connection.client.services.users.list({}).then(({ users: all }) =>
      setUsers(all.filter((u) => u.active && u.roles.some((r) => r === 'specialist' || r === 'leader'))),
    );
  }, []);
  // N working days on the agency's calendar (weekends, holidays): the services count them, the form shows the date.
  const [byDaysDate, setByDaysDate] = useState('');
  useEffect(() => {
    setByDaysDate('');
    if (!byDays || !(days >= 1 && days <= 365)) return;
    let current = true;
    void connection.client.services.calendar.dueDate({ workingDays: days }).then(({ date: due }) => current && setByDaysDate(due), () => undefined);
    return () => {
      current = false;
    };
  }, [byDays, days]);
  const dueDate = byDays ? byDaysDate : date;

  async function submit(event: FormEvent) {
    event.preventDefault();
    // A click right after the number of days changed can come before the shown date does: ask for it then, rather than
    // tell the leader that a deadline they just typed is missing.
    const due = byDays && !dueDate && days >= 1 && days <= 365
      ? await connection.client.services.calendar.dueDate({ workingDays: days }).then(({ date: asked }) => asked, () => '')
      : dueDate;
    if (!lead || !due) {
      setMissing(true);
      return;
    }
    setMissing(false);
    onSubmit({ lead, support: support.filter((u) => u !== lead), inform, dueDate: due, ...(note.trim() ? { note: note.trim() } : {}) });
  }
  const toggle = (list: string[], set: (next: string[]) => void, username: string) =>
    set(list.includes(username) ? list.filter((u) => u !== username) : [...list, username]);
  const people = (list: string[], set: (next: string[]) => void, legend: IncomingKey, name: string) => (
    <fieldset className="people">
      <legend>{t(legend)}</legend>
      {users.filter((u) => u.username !== lead).map((u) => (
        <label key={u.username} className="check">
          <input type="checkbox" name={name} checked={list.includes(u.username)} onChange={() => toggle(list, set, u.username)} />
          {u.fullName}{u.position ? ` (${u.position})` : ''}
        </label>
      ))}
    </fieldset>
  );

  return (
    <form className="inline-form assign-form" onSubmit={(event) => void submit(event)} aria-labelledby="assign-form-title" data-testid="assign-form">
      <h4 id="assign-form-title">{t('assign.title')}</h4>
      <label className="field">
        <span>{t('assign.lead')}</span>
        <select value={lead} onChange={(e) => setLead(e.target.value)} autoFocus>
          <option value="">{t('assign.pick')}</option>
          {users.map((u) => <option key={u.username} value={u.username}>{u.fullName}{u.position ? ` (${u.position})` : ''}</option>)}
        </select>
      </label>
      {people(support, setSupport, 'assign.support', 'support')}
      {people(inform, setInform, 'assign.inform', 'inform')}
      <fieldset className="deadline">
        <legend>{t('assign.deadlineKind')}</legend>
        <label className="check"><input type="radio" name="deadline" checked={byDays} onChange={() => setByDays(true)} />{t('assign.byDays')}</label>
        <label className="check"><input type="radio" name="deadline" checked={!byDays} onChange={() => setByDays(false)} />{t('assign.byDate')}</label>
        {byDays ? (
          <label className="field inline">
            <span>{t('assign.days')}</span>
            <input type="number" min={1} max={365} value={days} onChange={(e) => setDays(Number(e.target.value))} />
          </label>
        ) : (
          <label className="field inline">
            <span>{t('assign.date')}</span>
            <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
        )}
        {dueDate && <p className="muted small" data-testid="assign-due">{t('assign.deadlineIs', { date: formatDateText(dueDate) })}</p>}
      </fieldset>
      <label className="field">
        <span>{t('assign.instructions')}</span>
        <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
      </label>
      {missing && <p className="form-error" role="alert">{t('assign.needLead')}</p>}
      <div className="action-row">
        <button type="submit" className="button primary" disabled={busy}>{t('assign.submit')}</button>
        <button type="button" className="button" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}
