import { REGISTER_PAGE_MAX, type MethodOutput } from '@eoffice/contract';
import { vietnamYear } from '@eoffice/vietnamese';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { connection } from '../../client';
import { errorText } from '../../format/error-text';
import { formatDateText } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { useAppStore } from '../../state/app-store';
import { hasAnyRole, useSession } from '../../state/session-store';
import { registersMessages, type RegistersKey } from './registers-messages';

type Entry = MethodOutput<'registers', 'entries'>['entries'][number];
type Direction = 'incoming' | 'outgoing';
type Kind = 'normal' | 'secret' | 'copy';
type Status = 'all' | Entry['status'];

const ROW_HEIGHT = 38;
const COLUMNS = 'grid-cols';

/** A pause in typing before the search is asked of the service, so a word typed fast is one call. */
const SEARCH_PAUSE_MS = 150;

/**
 * The first page is small so the first rows show at once (issue 12 item 15: ≤ 300 ms at 100,000 lines); the rest
 * follows in large pages behind it. A stretch the user scrolls to before the pages reach it is fetched by position
 * (a window) at once, and the pages skip over it.
 */
const FIRST_PAGE = 200;
const NEXT_PAGE = 5000;
const WINDOW = 300;

type Request = { year: number; direction: Direction; kind: Kind };

/** One load of one register: lines by their position in it (holes not loaded yet), shared by the pages and windows. */
interface Load {
  readonly request: Request;
  readonly rows: Entry[];
  loaded: number;
  total: number;
  complete: boolean;
  /** Windows asked for (by WINDOW-sized bucket), so a scroll does not ask twice. */
  readonly windows: Set<number>;
  live: boolean;
}

interface Loaded {
  readonly rows: readonly (Entry | undefined)[];
  readonly loaded: number;
  /** The lines of the whole register the user may see (the server's count), loaded or not. */
  readonly total: number;
  readonly complete: boolean;
}

/** Puts a page's lines at their positions; a position already filled (by a window or a page) is kept. */
function place(load: Load, at: number, page: readonly Entry[]): void {
  page.forEach((entry, i) => {
    if (load.rows[at + i] !== undefined) return;
    load.rows[at + i] = entry;
    load.loaded += 1;
  });
}

