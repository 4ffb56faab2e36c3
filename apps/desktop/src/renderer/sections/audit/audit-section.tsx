import type { MethodInput, MethodOutput, SearchHitOutput } from '@eoffice/contract';
import { useEffect, useState, type FormEvent } from 'react';
import { connection } from '../../client';
import { DateInput } from '../../components/date-input';
import { errorText } from '../../format/error-text';
import { formatDateTime } from '../../format/vietnam-date';
import { useMessages, type Translate } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { useAppStore } from '../../state/app-store';
import { auditMessages, type AuditKey } from './audit-messages';
import './audit.css';

type Entry = MethodOutput<'audit', 'list'>['entries'][number];
type Report = MethodOutput<'audit', 'verify'>;
type User = MethodOutput<'users', 'list'>['users'][number];
interface Filters {
  actor: string;
  document: { id: string; name: string } | null;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { actor: '', document: null, from: '', to: '' };
const PAGE = 100;
/** Documents and users are named by UUIDs: their first 8 digits tell rows apart; the whole id is in the title. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-/;

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; entries: Entry[]; more: boolean };
type Chain = { status: 'checking' } | { status: 'error'; message: string } | { status: 'done'; report: Report };

function toInput(filters: Filters): MethodInput<'audit', 'list'> {
  return {
    ...(filters.actor ? { actor: filters.actor } : {}),
    ...(filters.document ? { objectId: filters.document.id } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    limit: PAGE,
  };
}

/** The summary the services wrote (JSON of the changed fields) as short "field: value" text. */
function summary(text: string | null): string {
  if (!text) return '';
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
        .join(' · ');
    }
    return String(value);
  } catch {
    return text;
  }
}

function actionText(t: Translate<AuditKey>, action: string): string {
  const key = `action.${action}` as AuditKey;
  return auditMessages.vi[key] === undefined ? action : t(key);
}

