import type { TrustAnchorView } from '@eoffice/contract';
import { connection } from '../../client';
import { formatDateText } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { certificateTextOf, Feedback, SettingsPage, useAction, useLoad } from './settings-common';
import { settingsMessages } from './settings-messages';

/** Chứng thư gốc tin cậy (admin): the roots arrivals' chains are checked against, and whether a trusted chain is required. */
export function TrustPage() {
  const t = useMessages(settingsMessages);
  const trust = connection.client.services.trust;
  const [load, reload] = useLoad(() => trust.list({}), []);
  const action = useAction(reload);
  const nameOf = (a: TrustAnchorView) => a.commonName ?? a.subject;
  return (
    <SettingsPage title={t('page.trust')} intro={t('trust.intro')} load={load} reload={reload}>
      {({ anchors, policy }) => (
        <>
          <Feedback notice={action.notice} error={action.error} />
          <label className="check">
            <input type="checkbox" checked={policy.requireTrusted} disabled={action.busy} data-testid="trust-require"
              onChange={(e) => {
                const requireTrusted = e.target.checked;
                void action.run(async () => ((await trust.setPolicy({ requireTrusted })).requireTrusted ? t('trust.policyOn') : t('trust.policyOff')));
              }} />
            {t('trust.policy')}
          </label>
          <p className="muted small">{t('trust.policyHint')}</p>
          {anchors.length === 0 ? (
            <p className="muted" data-testid="trust-empty">{t('trust.none')}</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table compact" data-testid="trust-table">
                <thead>
                  <tr>
                    <th scope="col">{t('certs.col.subject')}</th>
                    <th scope="col">{t('trust.col.fingerprint')}</th>
                    <th scope="col">{t('certs.col.validity')}</th>
                    <th scope="col">{t('trust.col.added')}</th>
                    <th scope="col">{t('certs.col.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {anchors.map((a) => (
                    <tr key={a.id}>
                      <td>{nameOf(a)}{a.organization && <div className="muted small">{a.organization}</div>}</td>
                      <td className="fingerprint">{a.fingerprintSha256}</td>
                      <td className="nowrap">{t('certs.validity', { from: formatDateText(a.notBefore), to: formatDateText(a.notAfter) })}</td>
                      <td>{a.addedBy} <div className="muted small">{formatDateText(a.addedAt)}</div></td>
                      <td>
                        <button type="button" className="button small danger" disabled={action.busy} aria-label={t('certs.removeOf', { name: nameOf(a) })}
                          onClick={() => void action.run(async () => (await trust.remove({ id: a.id }), t('trust.removed', { name: nameOf(a) })))}>
                          {t('remove')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <label className="field file-pick">
            <span>{t('trust.add')}</span>
            <input type="file" accept=".cer,.crt,.pem,.der" data-testid="trust-file" disabled={action.busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void action.run(async () => t('trust.added', { name: nameOf(await trust.add({ certificate: await certificateTextOf(file) })) }));
              }} />
          </label>
        </>
      )}
    </SettingsPage>
  );
}
