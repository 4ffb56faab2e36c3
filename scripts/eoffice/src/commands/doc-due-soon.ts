import { CliError, type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { stringOption } from './option-values.js';

/** `doc due-soon [--within N]`: đôn đốc, the assignments due within N working days (3 by default). */
export async function runDocDueSoon(context: CommandContext): Promise<number> {
  const text = stringOption(context.values, 'within') ?? '3';
  if (!/^\d{1,2}$/.test(text)) throw new CliError('E_INVALID_INPUT', `--within phải là số ngày làm việc / --within must be a number of working days: ${text}`);
  const { entries } = await withServices(context, (client) => client.services.documents.dueSoon({ withinWorkingDays: Number(text) }));
  if (context.json) {
    context.io.stdout(`${JSON.stringify(entries)}\n`);
    return 0;
  }
  if (entries.length === 0) context.io.stdout(`Không có việc đến hạn trong ${text} ngày làm việc / nothing due within ${text} working days\n`);
  for (const e of entries) {
    const [y, m, d] = e.dueDate.split('-');
    context.io.stdout(`${d}/${m}/${y}  còn ${e.workingDaysLeft} ngày làm việc  ${e.assignee} (${e.role})  ${e.subject ?? ''}  [${e.documentId}]\n`);
  }
  return 0;
}
