import { type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { printDocument } from './document-output.js';
import { defined, listOption, requiredString, secrecyOption, stringOption, urgencyOption } from './option-values.js';

export async function runDocDraft(context: CommandContext): Promise<number> {
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
}
