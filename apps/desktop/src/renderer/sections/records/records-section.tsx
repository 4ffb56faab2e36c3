import type { RecordFileView } from '@eoffice/contract';
import { vietnamYear } from '@eoffice/vietnamese';
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { connection } from '../../client';
import { useMessages } from '../../i18n/define-messages';
import { useAppStore } from '../../state/app-store';
import { OpenFileForm } from './open-file-form';
import { periodText, retentionText } from './record-labels';
import { RecordFileDetail } from './record-file-detail';
import { recordsMessages, type RecordsKey } from './records-messages';

type Tab = 'open' | 'closed' | 'archived' | 'all';
const TABS: readonly Tab[] = ['open', 'closed', 'archived', 'all'];

type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; files: RecordFileView[] };

/**
 * Hồ sơ: the record files the user may see (a secret file stays out of view, as the service decides), by year and
 * state, each with its document index; a finished document is filed into an open file from its detail.
 */
export function RecordsSection() {
  const t = useMessages(recordsMessages);
  const changeCount = useAppStore((s) => s.changeCount);
  const thisYear = vietnamYear(new Date());
  const [year, setYear] = useState<number | 'all'>(thisYear);
  const [tab, setTab] = useState<Tab>('open');
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [selected, setSelected] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  // Bumped when a document is filed, so the list's document counts follow the detail.
  const [filedCount, setFiledCount] = useState(0);

  const reload = useCallback(async () => {
    try {
      const { files } = await connection.client.services.records.list(year === 'all' ? {} : { year });
      setLoad({ status: 'ready', files });
    } catch {
      setLoad({ status: 'error' });
    }
  }, [year]);
  useEffect(() => void reload(), [reload, changeCount, filedCount]);

  const files = load.status === 'ready' ? load.files : [];
  const inTab = (which: Tab) => (which === 'all' ? files : files.filter((f) => f.state === which));
  const shown = inTab(tab);
  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = TABS[(index + step + TABS.length) % TABS.length]!;
    setTab(next);
    document.getElementById(`records-tab-${next}`)?.focus();
  }
  function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, index: number, id: string) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      setOpening(false);
      setSelected(id);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const rows = (event.currentTarget.parentElement?.children ?? []) as HTMLCollectionOf<HTMLElement>;
      rows[index + (event.key === 'ArrowDown' ? 1 : -1)]?.focus();
    }
  }

  return (
    <div className="split-section">
      <section className="list-pane" aria-labelledby="records-title">
        <div className="section-head">
          <h1 className="section-title" id="records-title">{t('title')}</h1>
          <div className="action-row">
            <label className="field inline-field inline-select">
              <span>{t('year')}</span>
              <select value={year} onChange={(e) => setYear(e.target.value === 'all' ? 'all' : Number(e.target.value))} data-testid="records-year">
                <option value="all">{t('year.all')}</option>
                {years.map((y) => <option key={y} value={y}>{y}</option>)}
              </select>
            </label>
            <button type="button" className="button primary" onClick={() => { setSelected(null); setOpening(true); }}>{t('openFile')}</button>
          </div>
        </div>
        <div className="tabs" role="tablist" aria-label={t('tabsLabel')}>
          {TABS.map((id, index) => (
            <button key={id} id={`records-tab-${id}`} type="button" role="tab" aria-selected={tab === id} tabIndex={tab === id ? 0 : -1}
              className={tab === id ? 'tab active' : 'tab'} onClick={() => setTab(id)} onKeyDown={(e) => onTabKey(e, index)}>
              {t(`tab.${id}` as RecordsKey)} <span className="tab-count">{inTab(id).length}</span>
            </button>
          ))}
        </div>
        <div role="tabpanel" aria-labelledby={`records-tab-${tab}`} className="table-wrap">
          {load.status === 'loading' && <p className="muted">…</p>}
          {load.status === 'error' && (
            <div className="inline-error" role="alert">{t('loadError')} <button type="button" className="button" onClick={() => void reload()}>{t('retry')}</button></div>
          )}
          {load.status === 'ready' && files.length === 0 && (
            <div className="empty-inline"><h2>{t('empty')}</h2><p>{t('emptyBody')}</p></div>
          )}
          {load.status === 'ready' && files.length > 0 && shown.length === 0 && <p className="empty-inline">{t('emptyTab')}</p>}
          {shown.length > 0 && (
            <table className="data-table" role="grid" aria-label={t('listLabel')} data-testid="records-table">
              <thead>
                <tr>
                  <th scope="col">{t('col.code')}</th>
                  <th scope="col" className="wide">{t('col.title')}</th>
                  <th scope="col">{t('col.retention')}</th>
                  <th scope="col" className="num">{t('col.docs')}</th>
                  <th scope="col">{t('col.period')}</th>
                  <th scope="col">{t('col.state')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((file, index) => (
                  <tr key={file.id} className={file.id === selected ? 'row selected' : 'row'} tabIndex={0} aria-selected={file.id === selected}
                    data-testid="records-row" data-id={file.id}
                    onClick={() => { setOpening(false); setSelected(file.id); }} onKeyDown={(e) => onRowKey(e, index, file.id)}>
                    <td className="nowrap" title={file.fileCode}>{file.fileCatalog}/{file.fileNotation}</td>
                    <td className="wide">{file.title}</td>
                    <td className="nowrap">{retentionText(t, file.retention)}</td>
                    <td className="num" data-testid="records-doc-total">{file.docTotal}</td>
                    <td className="nowrap">{periodText(file)}</td>
                    <td className="nowrap">{t(`state.${file.state}` as RecordsKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </section>
      {/* Focusable: the pane scrolls (a long index and the long-term table), and a keyboard must be able to scroll it. */}
      <aside className="detail-pane" aria-label={t('detail.label')} tabIndex={0}>
        {opening ? (
          <OpenFileForm year={year === 'all' ? thisYear : year} onCancel={() => setOpening(false)}
            onOpened={(file) => { setOpening(false); setTab('open'); setSelected(file.id); void reload(); }} />
        ) : selected ? (
          <RecordFileDetail id={selected} onFiled={() => setFiledCount((n) => n + 1)} />
        ) : (
          <p className="muted detail-hint">{t('selectHint')}</p>
        )}
      </aside>
    </div>
  );
}
