import type { DocumentView } from '@eoffice/contract';
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { connection } from '../../client';
import { OrganName } from '../../components/organ-name';
import { formatDateTime } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useAppStore } from '../../state/app-store';
import { hasAnyRole, useSession } from '../../state/session-store';
import { BatchSignBar } from '../signing/batch-sign-bar';
import { SignDialog, type SignKind } from '../signing/sign-dialog';
import { DraftForm } from './draft-form';
import { OutgoingDetail } from './outgoing-detail';
import { outgoingMessages, type OutgoingKey } from './outgoing-messages';

type Mode = 'drafts' | 'outgoing';
type Tab = 'mine' | 'waiting' | 'approved' | 'issue' | 'sent' | 'all';

/** Which lifecycle states each tab holds (lifecycle.ts, OUTGOING_RULES): drafts until signed, then the clerk's part. */
const TAB_STATES: Record<Exclude<Tab, 'all'>, readonly string[]> = {
  mine: ['draft', 'returned'],
  waiting: ['submitted'],
  approved: ['approved'],
  issue: ['signed', 'issuing', 'issued'],
  sent: ['dispatched', 'archived', 'recalled'],
};
const MODE_TABS: Record<Mode, readonly Tab[]> = { drafts: ['mine', 'waiting', 'approved', 'all'], outgoing: ['issue', 'sent', 'all'] };
const MODE_STATES: Record<Mode, readonly string[]> = {
  drafts: ['draft', 'returned', 'submitted', 'approved'],
  outgoing: ['signed', 'issuing', 'issued', 'dispatched', 'archived', 'recalled'],
};

type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; documents: DocumentView[] };

