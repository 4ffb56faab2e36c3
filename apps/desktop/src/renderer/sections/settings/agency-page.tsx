import type { MethodOutput } from '@eoffice/contract';
import { useState, type FormEvent } from 'react';
import { connection } from '../../client';
import { uploadPicked } from '../../format/upload-file';
import { useMessages } from '../../i18n/define-messages';
import { hasAnyRole, useSession } from '../../state/session-store';
import { Feedback, SettingsPage, useAction, useLoad } from './settings-common';
import { settingsMessages } from './settings-messages';

type AgencyView = MethodOutput<'registers', 'agency'>;
type Scheme = 'single' | 'per-type';

/** Cơ quan: what every document the agency issues carries; an admin changes it, a clerk may replace the seal image. */
export function AgencyPage() {
  const t = useMessages(settingsMessages);
  const user = useSession((s) => s.user);
  const isAdmin = hasAnyRole(user, ['admin']);
  const mayChangeSeal = hasAnyRole(user, ['admin', 'clerk']);
  const [load, reload] = useLoad(() => connection.client.services.registers.agency({}), []);
  const action = useAction(reload);
  return (
    <SettingsPage title={t('page.agency')} intro={t('agency.intro')} load={load} reload={reload}>
      {(view) => (
        <>
          <Feedback notice={action.notice} error={action.error} />
          {view.agency ? (
            <dl className="meta" data-testid="agency-identity">
              <div className="meta-row"><dt>{t('agency.code')}</dt><dd data-testid="agency-code">{view.agency.organId}</dd></div>
              <div className="meta-row"><dt>{t('agency.name')}</dt><dd data-testid="agency-name">{view.agency.name}</dd></div>
              <div className="meta-row"><dt>{t('agency.abbreviation')}</dt><dd>{view.agency.abbreviation}</dd></div>
              <div className="meta-row"><dt>{t('agency.scheme')}</dt><dd>{t(`agency.scheme.${view.agency.numberingScheme}`)}</dd></div>
              <div className="meta-row"><dt>{t('agency.place')}</dt><dd data-testid="agency-place">{view.issuingPlace ?? t('agency.placeNone')}</dd></div>
              <div className="meta-row">
                <dt>{t('agency.seal')}</dt>
                <dd data-testid="agency-seal">{view.seal ? t('agency.sealSize', { width: view.seal.width, height: view.seal.height }) : t('agency.sealNone')}</dd>
              </div>
            </dl>
          ) : (
            <p className="form-warning">{t('agency.none')}</p>
          )}
          {mayChangeSeal && view.agency && (
            <label className="field file-pick">
              <span>{t('agency.sealPick')}</span>
              <input type="file" accept="image/png" data-testid="agency-seal-file" disabled={action.busy}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void action.run(async () => {
                    const set = await connection.client.services.registers.setAgencySeal({ file: await uploadPicked(file) });
                    return t('agency.sealSaved', { width: set.width, height: set.height });
                  });
                }} />
            </label>
          )}
          {isAdmin ? <AgencyForm view={view} busy={action.busy} run={action.run} /> : <p className="muted">{t('agency.readOnly')}</p>}
        </>
      )}
    </SettingsPage>
  );
}

function AgencyForm({ view, busy, run }: { view: AgencyView; busy: boolean; run: (call: () => Promise<string | null>) => Promise<boolean> }) {
  const t = useMessages(settingsMessages);
  const [organId, setOrganId] = useState(view.agency?.organId ?? '');
  const [name, setName] = useState(view.agency?.name ?? '');
  const [abbreviation, setAbbreviation] = useState(view.agency?.abbreviation ?? '');
  const [scheme, setScheme] = useState<Scheme>(view.agency?.numberingScheme ?? 'single');
  const [place, setPlace] = useState(view.issuingPlace ?? '');

  function save(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await connection.client.services.registers.initAgency({
        organId: organId.trim(), name, numberingScheme: scheme, ...(abbreviation.trim() ? { abbreviation } : {}),
      });
      if (place.trim() && place.trim() !== (view.issuingPlace ?? '')) await connection.client.services.registers.setIssuingPlace({ place });
      return t('agency.saved');
    });
  }

  return (
    <form className="settings-form inline-form" onSubmit={save} data-testid="agency-form">
      <h4>{t('agency.edit')}</h4>
      <div className="field-row">
        <label className="field">
          <span>{t('agency.code')}</span>
          <input value={organId} onChange={(e) => setOrganId(e.target.value)} required maxLength={13} />
          <small>{t('agency.codeHint')}</small>
        </label>
        <label className="field">
          <span>{t('agency.abbreviation')}</span>
          <input value={abbreviation} onChange={(e) => setAbbreviation(e.target.value)} maxLength={20} />
        </label>
      </div>
      <label className="field">
        <span>{t('agency.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      <div className="field-row">
        <label className="field">
          <span>{t('agency.scheme')}</span>
          <select value={scheme} onChange={(e) => setScheme(e.target.value as Scheme)}>
            <option value="single">{t('agency.scheme.single')}</option>
            <option value="per-type">{t('agency.scheme.per-type')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('agency.place')}</span>
          <input value={place} onChange={(e) => setPlace(e.target.value)} maxLength={100} />
        </label>
      </div>
      <button type="submit" className="button primary" disabled={busy}>{t('save')}</button>
    </form>
  );
}
