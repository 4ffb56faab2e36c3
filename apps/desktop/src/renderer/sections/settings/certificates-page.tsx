import type { BoundCertificateView, MethodOutput } from '@eoffice/contract';
import { useState } from 'react';
import { connection } from '../../client';
import { errorText } from '../../format/error-text';
import { uploadPicked } from '../../format/upload-file';
import { formatDateText } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { hasAnyRole, useSession } from '../../state/session-store';
import { bilingual, certificateTextOf, Feedback, SettingsPage, useAction, useLoad } from './settings-common';
import { settingsMessages } from './settings-messages';

type Owner = 'person' | 'agency';
type TokenList = MethodOutput<'tokens', 'certificates'>['tokens'];

/**
 * Chứng thư số, chữ ký và con dấu: the certificates bound to me and to the agency (a signature counts only with one
 * bound to its signer, a seal only with the agency's), added from a certificate file or read from a token, removed;
 * and my signature image.
 */
export function CertificatesPage() {
  const t = useMessages(settingsMessages);
  const user = useSession((s) => s.user);
  const mayBindAgency = hasAnyRole(user, ['admin', 'clerk']);
  const usesTokens = hasAnyRole(user, ['leader', 'clerk']);
  const certificates = connection.client.services.certificates;
  const [load, reload] = useLoad(async () => {
    const [mine, agency] = await Promise.all([certificates.list({ owner: 'person' }), certificates.list({ owner: 'agency' })]);
    return { mine: mine.certificates, agency: agency.certificates };
  }, []);
  const action = useAction(reload);
  const nameOf = (c: BoundCertificateView) => c.commonName ?? c.subject;

  const add = (owner: Owner, certificate: string) =>
    action.run(async () => t('certs.added', { name: nameOf(await certificates.add({ owner, certificate })) }));
  const remove = (owner: Owner, c: BoundCertificateView) => {
    if (!window.confirm(t('certs.removeConfirm', { name: nameOf(c) }))) return;
    void action.run(async () => (await certificates.remove({ owner, id: c.id }), t('certs.removed', { name: nameOf(c) })));
  };

  const adders = (owner: Owner) => (
    <div className="action-row">
      <label className="field file-pick">
        <span>{t('certs.fromFile')}</span>
        <input type="file" accept=".cer,.crt,.pem,.der" data-testid={`cert-file-${owner}`} disabled={action.busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void certificateTextOf(file).then((text) => add(owner, text));
          }} />
      </label>
      {usesTokens && <TokenCertificatePicker owner={owner} busy={action.busy} onPick={(der) => void add(owner, der)} />}
    </div>
  );

  return (
    <SettingsPage title={t('page.certificates')} intro={t('certs.intro')} load={load} reload={reload}>
      {({ mine, agency }) => (
        <>
          <Feedback notice={action.notice} error={action.error} />
          <h3>{t('certs.mine')}</h3>
          <CertificateTable list={mine} owner="person" busy={action.busy} mayRemove onRemove={(c) => remove('person', c)} />
          {adders('person')}
          <h3>{t('certs.agency')}</h3>
          <CertificateTable list={agency} owner="agency" busy={action.busy} mayRemove={mayBindAgency} onRemove={(c) => remove('agency', c)} />
          {mayBindAgency ? adders('agency') : <p className="muted">{t('certs.readOnlyAgency')}</p>}
          <h3>{t('certs.signature')}</h3>
          <p className="muted">{t('certs.signatureHint')} {t('certs.sealHint')}</p>
          {user && (
            <label className="field file-pick">
              <span>{t('certs.signaturePick')}</span>
              <input type="file" accept="image/png" data-testid="signature-image-file" disabled={action.busy}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void action.run(async () => {
                    const set = await connection.client.services.users.setSignatureImage({ username: user.username, file: await uploadPicked(file) });
                    return t('certs.signatureSaved', { width: set.width, height: set.height });
                  });
                }} />
            </label>
          )}
        </>
      )}
    </SettingsPage>
  );
}

