import { vietnamYear } from '@eoffice/vietnamese';
import { useState, type FormEvent } from 'react';
import { connection } from '../../client';
import { DateInput } from '../../components/date-input';
import { formatDateText, formatVietnamWeekday } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { hasAnyRole, useSession } from '../../state/session-store';
import { Feedback, SettingsPage, useAction, useLoad } from './settings-common';
import { settingsMessages } from './settings-messages';

type Kind = 'holiday' | 'working';

/** Lịch nghỉ lễ: a year's entered days off and working days, the fixed holidays; the admin adds and removes days. */
export function CalendarPage() {
  const t = useMessages(settingsMessages);
  const language = useLanguage((s) => s.language);
  const isAdmin = hasAnyRole(useSession((s) => s.user), ['admin']);
  const thisYear = vietnamYear(new Date());
  const [year, setYear] = useState(thisYear);
  const calendar = connection.client.services.calendar;
  const [load, reload] = useLoad(() => calendar.list({ year }), [year]);
  const action = useAction(reload);
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<Kind>('holiday');
  const [name, setName] = useState('');
  const weekday = (day: number) => formatVietnamWeekday(new Date(Date.UTC(2026, 0, 4 + day, 5)), language);

  function add(event: FormEvent) {
    event.preventDefault();
    if (!date) {
      void action.run(() => Promise.reject(new Error(t('calendar.badDate'))));
      return;
    }
    void action.run(async () => {
      const saved = await calendar.setDay({ date, kind, name });
      if (Number(saved.date.slice(0, 4)) !== year) setYear(Number(saved.date.slice(0, 4)));
      setName('');
      return t('calendar.added', { date: formatDateText(saved.date) });
    });
  }

  return (
    <SettingsPage title={t('page.calendar')} intro={t('calendar.intro')} load={load} reload={reload}>
      {({ days, fixedHolidays, weekend }) => (
        <>
          <Feedback notice={action.notice} error={action.error} />
          <label className="field inline-select">
            <span>{t('calendar.year')}</span>
            <select value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="calendar-year">
              {Array.from({ length: 6 }, (_, i) => thisYear - 2 + i).map((y) => <option key={y} value={y}>{y}</option>)}
            </select>
          </label>
          <h3>{t('calendar.days')}</h3>
          {days.length === 0 ? (
            <p className="muted" data-testid="calendar-empty">{t('calendar.none')}</p>
          ) : (
            <table className="data-table compact" data-testid="calendar-days">
              <thead>
                <tr>
                  <th scope="col">{t('calendar.col.date')}</th>
                  <th scope="col">{t('calendar.col.kind')}</th>
                  <th scope="col">{t('calendar.col.name')}</th>
                  {isAdmin && <th scope="col">{t('certs.col.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr key={d.date}>
                    <td className="nowrap">{formatDateText(d.date)}</td>
                    <td>{t(`calendar.kind.${d.kind}`)}</td>
                    <td>{d.name}</td>
                    {isAdmin && (
                      <td>
                        <button type="button" className="button small danger" disabled={action.busy}
                          aria-label={t('calendar.removeOf', { date: formatDateText(d.date) })}
                          onClick={() => void action.run(async () => (await calendar.removeDay({ date: d.date }), t('calendar.removed', { date: formatDateText(d.date) })))}>
                          {t('remove')}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {isAdmin && (
            <form className="settings-form inline-form" onSubmit={add} data-testid="calendar-form">
              <h4>{t('calendar.add')}</h4>
              <div className="field-row">
                <label className="field">
                  <span>{t('calendar.date')}</span>
                  <DateInput value={date} onChange={setDate} testId="calendar-date" />
                </label>
                <label className="field">
                  <span>{t('calendar.kind')}</span>
                  <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
                    <option value="holiday">{t('calendar.kind.holiday')}</option>
                    <option value="working">{t('calendar.kind.working')}</option>
                  </select>
                </label>
              </div>
              <label className="field">
                <span>{t('calendar.name')}</span>
                <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
              </label>
              <button type="submit" className="button primary" disabled={action.busy}>{t('calendar.add')}</button>
            </form>
          )}
          <h3>{t('calendar.fixed')}</h3>
          <ul className="plain-list" data-testid="calendar-fixed">
            {fixedHolidays.map((h) => (
              <li key={`${h.month}-${h.day}`}>{String(h.day).padStart(2, '0')}/{String(h.month).padStart(2, '0')}: {h.name}</li>
            ))}
          </ul>
          <p className="muted">{t('calendar.weekend', { days: weekend.map(weekday).join(', ') })}</p>
        </>
      )}
    </SettingsPage>
  );
}
