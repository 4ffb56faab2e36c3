import { type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { printDocument } from './document-output.js';
import { defined, documentMetadataOptions, listOption, requiredString, secrecyOption, stringOption, urgencyOption, wholeNumberOption } from './option-values.js';

export async function runDocReceive(context: CommandContext): Promise<number> {
  const v = context.values;
  if (v.suggest === true) return (await import('./ocr.js')).runReceiveSuggest(context);
  const input = defined({
    file: { path: requiredString(v, 'file') },
    attachments: listOption(v, 'attach').map((path) => ({ path })),
    source: v.paper === true ? 'paper' : 'file',
    from: requiredString(v, 'from'),
    fromName: stringOption(v, 'from-name'),
    number: requiredString(v, 'number'),
    symbol: requiredString(v, 'symbol'),
    issuedDate: requiredString(v, 'date'),
    type: requiredString(v, 'type'),
    subject: requiredString(v, 'subject'),
    urgency: urgencyOption(v),
    secrecy: secrecyOption(v),
    dueDate: stringOption(v, 'due'),
    dueInWorkingDays: wholeNumberOption(v, 'due-in'),
    signerName: stringOption(v, 'signer'),
    signerPosition: stringOption(v, 'signer-position'),
    ...documentMetadataOptions(v),
  });
  const doc = await withServices(context, (client) =>
    client.services.documents.receive(input as Parameters<typeof client.services.documents.receive>[0]),
  );
  printDocument(context, doc);
  return 0;
}