function CertificateTable({ list, owner, busy, mayRemove, onRemove }: {
  list: readonly BoundCertificateView[]; owner: Owner; busy: boolean; mayRemove: boolean; onRemove: (c: BoundCertificateView) => void;
}) {
  const t = useMessages(settingsMessages);
  if (list.length === 0) return <p className="muted" data-testid={`certs-empty-${owner}`}>{t('certs.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="data-table compact" data-testid={`certs-${owner}`}>
        <thead>
          <tr>
            <th scope="col">{t('certs.col.subject')}</th>
            <th scope="col">{t('certs.col.issuer')}</th>
            <th scope="col">{t('certs.col.serial')}</th>
            <th scope="col">{t('certs.col.validity')}</th>
            <th scope="col">{t('certs.col.state')}</th>
            {mayRemove && <th scope="col">{t('certs.col.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {list.map((c) => (
            <tr key={c.id}>
              <td>{c.commonName ?? c.subject}{c.organization && c.organization !== c.commonName && <div className="muted small">{c.organization}</div>}</td>
              <td className="small">{c.issuer}</td>
              <td className="fingerprint">{c.serialNumber}</td>
              <td className="nowrap">{t('certs.validity', { from: formatDateText(c.notBefore), to: formatDateText(c.notAfter) })}</td>
              <td>{c.validNow ? t('certs.valid') : <span className="late-tag">{t('certs.invalid')}</span>}</td>
              {mayRemove && (
                <td>
                  <button type="button" className="button small danger" disabled={busy} aria-label={t('certs.removeOf', { name: c.commonName ?? c.subject })}
                    onClick={() => onRemove(c)}>{t('remove')}</button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Reads the certificates on a token of a module this machine offers (no PIN needed) and hands the chosen one's DER. */
function TokenCertificatePicker({ owner, busy, onPick }: { owner: Owner; busy: boolean; onPick: (der: string) => void }) {
  const t = useMessages(settingsMessages);
  const language = useLanguage((s) => s.language);
  const [open, setOpen] = useState(false);
  const [modules] = useLoad(() => (open ? connection.client.services.tokens.modules({}) : Promise.resolve({ modules: [] })), [open]);
  const [moduleId, setModuleId] = useState('');
  const [tokens, setTokens] = useState<TokenList | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!open) return <button type="button" className="button" onClick={() => setOpen(true)} data-testid={`cert-token-${owner}`}>{t('certs.fromToken')}</button>;
  const list = modules.status === 'ready' ? modules.value.modules : [];
  const chosen = moduleId || list[0]?.id || '';
  const read = async () => {
    setError(null);
    try {
      setTokens((await connection.client.services.tokens.certificates({ moduleId: chosen })).tokens);
    } catch (caught) {
      setError(errorText(caught, language));
    }
  };
  const found = (tokens ?? []).flatMap((token) => token.certificates.map((c) => ({ token, c })));
  return (
    <div className="inline-form" data-testid={`cert-token-form-${owner}`}>
      <h4>{t('certs.fromToken')}</h4>
      {modules.status === 'ready' && list.length === 0 && <p className="muted">{t('tokens.none')}</p>}
      {list.length > 0 && (
        <div className="action-row">
          <label className="field inline-select">
            <span>{t('certs.pickModule')}</span>
            <select value={chosen} onChange={(e) => { setModuleId(e.target.value); setTokens(null); }}>
              {list.map((m) => <option key={m.id} value={m.id}>{bilingual(m.vendor, language)}</option>)}
            </select>
          </label>
          <button type="button" className="button" onClick={() => void read()}>{t('certs.readToken')}</button>
        </div>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
      {tokens && found.length === 0 && <p className="muted">{t('certs.tokenEmpty')}</p>}
      {found.length > 0 && (
        <ul className="plain-list">
          {found.map(({ token, c }) => (
            <li key={`${token.serial}-${c.keyId}`}>
              {c.commonName} <span className="muted small">({c.issuer}; {formatDateText(c.notBefore)} – {formatDateText(c.notAfter)})</span>{' '}
              <button type="button" className="button small" disabled={busy} onClick={() => onPick(c.certificate)}
                aria-label={`${t('certs.addThis')}: ${c.commonName}`}>{t('certs.addThis')}</button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button small" onClick={() => { setOpen(false); setTokens(null); }}>{t('cancel')}</button>
    </div>
  );
}
