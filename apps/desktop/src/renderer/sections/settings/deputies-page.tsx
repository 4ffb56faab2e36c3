import type { DeputyPeriod } from '@eoffice/contract';
import { vietnamDate } from '@eoffice/vietnamese';
import { useEffect, useState, type FormEvent } from 'react';
import { connection } from '../../client';
import { DateInput } from '../../components/date-input';
import { formatDateText } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { hasAnyRole, useSession } from '../../state/session-store';
import { Feedback, SettingsPage, useAction, useLoad } from './settings-common';
import { settingsMessages } from './settings-messages';

type PeriodState = 'active' | 'upcoming' | 'ended' | 'over';

/** Where a period stands: ended early, running today, not begun yet, or past its last day. */
function stateOf(period: DeputyPeriod, today: string): PeriodState {
  if (period.endedAt) return 'ended';
  if (period.activeNow) return 'active';
  return period.from > today ? 'upcoming' : 'over';
}

/**
 * Ký thay (Điều 13): a leader names a deputy who signs "KT." what waits for the leader's signature, for a period of
 * dates, and may end it early; each sees the periods they are on either side of, an admin sees all of them and may
 * name or end one for a leader who is away (picking that leader).
 */
export function DeputiesPage() {
  const t = useMessages(settingsMessages);
  const me = useSession((s) => s.user);
  const isLeader = hasAnyRole(me, ['leader']);
  const isAdmin = hasAnyRole(me, ['admin']);
  const users = connection.client.services.users;
  const [load, reload] = useLoad(() => users.deputies({}), []);
  const action = useAction(reload);
  const [leaders, setLeaders] = useState<Array<{ username: string; fullName: string }>>([]);
  // Whose deputy is named: a leader's own; an admin picks (a leader-admin starts on themself).
  const [leader, setLeader] = useState(isLeader ? (me?.username ?? '') : '');
  const [deputy, setDeputy] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const today = vietnamDate(new Date());
  const forLeader = isAdmin ? leader : (me?.username ?? '');
  /** The leader named when it is not the caller: only then does the call act for someone else. */
  const onBehalfOf = (username: string) => (username !== me?.username ? { leader: username } : {});

  useEffect(() => {
    if (!isLeader && !isAdmin) return;
    // The leaders: a deputy signs "KT." in a leader's place, so only a leader can be one (or be covered).
    users.list({}).then(({ users: all }) => setLeaders(all.filter((u) => u.active && u.roles.includes('leader'))))
      .catch(() => setLeaders([]));
  }, [isLeader, isAdmin]);

  function name(event: FormEvent) {
    event.preventDefault();
    if (!forLeader) {
      void action.run(() => Promise.reject(new Error(t('deputies.missingLeader'))));
      return;
    }
    if (!deputy || !from || !to) {
      void action.run(() => Promise.reject(new Error(t('deputies.missing'))));
      return;
    }
    void action.run(async () => {
      const set = await users.setDeputy({ deputy, from, to, ...onBehalfOf(forLeader) });
      setDeputy('');
      const dates = { name: set.deputy.fullName, from: formatDateText(set.from), to: formatDateText(set.to) };
      return set.leader.username === me?.username ? t('deputies.named', dates) : t('deputies.namedFor', { ...dates, leader: set.leader.fullName });
    });
  }

  return (
    <SettingsPage title={t('page.deputies')} intro={t('deputies.intro')} load={load} reload={reload}>
      {({ deputies }) => (
        <>
          <Feedback notice={action.notice} error={action.error} />
          {deputies.length === 0 ? (
            <p className="muted" data-testid="deputies-empty">{t('deputies.none')}</p>
          ) : (
            <table className="data-table compact" data-testid="deputies-table">
              <thead>
                <tr>
                  <th scope="col">{t('deputies.col.leader')}</th>
                  <th scope="col">{t('deputies.col.deputy')}</th>
                  <th scope="col">{t('deputies.col.period')}</th>
                  <th scope="col">{t('deputies.col.state')}</th>
                  <th scope="col">{t('certs.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {deputies.map((d) => {
                  const state = stateOf(d, today);
                  const mayEnd = (state === 'active' || state === 'upcoming') && (d.leader.username === me?.username || isAdmin);
                  return (
                    <tr key={d.id} data-testid="deputy-row" data-state={state}>
                      <td>
                        {d.leader.fullName}
                        {d.createdBy !== d.leader.username && <span className="muted"> ({t('deputies.namedBy', { name: d.createdBy })})</span>}
                      </td>
                      <td>{d.deputy.fullName}</td>
                      <td className="nowrap">{formatDateText(d.from)} – {formatDateText(d.to)}</td>
                      <td>{t(`deputies.state.${state}`)}</td>
                      <td>
                        {mayEnd && (
                          <button type="button" className="button small danger" disabled={action.busy}
                            aria-label={t('deputies.endOf', { name: d.deputy.fullName })}
                            onClick={() => void action.run(async () => (await users.endDeputy({ id: d.id, ...onBehalfOf(d.leader.username) }), t('deputies.ended', { name: d.deputy.fullName })))}>
                            {t('deputies.end')}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {(isLeader || isAdmin) && (
            <form className="settings-form inline-form" onSubmit={name} data-testid="deputy-form">
              <h4>{t('deputies.add')}</h4>
              {isAdmin && <p className="muted">{t('deputies.adminNote')}</p>}
              {isAdmin && (
                <label className="field">
                  <span>{t('deputies.leader')}</span>
                  <select value={leader} onChange={(e) => { setLeader(e.target.value); if (e.target.value === deputy) setDeputy(''); }}>
                    <option value="">{t('deputies.pick')}</option>
                    {leaders.map((u) => <option key={u.username} value={u.username}>{u.fullName}</option>)}
                  </select>
                </label>
              )}
              <label className="field">
                <span>{t('deputies.deputy')}</span>
                <select value={deputy} onChange={(e) => setDeputy(e.target.value)}>
                  <option value="">{t('deputies.pick')}</option>
                  {leaders.filter((u) => u.username !== forLeader).map((u) => <option key={u.username} value={u.username}>{u.fullName}</option>)}
                </select>
              </label>
              <div className="field-row">
                <label className="field">
                  <span>{t('deputies.from')}</span>
                  <DateInput value={from} onChange={setFrom} testId="deputy-from" />
                </label>
                <label className="field">
                  <span>{t('deputies.to')}</span>
                  <DateInput value={to} onChange={setTo} testId="deputy-to" />
                </label>
              </div>
              <button type="submit" className="button primary" disabled={action.busy}>{t('deputies.add')}</button>
            </form>
          )}
        </>
      )}
    </SettingsPage>
  );
}