function OutgoingList({ mode }: { mode: Mode }) {
  const t = useMessages(outgoingMessages);
  const changeCount = useAppStore((s) => s.changeCount);
  const user = useSession((s) => s.user);
  const tabs = MODE_TABS[mode];
  // A leader opens the drafts on what waits for them; everyone else on their own.
  const [tab, setTab] = useState<Tab>(mode === 'drafts' && hasAnyRole(user, ['leader']) ? 'waiting' : tabs[0]!);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  // The sign dialog lives here, not in the detail or the batch bar: signing changes the documents' state, which
  // removes those from view, and the dialog must stay open to show each document's result.
  const [signing, setSigning] = useState<{ documents: readonly DocumentView[]; kind: SignKind } | null>(null);
  // Bumped when a signing settles, so the open detail shows the document's new state and signatures at once.
  const [signedCount, setSignedCount] = useState(0);

  const reload = useCallback(async () => {
    try {
      const { documents } = await connection.client.services.documents.list({ direction: 'outgoing', limit: 1000 });
      setLoad({ status: 'ready', documents: documents.filter((d) => MODE_STATES[mode].includes(d.state)) });
    } catch {
      setLoad({ status: 'error' });
    }
  }, [mode]);
  useEffect(() => void reload(), [reload, changeCount]);

  // A search result opened here: show it whatever its state (the "all" tab holds every one).
  const openRequest = useAppStore((s) => s.openRequest);
  useEffect(() => {
    if (openRequest?.section !== mode) return;
    useAppStore.getState().openHandled();
    setTab('all');
    setCreating(false);
    setSelected(openRequest.id);
  }, [openRequest, mode]);

  const documents = load.status === 'ready' ? load.documents : [];
  const inTab = (which: Tab) => (which === 'all' ? documents : documents.filter((d) => TAB_STATES[which].includes(d.state)));
  const shown = inTab(tab);
  // Batch signing: a leader ticks approved documents and signs them with one PIN.
  const batchable = mode === 'drafts' && hasAnyRole(user, ['leader']);
  const batch = documents.filter((d) => picked.has(d.id) && d.state === 'approved');

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = tabs[(index + step + tabs.length) % tabs.length]!;
    setTab(next);
    document.getElementById(`${mode}-tab-${next}`)?.focus();
  }
  function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, index: number, id: string) {
    if (event.key === 'Enter') {
      event.preventDefault();
      setCreating(false);
      setSelected(id);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const rows = (event.currentTarget.parentElement?.children ?? []) as HTMLCollectionOf<HTMLElement>;
      rows[index + (event.key === 'ArrowDown' ? 1 : -1)]?.focus();
    }
  }
  const togglePick = (id: string) => setPicked((current) => {
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  return (
    <div className="split-section">
      <section className="list-pane" aria-labelledby={`${mode}-title`}>
        <div className="section-head">
          <h1 className="section-title" id={`${mode}-title`}>{t(`title.${mode}` as OutgoingKey)}</h1>
          {mode === 'drafts' && (
            <button type="button" className="button primary" onClick={() => { setSelected(null); setCreating(true); }}>{t('newDraft')}</button>
          )}
        </div>
        <div className="tabs" role="tablist" aria-label={t('tabsLabel')}>
          {tabs.map((id, index) => (
            <button key={id} id={`${mode}-tab-${id}`} type="button" role="tab" aria-selected={tab === id} tabIndex={tab === id ? 0 : -1}
              className={tab === id ? 'tab active' : 'tab'} onClick={() => setTab(id)} onKeyDown={(e) => onTabKey(e, index)}>
              {t(`tab.${id}` as OutgoingKey)} <span className="tab-count">{inTab(id).length}</span>
            </button>
          ))}
        </div>
        {batchable && batch.length > 0 && <BatchSignBar documents={batch} onSign={() => setSigning({ documents: batch, kind: 'person' })} />}
        <div role="tabpanel" aria-labelledby={`${mode}-tab-${tab}`} className="table-wrap">
          {load.status === 'loading' && <p className="muted">…</p>}
          {load.status === 'error' && (
            <div className="inline-error" role="alert">{t('loadError')} <button type="button" className="button" onClick={() => void reload()}>↻</button></div>
          )}
          {load.status === 'ready' && documents.length === 0 && (
            <div className="empty-inline"><h2>{t('empty')}</h2>{mode === 'drafts' && <p>{t('emptyBody')}</p>}</div>
          )}
          {load.status === 'ready' && documents.length > 0 && shown.length === 0 && <p className="empty-inline">{t('emptyTab')}</p>}
          {shown.length > 0 && (
            <table className="data-table" role="grid" aria-label={t('listLabel')} data-testid="outgoing-table">
              <thead>
                <tr>
                  {batchable && <th scope="col"><span className="sr-only">{t('action.sign')}</span></th>}
                  <th scope="col">{t('col.code')}</th>
                  <th scope="col">{t('col.type')}</th>
                  <th scope="col" className="wide">{t('col.subject')}</th>
                  <th scope="col">{t('col.to')}</th>
                  <th scope="col">{t('col.updated')}</th>
                  <th scope="col">{t('col.state')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((doc, index) => (
                  <tr key={doc.id} className={['row', doc.id === selected ? 'selected' : '', `urgency-${doc.urgency}`].join(' ')} tabIndex={0}
                    aria-selected={doc.id === selected} data-testid="outgoing-row" data-id={doc.id}
                    onClick={() => { setCreating(false); setSelected(doc.id); }} onKeyDown={(e) => onRowKey(e, index, doc.id)}>
                    {batchable && (
                      <td onClick={(e) => e.stopPropagation()}>
                        {doc.state === 'approved' && (
                          <input type="checkbox" aria-label={`${t('action.sign')}: ${doc.subject ?? doc.id}`} checked={picked.has(doc.id)} onChange={() => togglePick(doc.id)} />
                        )}
                      </td>
                    )}
                    <td className="nowrap">{[doc.number, doc.symbol].filter(Boolean).join('/') || '—'}</td>
                    <td className="nowrap">{doc.typeName ?? doc.type}</td>
                    <td className="wide">
                      {doc.urgency !== 'normal' && <span className={`urgency-tag ${doc.urgency}`}>{t(`urgency.${doc.urgency}` as OutgoingKey)}</span>}
                      {doc.subject}
                    </td>
                    <td>{doc.recipients.map((r, i) => <span key={r.organId}>{i > 0 && '; '}<OrganName name={r.name} code={r.organId} /></span>)}</td>
                    <td className="nowrap">{formatDateTime(doc.updatedAt)}</td>
                    <td className="nowrap">{t(`state.${doc.state}` as OutgoingKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </section>
      <aside className="detail-pane" aria-label={t('detail.label')}>
        {creating ? (
          <DraftForm onCancel={() => setCreating(false)} onCreated={(created) => { setCreating(false); setTab('mine'); setSelected(created.id); void reload(); }} />
        ) : selected ? (
          <OutgoingDetail id={selected} refresh={signedCount} onChanged={() => void reload()} onSign={(document, kind) => setSigning({ documents: [document], kind })} />
        ) : (
          <p className="muted detail-hint">{t('selectHint')}</p>
        )}
      </aside>
      {signing && (
        <SignDialog documents={signing.documents} kind={signing.kind} onSigned={() => { setSignedCount((n) => n + 1); void reload(); }}
          onClose={() => { setSigning(null); setPicked(new Set()); void reload(); }} />
      )}
    </div>
  );
}

export const DraftsSection = () => <OutgoingList mode="drafts" />;
export const OutgoingSection = () => <OutgoingList mode="outgoing" />;
