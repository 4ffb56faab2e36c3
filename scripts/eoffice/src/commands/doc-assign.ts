import { ACTOR_OPTIONS, STORE_OPTIONS, type Command } from '../command.js';
import { withServices } from '../store-options.js';
import { printDocument } from './document-output.js';
import { defined, listOption, requiredString, stringOption } from './option-values.js';

export const docAssignCommand: Command = {
  name: 'doc assign',
  summary: 'Phân công xử lý: chủ trì, phối hợp, để biết / assign handling',
  usage: 'doc assign <id> --lead USER [--support USER]... [--inform USER]... --due YYYY-MM-DD [--note T] --as USER [--data-dir DIR] [--json]',
  options: {
    ...STORE_OPTIONS,
    ...ACTOR_OPTIONS,
    lead: { type: 'string' },
    support: { type: 'string', multiple: true },
    inform: { type: 'string', multiple: true },
    due: { type: 'string' },
    note: { type: 'string' },
  },
  positionals: [1, 1],
  async run(context) {
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
  },
};

export const docExtendCommand: Command = {
  name: 'doc extend',
  summary: 'Gia hạn xử lý (lưu lịch sử gia hạn) / extend the handling deadline',
  usage: 'doc extend <id> --due YYYY-MM-DD --reason T --as USER [--data-dir DIR] [--json]',
  options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, due: { type: 'string' }, reason: { type: 'string' } },
  positionals: [1, 1],
  async run(context) {
    const input = { id: context.positionals[0] as string, dueDate: requiredString(context.values, 'due'), reason: requiredString(context.values, 'reason') };
    const doc = await withServices(context, (client) => client.services.documents.extendDeadline(input));
    printDocument(context, doc);
    return 0;
  },
};