/** Nhật ký: who did what to which object and when, filtered, with the hash chain's verdict above it. */
export function AuditSection() {
  const t = useMessages(auditMessages);
  const language = useLanguage((s) => s.language);
  const changeCount = useAppStore((s) => s.changeCount);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [chain, setChain] = useState<Chain>({ status: 'checking' });
  const [users, setUsers] = useState<User[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [docText, setDocText] = useState('');
  const [docHits, setDocHits] = useState<SearchHitOutput[] | null>(null);

  useEffect(() => {
    connection.client.services.users.list({}).then(({ users: all }) => setUsers(all)).catch(() => setUsers([]));
  }, []);

  async function verify() {
    setChain({ status: 'checking' });
    try {
      setChain({ status: 'done', report: await connection.client.services.audit.verify({}) });
    } catch (caught) {
      setChain({ status: 'error', message: errorText(caught, language) });
    }
  }
  useEffect(() => void verify(), [changeCount]);

  useEffect(() => {
    let current = true;
    setLoad({ status: 'loading' });
    connection.client.services.audit
      .list(toInput(filters))
      .then(({ entries }) => current && setLoad({ status: 'ready', entries, more: entries.length === PAGE }))
      .catch((caught: unknown) => current && setLoad({ status: 'error', message: errorText(caught, language) }));
    return () => {
      current = false;
    };
  }, [filters, changeCount, attempt, language]);

  async function older() {
    if (load.status !== 'ready' || load.entries.length === 0) return;
    try {
      const { entries } = await connection.client.services.audit.list({ ...toInput(filters), beforeId: load.entries[load.entries.length - 1]!.id });
      setLoad({ status: 'ready', entries: [...load.entries, ...entries], more: entries.length === PAGE });
    } catch (caught) {
      setLoad({ status: 'error', message: errorText(caught, language) });
    }
  }

  async function findDocument(event: FormEvent) {
    event.preventDefault();
    if (!docText.trim()) return;
    try {
      setDocHits((await connection.client.services.search.query({ text: docText.trim(), limit: 8 })).hits);
    } catch {
      setDocHits([]);
    }
  }

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const nameOf = (username: string) => users.find((u) => u.username === username)?.fullName;
  const docName = (hit: SearchHitOutput) => [[hit.number, hit.symbol].filter(Boolean).join('/'), hit.subject].filter(Boolean).join(' — ');

  return (
    <div className="audit-section">
      <h1 className="section-title">{t('title')}</h1>

      <div className="chain-line">
        {chain.status === 'checking' && <p className="form-notice" role="status">{t('verifying')}</p>}
        {chain.status === 'error' && <p className="form-error" role="alert">{t('chainError', { reason: chain.message })}</p>}
        {chain.status === 'done' && chain.report.ok && (
          <p className="chain-ok" role="status" data-testid="audit-chain">{t('chainOk', { entries: chain.report.entries })}
            {chain.report.anchors && chain.report.anchors.count > 0 && <> {t('anchors', { count: chain.report.anchors.count })}</>}
          </p>
        )}
        {chain.status === 'done' && !chain.report.ok && (
          <p className="form-error" role="alert" data-testid="audit-chain">
            {t('chainBroken', { id: chain.report.firstBroken?.id ?? '?', reason: chain.report.firstBroken?.reason ?? '' })}
          </p>
        )}
        <button type="button" className="button" onClick={() => void verify()} disabled={chain.status === 'checking'}>{t('verify')}</button>
      </div>

      <fieldset className="toolbar audit-filters">
        <legend className="sr-only">{t('filters')}</legend>
        <label className="field inline-field">
          <span>{t('user')}</span>
          <select value={filters.actor} onChange={(e) => set('actor', e.target.value)} data-testid="audit-user">
            <option value="">{t('user.all')}</option>
            {users.map((u) => <option key={u.username} value={u.username}>{u.fullName} ({u.username})</option>)}
          </select>
        </label>
        <label className="field inline-field">
          <span>{t('from')}</span>
          <DateInput value={filters.from} onChange={(iso) => set('from', iso)} testId="audit-from" />
        </label>
        <label className="field inline-field">
          <span>{t('to')}</span>
          <DateInput value={filters.to} onChange={(iso) => set('to', iso)} testId="audit-to" />
        </label>
        <button type="button" className="button" onClick={() => { setFilters(NO_FILTERS); setDocHits(null); setDocText(''); }}>{t('clear')}</button>
      </fieldset>
      <form className="toolbar" role="search" aria-label={t('document')} onSubmit={(e) => void findDocument(e)}>
        <label className="field inline-field grow">
          <span>{t('document')}</span>
          <input type="search" value={docText} onChange={(e) => setDocText(e.target.value)} placeholder={t('documentPlaceholder')} data-testid="audit-document" />
        </label>
        <button type="submit" className="button">{t('documentFind')}</button>
      </form>
      {docHits && !filters.document && (
        <div className="doc-choices" role="group" aria-label={t('documentPick')}>
          {docHits.length === 0 && <p className="muted small">{t('documentNone')}</p>}
          {docHits.map((hit) => (
            <button key={hit.id} type="button" className="button doc-choice" onClick={() => { set('document', { id: hit.id, name: docName(hit) }); setDocHits(null); }}>
              {docName(hit)}
            </button>
          ))}
        </div>
      )}
      {filters.document && (
        <p className="form-notice chosen-doc" data-testid="audit-chosen-document">
          {t('documentChosen', { name: filters.document.name })}{' '}
          <button type="button" className="button" onClick={() => set('document', null)}>{t('documentClear')}</button>
        </p>
      )}

      {load.status === 'loading' && <p className="muted" role="status">{t('loading')}</p>}
      {load.status === 'error' && (
        <div className="inline-error" role="alert">
          {t('error', { reason: load.message })} <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>{t('retry')}</button>
        </div>
      )}
      {load.status === 'ready' && load.entries.length === 0 && (
        <div className="empty-inline" data-testid="audit-empty"><h2>{t('empty')}</h2><p>{t('emptyBody')}</p></div>
      )}
      {load.status === 'ready' && load.entries.length > 0 && (
        <>
          <p className="muted small" data-testid="audit-count">{t('count', { count: load.entries.length })}</p>
          <div className="table-wrap">
            <table className="data-table audit-table" role="grid" aria-label={t('listLabel')} data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t('col.at')}</th>
                  <th scope="col">{t('col.actor')}</th>
                  <th scope="col">{t('col.action')}</th>
                  <th scope="col">{t('col.object')}</th>
                  <th scope="col" className="wide">{t('col.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {load.entries.map((entry) => {
                  const objectKey = `object.${entry.objectType}` as AuditKey;
                  const detail = entry.redacted ? t('redacted') : summary(entry.after) || summary(entry.before);
                  return (
                    <tr key={entry.id} data-testid="audit-row" data-actor={entry.actor} data-id={entry.id}>
                      <td className="nowrap">{formatDateTime(entry.at)}</td>
                      <td className="nowrap">{nameOf(entry.actor) ?? entry.actor}<span className="muted small"> ({entry.actor})</span></td>
                      <td>{actionText(t, entry.action)}</td>
                      <td className="nowrap" title={entry.objectId}>
                        {auditMessages.vi[objectKey] === undefined ? entry.objectType : t(objectKey)} <span className="muted small">{UUID.test(entry.objectId) ? entry.objectId.slice(0, 8) : entry.objectId}</span>
                      </td>
                      <td className={`wide detail ${entry.redacted ? 'redacted' : ''}`}>{detail}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {load.more && <button type="button" className="button" onClick={() => void older()}>{t('more')}</button>}
        </>
      )}
    </div>
  );
}