export function RegistersSection() {
  const t = useMessages(registersMessages);
  const language = useLanguage((s) => s.language);
  const changeCount = useAppStore((s) => s.changeCount);
  const user = useSession((s) => s.user);
  const thisYear = vietnamYear(new Date());
  const [direction, setDirection] = useState<Direction>('incoming');
  const [year, setYear] = useState(thisYear);
  const [kind, setKind] = useState<Kind>('normal');
  const [status, setStatus] = useState<Status>('all');
  const [text, setText] = useState('');
  const query = text.trim();
  /** The service's answer to the search (every line of the register, folded), for the query it was asked. */
  const [found, setFound] = useState<{ query: string; entries: readonly Entry[]; total: number } | null>(null);
  const [entries, setEntries] = useState<Loaded | null>(null);
  const loadRef = useRef<Load | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const [printed, setPrinted] = useState<string | null>(null);
  const canSeeSecret = hasAnyRole(user, ['leader', 'clerk', 'archivist']);

  // A new object over the same arrays: the list re-renders, nothing loaded is copied.
  const publish = (load: Load) =>
    setEntries({ rows: load.rows, loaded: load.loaded, total: load.total, complete: load.complete });

  useEffect(() => {
    const load: Load = { request: { year, direction, kind }, rows: [], loaded: 0, total: 0, complete: false, windows: new Set(), live: true };
    loadRef.current = load;
    setError(null);
    void (async () => {
      const first = await connection.client.services.registers.entries({ ...load.request, limit: FIRST_PAGE });
      if (!load.live) return;
      place(load, 0, first.entries);
      load.total = first.total;
      load.complete = first.entries.length < FIRST_PAGE;
      publish(load);
      let next = first.entries.length;
      while (!load.complete) {
        while (load.rows[next] !== undefined) next += 1;
        const last = load.rows[next - 1]!;
        const page = await connection.client.services.registers.entries({
          ...load.request,
          limit: NEXT_PAGE,
          after: { sequenceKey: last.sequenceKey, number: last.number },
        });
        if (!load.live) return;
        place(load, next, page.entries);
        next += page.entries.length;
        load.total = page.total;
        load.complete = page.entries.length < NEXT_PAGE;
        publish(load);
      }
    })().catch((caught: unknown) => load.live && setError(errorText(caught, language)));
    return () => {
      load.live = false;
    };
  }, [year, direction, kind, changeCount, language]);

  // Search as you type asks the service, which looks through every line (folded: "dat dai" finds "Đất đai"), not
  // only the lines loaded so far: a match on line 90,000 shows before the pages behind the first reach it.
  useEffect(() => {
    if (query === '') {
      setFound(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      connection.client.services.registers
        .entries({ year, direction, kind, query, limit: REGISTER_PAGE_MAX })
        .then((answer) => live && setFound({ query, entries: answer.entries, total: answer.total }))
        .catch((caught: unknown) => live && setError(errorText(caught, language)));
    }, SEARCH_PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, year, direction, kind, changeCount, language]);

  // Unfiltered, the list has the register's full length from the first page on (the scroll bar does not jump) and
  // a row not loaded yet shows as pending; a search lists the service's matches, a status filter the lines loaded.
  const filtered = status !== 'all' || query !== '';
  const searched = query !== '' && found?.query === query ? found : null;
  const shown = useMemo((): readonly (Entry | undefined)[] => {
    if (!entries) return [];
    if (!filtered) return entries.rows;
    const lines = query !== '' ? (searched?.entries ?? []) : entries.rows;
    return lines.filter((entry): entry is Entry => entry !== undefined && (status === 'all' || entry.status === status));
  }, [entries, filtered, query, searched, status]);

  const scroller = useRef<HTMLDivElement>(null);
  const rowCount = entries && !filtered ? Math.max(entries.rows.length, entries.total) : shown.length;
  const virtualizer = useVirtualizer({ count: rowCount, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  // The windows the rows in view are missing from (at most two), asked for by position.
  const missing = filtered || !entries || entries.complete
    ? ''
    : [...new Set(virtualizer.getVirtualItems().filter((item) => !entries.rows[item.index]).map((item) => Math.floor(item.index / WINDOW)))].join(',');
  useEffect(() => {
    const load = loadRef.current;
    if (!missing || !load) return;
    for (const bucket of missing.split(',').map(Number)) {
      if (load.windows.has(bucket)) continue;
      load.windows.add(bucket);
      connection.client.services.registers
        .entries({ ...load.request, limit: WINDOW, offset: bucket * WINDOW })
        .then((page) => {
          if (!load.live) return;
          place(load, bucket * WINDOW, page.entries);
          publish(load);
        })
        // The pages behind the first one still bring these lines; the window may be asked for again.
        .catch(() => load.windows.delete(bucket));
    }
  }, [missing]);

  async function print() {
    setPrinting(true);
    setPrinted(null);
    setError(null);
    try {
      const result = await connection.client.services.registers.print({ year, direction, kind });
      // Only the file's name: where the data folder is stays the machine's business.
      setPrinted(t('printed', { entries: result.entries, voided: result.voided, file: result.path.split(/[\\/]/).pop() ?? '' }));
    } catch (caught) {
      setError(errorText(caught, language));
    } finally {
      setPrinting(false);
    }
  }

  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);
  return (
    <div className="register-section">
      <h1 className="section-title">{t('title')}</h1>
      <div className="toolbar" role="group" aria-label={t('title')}>
        <label className="field inline-field">
          <span>{t('direction')}</span>
          <select value={direction} onChange={(e) => setDirection(e.target.value as Direction)}>
            <option value="incoming">{t('direction.incoming')}</option>
            <option value="outgoing">{t('direction.outgoing')}</option>
          </select>
        </label>
        <label className="field inline-field">
          <span>{t('year')}</span>
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
        <label className="field inline-field">
          <span>{t('kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {(['normal', ...(canSeeSecret ? ['secret'] : []), 'copy'] as Kind[]).map((k) => <option key={k} value={k}>{t(`kind.${k}` as RegistersKey)}</option>)}
          </select>
        </label>
        <label className="field inline-field">
          <span>{t('status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            {(['all', 'active', 'void', 'recalled'] as const).map((s) => <option key={s} value={s}>{t(`status.${s}` as RegistersKey)}</option>)}
          </select>
        </label>
        <label className="field inline-field grow">
          <span>{t('search')}</span>
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('searchPlaceholder')} data-testid="register-search" />
        </label>
        <button type="button" className="button primary" onClick={() => void print()} disabled={printing}>
          {printing ? t('printing') : t('print')}
        </button>
      </div>
      {printed && <p className="form-notice" role="status">{printed}</p>}
      {error && <p className="form-error" role="alert">{error}</p>}
      {entries && (
        <p className="muted small" data-testid="register-count">{t('count', { shown: filtered ? shown.length : entries.loaded, total: entries.total })}</p>
      )}
      {searched && searched.total > searched.entries.length && (
        <p className="muted small" data-testid="register-search-more">{t('searchMore', { shown: searched.entries.length, matches: searched.total })}</p>
      )}
      {entries && !entries.complete && (
        <p className="muted small" aria-live="polite" data-testid="register-loading">{t('loadingRest', { loaded: entries.loaded, total: entries.total })}</p>
      )}
      <div className="vtable" role="grid" aria-label={t('listLabel')} aria-rowcount={rowCount + 1} aria-busy={entries ? !entries.complete : true} data-testid="register-table">
        <div role="row" className={`vrow vhead ${COLUMNS}`} aria-rowindex={1}>
          {(['col.number', 'col.date', 'col.code', 'col.subject', 'col.by', 'col.status', 'col.note'] as const).map((key) => (
            <div role="columnheader" key={key}>{t(key)}</div>
          ))}
        </div>
        <div ref={scroller} className="vbody" role="rowgroup" tabIndex={0} aria-label={t('listLabel')}>
          {entries && entries.complete && entries.loaded === 0 && <p className="empty-inline">{t('empty')}</p>}
          {entries && entries.loaded > 0 && filtered && shown.length === 0 && (query === '' || searched) && <p className="empty-inline">{t('noMatch')}</p>}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const entry = shown[item.index];
              if (!entry) {
                return (
                  <div key={item.key} role="row" aria-rowindex={item.index + 2} data-testid="register-row-pending" className={`vrow ${COLUMNS} pending`}
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}>
                    <div role="gridcell" className="muted">{t('pendingRow')}</div>
                  </div>
                );
              }
              return (
                <div key={item.key} role="row" aria-rowindex={item.index + 2} data-testid="register-row"
                  className={`vrow ${COLUMNS} ${entry.status !== 'active' ? 'void' : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}>
                  <div role="gridcell" className="num">{entry.number}</div>
                  <div role="gridcell">{formatDateText(entry.registeredAt)}</div>
                  <div role="gridcell">{entry.code}</div>
                  <div role="gridcell" className="ellipsis" title={entry.subject ?? ''}>{entry.subject}</div>
                  <div role="gridcell">{entry.registeredBy}</div>
                  <div role="gridcell">{t(`status.${entry.status}` as RegistersKey)}</div>
                  <div role="gridcell" className="ellipsis" title={entry.note ?? ''}>{entry.note}</div>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
