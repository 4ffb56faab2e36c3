import { CliError, type CommandContext, type OptionValues } from '../command.js';
import { withServices } from '../store-options.js';
import { printDocument } from './document-output.js';
import { defined, listOption, requiredString, stringOption, wholeNumberOption } from './option-values.js';

/** `--due YYYY-MM-DD` (a working day) or `--due-in N` (N working days from today, on the agency's calendar). */
function dueOptions(values: OptionValues): { dueDate?: string; dueInWorkingDays?: number } {
  const due = defined({ dueDate: stringOption(values, 'due'), dueInWorkingDays: wholeNumberOption(values, 'due-in') });
  if (due.dueDate === undefined && due.dueInWorkingDays === undefined) {
    throw new CliError('E_USAGE', 'Thiếu --due YYYY-MM-DD hoặc --due-in N (ngày làm việc) / --due or --due-in is required');
  }
  return due;
}

export async function runDocAssign(context: CommandContext): Promise<number> {
  const v = context.values;
  const input = {
    id: context.positionals[0] as string,
    lead: requiredString(v, 'lead'),
    support: listOption(v, 'support'),
    inform: listOption(v, 'inform'),
    ...dueOptions(v),
    ...defined({ note: stringOption(v, 'note') }),
  };
  const doc = await withServices(context, (client) => client.services.documents.assign(input));
  printDocument(context, doc);
  return 0;
}

export async function runDocExtend(context: CommandContext): Promise<number> {
  const input = { id: context.positionals[0] as string, ...dueOptions(context.values), reason: requiredString(context.values, 'reason') };
  const doc = await withServices(context, (client) => client.services.documents.extendDeadline(input));
  printDocument(context, doc);
  return 0;
}
