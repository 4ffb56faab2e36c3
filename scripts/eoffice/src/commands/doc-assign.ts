import { type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { printDocument } from './document-output.js';
import { defined, listOption, requiredString, stringOption } from './option-values.js';

export async function runDocAssign(context: CommandContext): Promise<number> {
  const v = context.values;
  const input = {
    id: context.positionals[0] as string,
    lead: requiredString(v, 'lead'),
    support: listOption(v, 'support'),
    inform: listOption(v, 'inform'),
    dueDate: requiredString(v, 'due'),
    ...defined({ note: stringOption(v, 'note') }),
  };
  const doc = await withServices(context, (client) => client.services.documents.assign(input));
  printDocument(context, doc);
  return 0;
}

export async function runDocExtend(context: CommandContext): Promise<number> {
  const input = { id: context.positionals[0] as string, dueDate: requiredString(context.values, 'due'), reason: requiredString(context.values, 'reason') };
  const doc = await withServices(context, (client) => client.services.documents.extendDeadline(input));
  printDocument(context, doc);
  return 0;
}
