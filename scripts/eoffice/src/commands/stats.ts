import type { StatisticsReportOutput } from '@eoffice/contract';
import { type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { defined, stringOption, wholeNumberOption } from './option-values.js';

function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

function table(report: StatisticsReportOutput): string {
  const row = (label: string, r: StatisticsReportOutput['total']) =>
    `${label.padEnd(12)} ${String(r.received).padStart(7)} ${String(r.issued).padStart(7)} ${String(r.handledOnTime).padStart(8)} ` +
    `${String(r.handledLate).padStart(6)} ${percent(r.lateRate).padStart(7)} ${percent(r.electronicShare).padStart(8)}`;
  return [
    `Thống kê văn bản ${report.period.from} – ${report.period.to} / document statistics`,
    `${''.padEnd(12)} ${'Đến'.padStart(7)} ${'Đi'.padStart(7)} ${'Đúng hạn'.padStart(8)} ${'Trễ'.padStart(6)} ${'% trễ'.padStart(7)} ${'% điện tử'.padStart(8)}`,
    row('Tổng', report.total),
    ...report.byType.map((r) => row(r.type ?? '(khác)', r)),
    ...report.byLevel.map((r) => row(r.level === null ? 'Cấp ?' : `Cấp ${r.level}`, r)),
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
  context.io.stdout(`${context.json ? JSON.stringify(report) : table(report)}\n`);
  return 0;
}
