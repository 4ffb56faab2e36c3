import type { DocumentView } from '@eoffice/contract';
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { connection } from '../../client';
import { OrganName } from '../../components/organ-name';
import { formatDateText } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useAppStore } from '../../state/app-store';
import { useBadges } from '../../state/badges-store';
import { hasAnyRole, useSession } from '../../state/session-store';
import { IncomingDetail } from './incoming-detail';
import { incomingMessages, type IncomingKey } from './incoming-messages';
import { ReceiveForm } from './receive-form';
import { receiveMessages } from './receive-messages';

type Tab = 'todo' | 'registered' | 'handling' | 'done' | 'rejected' | 'all';

/** The tabs group the lifecycle's states by what is left to do (lifecycle.ts, INCOMING_RULES). */
const TAB_STATES: Record<Exclude<Tab, 'all'>, readonly string[]> = {
  todo: ['received', 'needs_checking', 'verified'],
  registered: ['registered', 'presented'],
  handling: ['assigned', 'in_progress'],
  done: ['completed', 'filed'],
  rejected: ['rejected'],
};
const TABS: readonly Tab[] = ['todo', 'registered', 'handling', 'done', 'rejected', 'all'];

type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; documents: DocumentView[]; unread: ReadonlySet<string> };

export function IncomingSection() {
  const t = useMessages(incomingMessages);
  const changeCount = useAppStore((s) => s.changeCount);
  const [tab, setTab] = useState<Tab>('todo');
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [selected, setSelected] = useState<string | null>(null);
  const [receiving, setReceiving] = useState(false);
  const words = useMessages(receiveMessages);
  const clerk = hasAnyRole(useSession((s) => s.user), ['clerk']);

  const reload = useCallback(async () => {
    try {
      // The services allow 1000 a page; the tabs filter that page here (the register is where the years are browsed).
      const { documents } = await connection.client.services.documents.list({ direction: 'incoming', limit: 1000 });
      const { unread } = await connection.client.services.worklist.unread({ ids: documents.map((d) => d.id) });
      setLoad({ status: 'ready', documents, unread: new Set(unread) });
    } catch {
      setLoad({ status: 'error' });
    }
  }, []);
  useEffect(() => void reload(), [reload, changeCount]);

  // A search result opened here: show it whatever its state (the "all" tab holds every one).
  const openRequest = useAppStore((s) => s.openRequest);
  useEffect(() => {
    if (openRequest?.section !== 'incoming') return;
    useAppStore.getState().openHandled();
    setTab('all');
    void open(openRequest.id);
  }, [openRequest]);

  async function open(id: string) {
    setReceiving(false);
    setSelected(id);
    try {
      await connection.client.services.worklist.markRead({ id });
      setLoad((current) =>
        current.status === 'ready' ? { ...current, unread: new Set([...current.unread].filter((u) => u !== id)) } : current,
      );
      void useBadges.getState().refresh();
    } catch {
      // Being marked read is a convenience; the document still opens.
    }
  }

  const documents = load.status === 'ready' ? load.documents : [];
  const shown = tab === 'all' ? documents : documents.filter((d) => TAB_STATES[tab].includes(d.state));
  const count = (which: Tab) => (which === 'all' ? documents.length : documents.filter((d) => TAB_STATES[which].includes(d.state)).length);

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = TABS[(index + step + TABS.length) % TABS.length]!;
    setTab(next);
    document.getElementById(`incoming-tab-${next}`)?.focus();
  }

  function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, index: number, id: string) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      void open(id);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const rows = (event.currentTarget.parentElement?.children ?? []) as HTMLCollectionOf<HTMLElement>;
      rows[index + (event.key === 'ArrowDown' ? 1 : -1)]?.focus();
    }
  }

  return (
    <div className="split-section">
      <section className="list-pane" aria-labelledby="incoming-title">
        <div className="section-head">
          <h1 className="section-title" id="incoming-title">{t('title')}</h1>
          {clerk && <button type="button" className="button primary" onClick={() => { setSelected(null); setReceiving(true); }}>{words('open')}</button>}
        </div>
        <div className="tabs" role="tablist" aria-label={t('tabsLabel')}>
          {TABS.map((id, index) => (
            <button key={id} id={`incoming-tab-${id}`} type="button" role="tab" aria-selected={tab === id} tabIndex={tab === id ? 0 : -1}
              className={tab === id ? 'tab active' : 'tab'} onClick={() => setTab(id)} onKeyDown={(e) => onTabKey(e, index)}>
              {t(`tab.${id}` as IncomingKey)} <span className="tab-count">{count(id)}</span>
            </button>
          ))}
        </div>
        <div role="tabpanel" aria-labelledby={`incoming-tab-${tab}`} className="table-wrap">
          {load.status === 'loading' && <p className="muted">…</p>}
          {load.status === 'error' && (
            <div className="inline-error" role="alert">{t('loadError')} <button type="button" className="button" onClick={() => void reload()}>↻</button></div>
          )}
          {load.status === 'ready' && documents.length === 0 && (
            <div className="empty-inline"><h2>{t('empty')}</h2><p>{t('emptyBody')}</p></div>
          )}
          {load.status === 'ready' && documents.length > 0 && shown.length === 0 && <p className="empty-inline">{t('emptyTab')}</p>}
          {shown.length > 0 && (
            <table className="data-table" role="grid" aria-label={t('listLabel')} data-testid="incoming-table">
              <thead>
                <tr>
                  <th scope="col">{t('col.arrival')}</th>
                  <th scope="col">{t('col.code')}</th>
                  <th scope="col">{t('col.issued')}</th>
                  <th scope="col">{t('col.issuer')}</th>
                  <th scope="col" className="wide">{t('col.subject')}</th>
                  <th scope="col">{t('col.due')}</th>
                  <th scope="col">{t('col.state')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((doc, index) => {
                  const unread = load.status === 'ready' && load.unread.has(doc.id);
                  const classes = ['row', unread ? 'unread' : '', doc.id === selected ? 'selected' : '', `urgency-${doc.urgency}`].join(' ');
                  return (
                    <tr key={doc.id} className={classes} tabIndex={0} aria-selected={doc.id === selected}
                      data-testid="incoming-row" data-id={doc.id}
                      onClick={() => void open(doc.id)} onKeyDown={(e) => onRowKey(e, index, doc.id)}>
                      <td className="num">{doc.arrivalNumber ?? '—'}</td>
                      <td className="nowrap">{[doc.number, doc.symbol].filter(Boolean).join('/')}</td>
                      <td className="nowrap">{formatDateText(doc.issuedDate)}</td>
                      <td><OrganName name={doc.issuer.name} code={doc.issuer.organId} testId="incoming-issuer" /></td>
                      <td className="wide">
                        {unread && <span className="sr-only">{t('unread')}: </span>}
                        {doc.urgency !== 'normal' && (
                          <span className={`urgency-tag ${doc.urgency}`} data-testid="urgency-tag">{t(`urgency.${doc.urgency}` as IncomingKey)}</span>
                        )}
                        {doc.subject}
                      </td>
                      <td className="nowrap">
                        {formatDateText(doc.dueDate)}
                        {doc.flags.includes('overdue') && <span className="late-tag" data-testid="late-tag">{t('late')}</span>}
                        {doc.urgentLate && <span className="late-tag" data-testid="urgent-late-tag">{t('urgentLate', { days: String(doc.urgentLate.daysLate) })}</span>}
                      </td>
                      <td className="nowrap">{t(`state.${doc.state}` as IncomingKey)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
      </section>
      <aside className="detail-pane" aria-label={t('detail.label')}>
        {receiving ? (
          <ReceiveForm onCancel={() => setReceiving(false)}
            onReceived={(received) => { setReceiving(false); setTab('todo'); setSelected(received.id); void reload(); }} />
        ) : selected ? (
          <IncomingDetail id={selected} onChanged={() => void reload()} />
        ) : (
          <p className="muted detail-hint">{t('selectHint')}</p>
        )}
      </aside>
    </div>
  );
}
