import type { MethodInput, SearchHitOutput } from '@eoffice/contract';
import { vietnamYear } from '@eoffice/vietnamese';
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { connection } from '../../client';
import { DateInput } from '../../components/date-input';
import { OrganName } from '../../components/organ-name';
import { errorText } from '../../format/error-text';
import { formatDateText } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { useAppStore, type OpenRequest } from '../../state/app-store';
import { useSession } from '../../state/session-store';
import { sectionsFor } from '../section-list';
import { incomingMessages, type IncomingKey } from '../incoming/incoming-messages';
import { DRAFT_TYPES } from '../outgoing/document-types';
import { outgoingMessages, type OutgoingKey } from '../outgoing/outgoing-messages';
import { queryTokens } from './highlight';
import { Highlighted } from './highlighted';
import { searchMessages, type SearchKey } from './search-messages';
import './search.css';

type Query = MethodInput<'search', 'query'>;
interface Filters {
  direction: '' | 'incoming' | 'outgoing' | 'internal';
  year: string;
  type: string;
  urgency: string;
  dateFrom: string;
  dateTo: string;
  order: 'newest' | 'oldest';
}
const NO_FILTERS: Filters = { direction: '', year: '', type: '', urgency: '', dateFrom: '', dateTo: '', order: 'newest' };
const PAGE = 50;

type Results =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; hits: SearchHitOutput[]; nextCursor: string | null; tokens: string[] };

/** What the services are asked: the typed words and the filters that are set, nothing empty. */
function toQuery(text: string, filters: Filters): Query {
  return {
    ...(text ? { text } : {}),
    ...(filters.direction ? { direction: filters.direction } : {}),
    ...(filters.year ? { year: Number(filters.year) } : {}),
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.urgency ? { urgency: filters.urgency } : {}),
    ...(filters.dateFrom ? { dateFrom: filters.dateFrom } : {}),
    ...(filters.dateTo ? { dateTo: filters.dateTo } : {}),
    order: filters.order,
    limit: PAGE,
  };
}

/** Drafts live in Dự thảo until signed, the rest of the outgoing ones in Văn bản đi (outgoing-section.tsx, MODE_STATES). */
const DRAFT_STATES = new Set(['draft', 'returned', 'submitted', 'approved']);

/** The section that shows a hit's document, or null when none of this user's sections does (internal documents). */
function sectionOf(hit: SearchHitOutput, allowed: ReadonlySet<string>): OpenRequest['section'] | null {
  const section = hit.direction === 'incoming' ? 'incoming' : hit.direction === 'outgoing' ? (DRAFT_STATES.has(hit.state ?? '') ? 'drafts' : 'outgoing') : null;
  return section && allowed.has(section) ? section : null;
}

const isEmpty = (text: string, filters: Filters) =>
  !text && Object.entries(filters).every(([key, value]) => key === 'order' || value === '');

