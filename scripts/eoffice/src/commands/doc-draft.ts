import { ACTOR_OPTIONS, STORE_OPTIONS, type Command } from '../command.js';
import { withServices } from '../store-options.js';
import { printDocument } from './document-output.js';
import { defined, listOption, requiredString, secrecyOption, stringOption, urgencyOption } from './option-values.js';

export const docDraftCommand: Command = {
  name: 'doc draft',
  summary: 'Tạo dự thảo văn bản đi / draft an outgoing document',
  usage:
    'doc draft --type <abbr|name> --subject TEXT --file F.pdf [--attach F]... [--to <OrganId>]... [--urgency U] [--secrecy S] ' +
    '[--signer USER] [--due YYYY-MM-DD] [--internal] --as USER [--data-dir DIR] [--json]',
  options: {
    ...STORE_OPTIONS,
    ...ACTOR_OPTIONS,
    type: { type: 'string' },
    subject: { type: 'string' },
    file: { type: 'string' },
    attach: { type: 'string', multiple: true },
    to: { type: 'string', multiple: true },
    urgency: { type: 'string' },
    secrecy: { type: 'string' },
    signer: { type: 'string' },
    due: { type: 'string' },
    internal: { type: 'boolean' },
  },
  async run(context) {
    const v = context.values;
    const input = defined({
      type: requiredString(v, 'type'),
      subject: requiredString(v, 'subject'),
      file: { path: requiredString(v, 'file') },
      attachments: listOption(v, 'attach').map((path) => ({ path })),
      to: listOption(v, 'to'),
      urgency: urgencyOption(v),
      secrecy: secrecyOption(v),
      signer: stringOption(v, 'signer'),
      dueDate: stringOption(v, 'due'),
      direction: v.internal === true ? 'internal' : 'outgoing',
    });
    const doc = await withServices(context, (client) =>
      client.services.documents.draft(input as Parameters<typeof client.services.documents.draft>[0]),
    );
    printDocument(context, doc);
    return 0;
  },
};
