import type { MethodOutput } from '@eoffice/contract';
import { useState } from 'react';
import { connection } from '../../client';
import { errorText } from '../../format/error-text';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { hasAnyRole, useSession } from '../../state/session-store';
import { bilingual, SettingsPage, useLoad } from './settings-common';
import { settingsMessages } from './settings-messages';

type Tokens = MethodOutput<'tokens', 'certificates'>['tokens'];

/**
 * Thiết bị ký số: the PKCS#11 modules this workstation offers (found at the vendors' paths, or configured by an admin
 * for the machine) and what each token holds. A library path is never taken from this screen: the tokens service
 * offers modules by id only (ARCHITECTURE.md, invariant 15).
 */
export function TokensPage() {
  const t = useMessages(settingsMessages);
  const signs = hasAnyRole(useSession((s) => s.user), ['leader', 'clerk']);
  const [load, reload] = useLoad(() => (signs ? connection.client.services.tokens.modules({}) : Promise.resolve(null)), [signs]);
  return (
    <SettingsPage title={t('page.tokens')} intro={t('tokens.intro')} load={load} reload={reload}>
      {(value) => (
        <>
          {value === null ? (
            <p className="muted">{t('tokens.adminOnly')}</p>
          ) : value.modules.length === 0 ? (
            <p className="form-warning" data-testid="tokens-none">{t('tokens.none')}</p>
          ) : (
            <table className="data-table compact" data-testid="tokens-table">
              <thead>
                <tr>
                  <th scope="col">{t('tokens.col.vendor')}</th>
                  <th scope="col">{t('tokens.col.path')}</th>
                  <th scope="col">{t('tokens.col.source')}</th>
                  <th scope="col">{t('certs.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {value.modules.map((m) => <ModuleRow key={m.id} module={m} />)}
              </tbody>
            </table>
          )}
          <p className="muted small" data-testid="tokens-how-to-add">{t('tokens.howToAdd')}</p>
        </>
      )}
    </SettingsPage>
  );
}

function ModuleRow({ module }: { module: MethodOutput<'tokens', 'modules'>['modules'][number] }) {
  const t = useMessages(settingsMessages);
  const language = useLanguage((s) => s.language);
  const [tokens, setTokens] = useState<Tokens | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const read = async () => {
    setBusy(true);
    setError(null);
    try {
      setTokens((await connection.client.services.tokens.certificates({ moduleId: module.id })).tokens);
    } catch (caught) {
      setError(errorText(caught, language));
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr>
      <td>{bilingual(module.vendor, language)}</td>
      <td className="fingerprint">{module.path}</td>
      <td>{t(`tokens.source.${module.source}`)}</td>
      <td>
        <button type="button" className="button small" disabled={busy} onClick={() => void read()} aria-label={t('tokens.readOf', { vendor: bilingual(module.vendor, language) })}>
          {t('tokens.read')}
        </button>
        {error && <p className="form-error" role="alert">{error}</p>}
        {tokens && tokens.length === 0 && <p className="muted small">{t('tokens.noToken')}</p>}
        {tokens?.map((token) => (
          <div key={token.serial} className="token-card" data-testid="token-card">
            <strong>{t('tokens.token', { label: token.label, serial: token.serial })}</strong> · {t('tokens.certificates', { n: token.certificates.length })}
            {token.pin.locked && <p className="form-error">{t('tokens.pinLocked')}</p>}
            {!token.pin.locked && token.pin.finalTry && <p className="form-warning">{t('tokens.pinFinal')}</p>}
            {!token.pin.locked && !token.pin.finalTry && token.pin.countLow && <p className="form-warning">{t('tokens.pinLow')}</p>}
            <ul className="plain-list small">{token.certificates.map((c) => <li key={c.keyId}>{c.commonName}</li>)}</ul>
          </div>
        ))}
      </td>
    </tr>
  );
}
