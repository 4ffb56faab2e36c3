import { CliError, type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { requiredString, stringOption } from './option-values.js';

const WEEKDAYS = ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'];

function dayMonth(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

export async function runCalendarList(context: CommandContext): Promise<number> {
  const yearText = requiredString(context.values, 'year');
  if (!/^\d{4}$/.test(yearText)) throw new CliError('E_INVALID_INPUT', `--year phải là năm 4 chữ số / --year must be a 4-digit year: ${yearText}`);
  const calendar = await withServices(context, (client) => client.services.calendar.list({ year: Number(yearText) }));
  if (context.json) {
    context.io.stdout(`${JSON.stringify(calendar)}\n`);
    return 0;
  }
  const lines = [
    `Lịch làm việc năm ${yearText} / working-day calendar`,
    `Nghỉ cuối tuần / weekend: ${calendar.weekend.map((d) => WEEKDAYS[d]).join(', ')}`,
    'Ngày lễ cố định / fixed holidays:',
    ...calendar.fixedHolidays.map((h) => `  ${String(h.day).padStart(2, '0')}/${String(h.month).padStart(2, '0')}  ${h.name}`),
    'Ngày đã nhập / entered days:',
    ...(calendar.days.length === 0 ? ['  (chưa có / none)'] : calendar.days.map((d) => `  ${dayMonth(d.date)}  ${d.kind === 'holiday' ? 'nghỉ' : 'làm bù'}  ${d.name}`)),
  ];
  context.io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

export async function runCalendarSet(context: CommandContext): Promise<number> {
  const { values } = context;
  if (values.holiday === values.working) {
    throw new CliError('E_USAGE', 'Chọn một trong --holiday hoặc --working / give exactly one of --holiday or --working');
  }
  const input = { date: context.positionals[0] as string, kind: values.holiday ? ('holiday' as const) : ('working' as const), name: stringOption(values, 'name') ?? '' };
  const day = await withServices(context, (client) => client.services.calendar.setDay(input));
  context.io.stdout(context.json ? `${JSON.stringify(day)}\n` : `Đã lưu / saved: ${dayMonth(day.date)} ${day.kind === 'holiday' ? 'nghỉ' : 'làm bù'} — ${day.name}\n`);
  return 0;
}

export async function runCalendarRemove(context: CommandContext): Promise<number> {
  const date = context.positionals[0] as string;
  const result = await withServices(context, (client) => client.services.calendar.removeDay({ date }));
  if (!result.removed) throw new CliError('E_NOT_FOUND', `Ngày ${date} chưa được nhập / ${date} is not in the calendar`);
  context.io.stdout(context.json ? `${JSON.stringify(result)}\n` : `Đã bỏ / removed: ${dayMonth(date)}\n`);
  return 0;
}
