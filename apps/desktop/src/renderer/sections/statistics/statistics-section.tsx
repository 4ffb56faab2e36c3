import type { MethodInput, StatisticsReportOutput } from '@eoffice/contract';
import { vietnamDate, vietnamYear } from '@eoffice/vietnamese';
import type { ChartConfiguration } from 'chart.js';
import { useEffect, useMemo, useState } from 'react';
import { connection } from '../../client';
import { errorText } from '../../format/error-text';
import { formatDateText } from '../../format/vietnam-date';
import { useMessages } from '../../i18n/define-messages';
import { useLanguage } from '../../i18n/i18n';
import { useAppStore } from '../../state/app-store';
import { ChartCanvas } from './chart-canvas';
import { statisticsMessages } from './statistics-messages';
import './statistics.css';

type Span = 'year' | 'quarter' | 'month';
type Load =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; report: StatisticsReportOutput; months: StatisticsReportOutput[] };

const NAVY = '#1c3d6e';
const GOLD = '#d39b1c';
const GREEN = '#2e8b57';
const RED = '#c0392b';
const ORANGE = '#e67e22';

const percent = (value: number | null, language: string) =>
  value === null ? null : new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(value);

/** Thống kê: the statistics service's figures for a year, a quarter or a month, drawn with Chart.js. */
export function StatisticsSection() {
  const t = useMessages(statisticsMessages);
  const language = useLanguage((s) => s.language);
  const changeCount = useAppStore((s) => s.changeCount);
  const today = vietnamDate(new Date());
  const thisYear = vietnamYear(new Date());
  const [year, setYear] = useState(thisYear);
  const [span, setSpan] = useState<Span>('year');
  const [quarter, setQuarter] = useState(Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1);
  const [month, setMonth] = useState(Number(today.slice(5, 7)));
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setLoad({ status: 'loading' });
    const input: MethodInput<'statistics', 'report'> = { year, ...(span === 'quarter' ? { quarter } : {}), ...(span === 'month' ? { month } : {}) };
    // The months of the period, each asked of the service, for the per-month chart.
    const monthsOf = span === 'year' ? [...Array(12).keys()].map((i) => i + 1) : span === 'quarter' ? [0, 1, 2].map((i) => (quarter - 1) * 3 + i + 1) : [month];
    const reportFor = connection.client.services.statistics.report;
    Promise.all([reportFor(input), Promise.all(monthsOf.map((m) => reportFor({ year, month: m })))])
      .then(([report, months]) => current && setLoad({ status: 'ready', report, months }))
      .catch((caught: unknown) => current && setLoad({ status: 'error', message: errorText(caught, language) }));
    return () => {
      current = false;
    };
  }, [year, span, quarter, month, changeCount, attempt, language]);

  const charts = useMemo(() => {
    if (load.status !== 'ready') return null;
    const { report, months } = load;
    const perMonth: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels: months.map((m) => t('monthLabel', { month: Number(m.period.from.slice(5, 7)) })),
        datasets: [
          { label: t('received'), data: months.map((m) => m.total.received), backgroundColor: NAVY },
          { label: t('issued'), data: months.map((m) => m.total.issued), backgroundColor: GOLD },
        ],
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    };
    const handling: ChartConfiguration<'doughnut'> = {
      type: 'doughnut',
      data: {
        labels: [t('onTime'), t('late'), t('overdue')],
        datasets: [{ data: [report.total.handledOnTime, report.total.handledLate, report.total.pendingOverdue], backgroundColor: [GREEN, RED, ORANGE] }],
      },
    };
    const byType: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels: report.byType.map((row) => row.typeName ?? row.type ?? t('typeUnknown')),
        datasets: [
          { label: t('received'), data: report.byType.map((row) => row.received), backgroundColor: NAVY },
          { label: t('issued'), data: report.byType.map((row) => row.issued), backgroundColor: GOLD },
        ],
      },
      options: { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
    };
    return { perMonth, handling, byType };
    // t changes with the language, which is in the dependencies through load's reload.
  }, [load]);

  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);
  const report = load.status === 'ready' ? load.report : null;
  const nothing = report !== null && report.total.received === 0 && report.total.issued === 0;
  const figure = (id: string, label: string, value: string | number | null) => (
    <div className="stat-card" data-testid={`stat-${id}`}>
      <div className="stat-value">{value ?? t('none')}</div>
      <div className="stat-label">{label}</div>
    </div>
  );

  return (
    <div className="statistics-section">
      <h1 className="section-title">{t('title')}</h1>
      <fieldset className="toolbar">
        <legend className="sr-only">{t('period')}</legend>
        <label className="field inline-field">
          <span>{t('year')}</span>
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>{years.map((y) => <option key={y} value={y}>{y}</option>)}</select>
        </label>
        <label className="field inline-field">
          <span>{t('span')}</span>
          <select value={span} onChange={(e) => setSpan(e.target.value as Span)}>
            {(['year', 'quarter', 'month'] as const).map((s) => <option key={s} value={s}>{t(`span.${s}`)}</option>)}
          </select>
        </label>
        {span === 'quarter' && (
          <label className="field inline-field">
            <span>{t('quarter')}</span>
            <select value={quarter} onChange={(e) => setQuarter(Number(e.target.value))}>{[1, 2, 3, 4].map((q) => <option key={q} value={q}>{q}</option>)}</select>
          </label>
        )}
        {span === 'month' && (
          <label className="field inline-field">
            <span>{t('month')}</span>
            <select value={month} onChange={(e) => setMonth(Number(e.target.value))}>{[...Array(12).keys()].map((m) => <option key={m + 1} value={m + 1}>{m + 1}</option>)}</select>
          </label>
        )}
        {report && <p className="muted period-text" data-testid="stat-period">{t('periodText', { from: formatDateText(report.period.from), to: formatDateText(report.period.to) })}</p>}
      </fieldset>

      {load.status === 'loading' && <p className="muted" role="status">{t('loading')}</p>}
      {load.status === 'error' && (
        <div className="inline-error" role="alert">
          {t('error', { reason: load.message })} <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>{t('retry')}</button>
        </div>
      )}
      {report && (
        <div className="stat-cards">
          {figure('received', t('received'), report.total.received)}
          {figure('issued', t('issued'), report.total.issued)}
          {figure('on-time', t('onTime'), report.total.handledOnTime)}
          {figure('late', t('late'), report.total.handledLate)}
          {figure('overdue', t('overdue'), report.total.pendingOverdue)}
          {figure('electronic', t('electronic'), percent(report.total.electronicShare, language))}
        </div>
      )}
      {nothing && <div className="empty-inline" data-testid="stat-empty"><h2>{t('empty')}</h2><p>{t('emptyBody')}</p></div>}
      {report && charts && !nothing && (
        <div className="stat-charts">
          <section className="chart-panel wide-panel" aria-label={t('perMonth')}>
            <h2>{t('perMonth')}</h2>
            <ChartCanvas config={charts.perMonth} label={t('perMonth')} testId="chart-per-month" />
          </section>
          <section className="chart-panel" aria-label={t('handling')}>
            <h2>{t('handling')}</h2>
            <ChartCanvas config={charts.handling} label={t('handling')} testId="chart-handling" />
          </section>
          <section className="chart-panel" aria-label={t('byType')}>
            <h2>{t('byType')}</h2>
            <ChartCanvas config={charts.byType} label={t('byType')} testId="chart-by-type" />
          </section>
          <section className="chart-panel wide-panel" aria-label={t('byLevel')}>
            <h2>{t('byLevel')}</h2>
            <table className="data-table" role="grid" aria-label={t('byLevel')} data-testid="stat-by-level">
              <thead>
                <tr>
                  {(['col.group', 'col.received', 'col.issued', 'col.onTime', 'col.late', 'col.electronic'] as const).map((k) => <th key={k} scope="col">{t(k)}</th>)}
                </tr>
              </thead>
              <tbody>
                {[...report.byLevel.map((row) => ({ ...row, name: row.level === null ? t('levelUnknown') : t('level', { level: row.level }) })),
                  ...report.byType.map((row) => ({ ...row, name: row.typeName ?? row.type ?? t('typeUnknown') }))].map((row, index) => (
                  <tr key={index} data-testid="stat-row">
                    <td>{row.name}</td>
                    <td className="num">{row.received}</td>
                    <td className="num">{row.issued}</td>
                    <td className="num">{row.handledOnTime}</td>
                    <td className="num">{row.handledLate}</td>
                    <td className="num">{percent(row.electronicShare, language) ?? t('none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </div>
  );
}
