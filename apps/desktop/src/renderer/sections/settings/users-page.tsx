import type { MethodOutput } from '@eoffice/contract';
import { useState, type FormEvent } from 'react';
import { connection } from '../../client';
import { useT, type MessageKey } from '../../i18n/i18n';
import { useMessages } from '../../i18n/define-messages';
import { useSession, type Role } from '../../state/session-store';
import { Feedback, SettingsPage, useAction, useLoad } from './settings-common';
import { settingsMessages } from './settings-messages';

type UserView = MethodOutput<'users', 'list'>['users'][number];
const ROLES: readonly Role[] = ['clerk', 'leader', 'specialist', 'archivist', 'admin'];

/** Người dùng và vai trò (admin): the accounts, a new one, and each account's reset, unlock, deactivate, reactivate. */
export function UsersPage() {
  const t = useMessages(settingsMessages);
  const tApp = useT();
  const me = useSession((s) => s.user);
  const [load, reload] = useLoad(() => connection.client.services.users.list({}), []);
  const action = useAction(reload);
  const users = connection.client.services.users;
  const roleNames = (roles: readonly Role[]) => roles.map((r) => tApp(`role.${r}` as MessageKey)).join(', ');

  const reset = (u: UserView) =>
    action.run(async () => t('users.resetDone', { username: u.username, password: (await users.resetPassword({ username: u.username })).temporaryPassword }));
  const deactivate = (u: UserView) => {
    if (!window.confirm(t('users.deactivateConfirm', { username: u.username }))) return;
    void action.run(async () => {
      const { openWork } = await users.deactivate({ username: u.username });
      const open = openWork.assignments.length + openWork.drafts.length;
      return open > 0
        ? `${t('users.deactivated', { username: u.username })} ${t('users.openWork', { username: u.username, assignments: openWork.assignments.length, drafts: openWork.drafts.length })}`
        : t('users.deactivated', { username: u.username });
    });
  };

  return (
    <SettingsPage title={t('page.users')} intro={t('users.intro')} load={load} reload={reload}>
      {({ users: list }) => (
        <>
          <Feedback notice={action.notice} error={action.error} />
          <div className="table-wrap">
            <table className="data-table compact" data-testid="users-table">
              <thead>
                <tr>
                  <th scope="col">{t('users.col.username')}</th>
                  <th scope="col">{t('users.col.name')}</th>
                  <th scope="col">{t('users.col.roles')}</th>
                  <th scope="col">{t('users.col.unit')}</th>
                  <th scope="col">{t('users.col.state')}</th>
                  <th scope="col">{t('users.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((u) => (
                  <tr key={u.id} data-testid={`user-row-${u.username}`}>
                    <td>{u.username} {u.username === me?.username && <span className="muted">{t('users.you')}</span>}</td>
                    <td>{u.fullName}{u.position && <div className="muted small">{u.position}</div>}</td>
                    <td>{roleNames(u.roles)}</td>
                    <td>{u.unit ?? ''}</td>
                    <td data-testid={`user-state-${u.username}`}>{u.active ? t('users.active') : <span className="late-tag">{t('users.inactive')}</span>}</td>
                    <td>
                      <div className="action-row">
                        {u.active ? (
                          <>
                            <button type="button" className="button small" disabled={action.busy} aria-label={t('users.resetOf', { username: u.username })}
                              onClick={() => void reset(u)}>{t('users.reset')}</button>
                            <button type="button" className="button small" disabled={action.busy} aria-label={t('users.unlockOf', { username: u.username })}
                              onClick={() => void action.run(async () => (await users.unlock({ username: u.username }), t('users.unlocked', { username: u.username })))}>
                              {t('users.unlock')}
                            </button>
                            {u.username !== me?.username && (
                              <button type="button" className="button small danger" disabled={action.busy} aria-label={t('users.deactivateOf', { username: u.username })}
                                onClick={() => deactivate(u)}>{t('users.deactivate')}</button>
                            )}
                          </>
                        ) : (
                          <button type="button" className="button small" disabled={action.busy} aria-label={t('users.reactivateOf', { username: u.username })}
                            onClick={() => void action.run(async () => (await users.reactivate({ username: u.username }), t('users.reactivated', { username: u.username })))}>
                            {t('users.reactivate')}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <AddUserForm busy={action.busy} run={action.run} />
        </>
      )}
    </SettingsPage>
  );
}

function AddUserForm({ busy, run }: { busy: boolean; run: (call: () => Promise<string | null>) => Promise<boolean> }) {
  const t = useMessages(settingsMessages);
  const tApp = useT();
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [position, setPosition] = useState('');
  const [unit, setUnit] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(['specialist']);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const done = await run(async () => {
      const added = await connection.client.services.users.add({
        username, fullName, roles, password,
        ...(position.trim() ? { position } : {}),
        ...(unit.trim() ? { unit } : {}),
      });
      return t('users.added', { username: added.username });
    });
    if (done) {
      setUsername('');
      setFullName('');
      setPosition('');
      setUnit('');
      setPassword('');
    }
  }

  return (
    <form className="settings-form inline-form" onSubmit={(e) => void submit(e)} data-testid="add-user-form">
      <h4>{t('users.add')}</h4>
      <div className="field-row">
        <label className="field">
          <span>{t('users.fullName')}</span>
          <input value={fullName} onChange={(e) => setFullName(e.target.value)} required maxLength={50} />
        </label>
        <label className="field">
          <span>{t('users.username')}</span>
          <input value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="off" />
          <small>{t('users.usernameHint')}</small>
        </label>
      </div>
      <div className="field-row">
        <label className="field">
          <span>{t('users.position')}</span>
          <input value={position} onChange={(e) => setPosition(e.target.value)} maxLength={100} />
        </label>
        <label className="field">
          <span>{t('users.unit')}</span>
          <input value={unit} onChange={(e) => setUnit(e.target.value)} maxLength={100} />
        </label>
      </div>
      <fieldset className="roles-choice">
        <legend>{t('users.roles')}</legend>
        {ROLES.map((role) => (
          <label key={role} className="check">
            <input type="checkbox" checked={roles.includes(role)}
              onChange={(e) => setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))} />
            {tApp(`role.${role}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('users.password')}</span>
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={8} autoComplete="new-password" />
        <small>{t('users.passwordHint')}</small>
      </label>
      <button type="submit" className="button primary" disabled={busy || roles.length === 0}>{t('users.add')}</button>
    </form>
  );
}
