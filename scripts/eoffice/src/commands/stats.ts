import type { StatisticsReportOutput } from '@eoffice/contract';
import { type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { defined, stringOption, wholeNumberOption } from './option-values.js';

function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

type Row = StatisticsReportOutput['total'];

/**
 * Every figure of the JSON, in the JSON's order, one column each: a table that leaves one out reads as a zero (a
 * review saw "0 trễ" here while the JSON had 11 overdue). cli-stats.test.ts compares the two figure by figure.
 */
const COLUMNS: ReadonlyArray<readonly [heading: string, width: number, cell: (r: Row) => string]> = [
  ['Đến', 7, (r) => String(r.received)],
  ['Đi', 7, (r) => String(r.issued)],
  ['Đúng hạn', 9, (r) => String(r.handledOnTime)],
  ['Trễ hạn', 8, (r) => String(r.handledLate)],
  ['Quá hạn', 8, (r) => String(r.pendingOverdue)],
  ['% trễ', 7, (r) => percent(r.lateRate)],
  ['Điện tử', 8, (r) => String(r.fullyElectronic)],
  ['% điện tử', 10, (r) => percent(r.electronicShare)],
];
const LABEL_WIDTH = 22;

export function statisticsTable(report: StatisticsReportOutput): string {
  const row = (label: string, r: Row) => `${label.padEnd(LABEL_WIDTH)}${COLUMNS.map(([, width, cell]) => cell(r).padStart(width)).join(' ')}`;
  const directory = report.directory;
  return [
    `Thống kê văn bản ${report.period.from} – ${report.period.to} / document statistics`,
    `${''.padEnd(LABEL_WIDTH)}${COLUMNS.map(([heading, width]) => heading.padStart(width)).join(' ')}`,
    row('Tổng', report.total),
    ...report.byType.map((r) => row(r.typeName ?? r.type ?? '(khác)', r)),
    ...report.byLevel.map((r) => row(r.level === null ? 'Cấp ?' : `Cấp ${r.level}`, r)),
    `Trễ hạn: hoàn thành sau hạn; Quá hạn: chưa xong, đã quá hạn / late: finished after the due date; overdue: still open past it`,
    `Đầu mối: ${directory.endpoints}${directory.byLevel.length ? ` (${directory.byLevel.map((l) => `cấp ${l.level}: ${l.endpoints}`).join(', ')})` : ''} / endpoints`,
  ].join('\n');
}

export async function runStats(context: CommandContext): Promise<number> {
  const input = defined({
    year: wholeNumberOption(context.values, 'year'),
    quarter: wholeNumberOption(context.values, 'quarter'),
    month: wholeNumberOption(context.values, 'month'),
    from: stringOption(context.values, 'from'),
    to: stringOption(context.values, 'to'),
    level: wholeNumberOption(context.values, 'level'),
  });
  const report = await withServices(context, (client) => client.services.statistics.report(input));
  context.io.stdout(`${context.json ? JSON.stringify(report) : statisticsTable(report)}\n`);
  return 0;
}