/** Tìm kiếm: the top bar's box lands here; the filters narrow it; the matched words are marked in each result. */
export function SearchSection() {
  const t = useMessages(searchMessages);
  const states = useMessages(incomingMessages);
  const outStates = useMessages(outgoingMessages);
  const language = useLanguage((s) => s.language);
  const searchText = useAppStore((s) => s.searchText);
  const changeCount = useAppStore((s) => s.changeCount);
  const [text, setText] = useState(searchText);
  // What was last submitted: typing alone does not search, Enter or the button does (the filters apply at once).
  const [submitted, setSubmitted] = useState(searchText);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [results, setResults] = useState<Results>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const user = useSession((s) => s.user);
  const allowed = new Set<string>(sectionsFor(user?.roles ?? []).map((section) => section.id));

  // A new search from the top bar replaces the words here.
  useEffect(() => {
    setText(searchText);
    setSubmitted(searchText);
  }, [searchText]);

  useEffect(() => {
    if (isEmpty(submitted, filters)) {
      setResults({ status: 'idle' });
      return;
    }
    let current = true;
    setResults({ status: 'loading' });
    connection.client.services.search
      .query(toQuery(submitted, filters))
      .then(({ hits, nextCursor }) => current && setResults({ status: 'ready', hits, nextCursor, tokens: queryTokens(submitted) }))
      .catch((caught: unknown) => current && setResults({ status: 'error', message: errorText(caught, language) }));
    return () => {
      current = false;
    };
  }, [submitted, filters, changeCount, attempt, language]);

  async function more() {
    if (results.status !== 'ready' || !results.nextCursor) return;
    try {
      const page = await connection.client.services.search.query({ ...toQuery(submitted, filters), cursor: results.nextCursor });
      setResults({ ...results, hits: [...results.hits, ...page.hits], nextCursor: page.nextCursor });
    } catch (caught) {
      setResults({ status: 'error', message: errorText(caught, language) });
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(text.trim());
    setAttempt((n) => n + 1);
  }

  function openHit(hit: SearchHitOutput) {
    const section = sectionOf(hit, allowed);
    if (section) useAppStore.getState().openDocument({ id: hit.id, section });
  }
  function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, hit: SearchHitOutput) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openHit(hit);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const row = event.currentTarget;
      const next = event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
      (next as HTMLElement | null)?.focus();
    }
  }

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const stateText = (hit: SearchHitOutput) =>
    !hit.state ? '' : hit.direction === 'incoming' ? states(`state.${hit.state}` as IncomingKey) : outStates(`state.${hit.state}` as OutgoingKey);
  const thisYear = vietnamYear(new Date());
  const years = Array.from({ length: 10 }, (_, i) => thisYear - i);

  return (
    <div className="search-section">
      <h1 className="section-title">{t('title')}</h1>
      <form className="toolbar search-form" role="search" onSubmit={submit}>
        <label className="field inline-field grow">
          <span>{t('text')}</span>
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('textPlaceholder')} data-testid="search-text" />
        </label>
        <button type="submit" className="button primary">{t('submit')}</button>
      </form>
      <fieldset className="toolbar filters">
        <legend className="sr-only">{t('filters')}</legend>
        <label className="field inline-field">
          <span>{t('direction')}</span>
          <select value={filters.direction} onChange={(e) => set('direction', e.target.value as Filters['direction'])}>
            {(['', 'incoming', 'outgoing', 'internal'] as const).map((d) => (
              <option key={d} value={d}>{t(`direction.${d || 'all'}` as SearchKey)}</option>
            ))}
          </select>
        </label>
        <label className="field inline-field">
          <span>{t('year')}</span>
          <select value={filters.year} onChange={(e) => set('year', e.target.value)}>
            <option value="">{t('year.all')}</option>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
        <label className="field inline-field">
          <span>{t('type')}</span>
          <select value={filters.type} onChange={(e) => set('type', e.target.value)}>
            <option value="">{t('type.all')}</option>
            {DRAFT_TYPES.map((type) => <option key={type.code} value={type.code}>{type.name}</option>)}
          </select>
        </label>
        <label className="field inline-field">
          <span>{t('urgency')}</span>
          <select value={filters.urgency} onChange={(e) => set('urgency', e.target.value)}>
            <option value="">{t('urgency.all')}</option>
            {(['normal', 'urgent', 'very-urgent', 'flash'] as const).map((u) => (
              <option key={u} value={u}>{states(`urgency.${u}` as IncomingKey)}</option>
            ))}
          </select>
        </label>
        <label className="field inline-field">
          <span>{t('dateFrom')}</span>
          <DateInput value={filters.dateFrom} onChange={(iso) => set('dateFrom', iso)} testId="search-date-from" />
        </label>
        <label className="field inline-field">
          <span>{t('dateTo')}</span>
          <DateInput value={filters.dateTo} onChange={(iso) => set('dateTo', iso)} testId="search-date-to" />
        </label>
        <label className="field inline-field">
          <span>{t('order')}</span>
          <select value={filters.order} onChange={(e) => set('order', e.target.value as Filters['order'])}>
            <option value="newest">{t('order.newest')}</option>
            <option value="oldest">{t('order.oldest')}</option>
          </select>
        </label>
        <button type="button" className="button" onClick={() => setFilters(NO_FILTERS)}>{t('clear')}</button>
      </fieldset>

      {results.status === 'idle' && <p className="empty-inline">{t('start')}</p>}
      {results.status === 'loading' && <p className="muted" role="status">{t('loading')}</p>}
      {results.status === 'error' && (
        <div className="inline-error" role="alert">
          {t('error', { reason: results.message })}{' '}
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>{t('retry')}</button>
        </div>
      )}
      {results.status === 'ready' && results.hits.length === 0 && (
        <div className="empty-inline" data-testid="search-empty"><h2>{t('empty')}</h2><p>{t('emptyBody')}</p></div>
      )}
      {results.status === 'ready' && results.hits.length > 0 && (
        <>
          <p className="muted small" role="status" data-testid="search-count">{t('count', { count: results.hits.length })}</p>
          <div className="table-wrap">
            <table className="data-table" role="grid" aria-label={t('listLabel')} data-testid="search-table">
              <thead>
                <tr>
                  <th scope="col">{t('col.date')}</th>
                  <th scope="col">{t('col.direction')}</th>
                  <th scope="col">{t('col.code')}</th>
                  <th scope="col">{t('col.issuer')}</th>
                  <th scope="col" className="wide">{t('col.subject')}</th>
                  <th scope="col">{t('col.state')}</th>
                </tr>
              </thead>
              <tbody>
                {results.hits.map((hit) => {
                  const opens = sectionOf(hit, allowed) !== null;
                  return (
                  <tr key={hit.id} className={`row urgency-${hit.urgency ?? 'normal'}${opens ? ' opens' : ''}`} data-testid="search-row" data-id={hit.id}
                    tabIndex={opens ? 0 : undefined} title={opens ? t('open') : undefined}
                    onClick={opens ? () => openHit(hit) : undefined} onKeyDown={opens ? (e) => onRowKey(e, hit) : undefined}>
                    <td className="nowrap">{formatDateText(hit.date)}</td>
                    <td className="nowrap">{t(`direction.${hit.direction}` as SearchKey)}</td>
                    <td className="nowrap"><Highlighted text={[hit.number, hit.symbol].filter(Boolean).join('/')} tokens={results.tokens} /></td>
                    <td><OrganName name={hit.issuerName ? <Highlighted text={hit.issuerName} tokens={results.tokens} /> : null} code={hit.issuerCode} /></td>
                    <td className="wide">
                      {hit.urgency && hit.urgency !== 'normal' && (
                        <span className={`urgency-tag ${hit.urgency}`}>{states(`urgency.${hit.urgency}` as IncomingKey)}</span>
                      )}
                      <Highlighted text={hit.subject ?? ''} tokens={results.tokens} />
                      {hit.exact && results.tokens.length > 0 && <span className="state-tag exact-tag">{t('exact')}</span>}
                    </td>
                    <td className="nowrap">{stateText(hit)}</td>
                  </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {results.nextCursor && <button type="button" className="button" onClick={() => void more()}>{t('more')}</button>}
        </>
      )}
    </div>
  );
}
