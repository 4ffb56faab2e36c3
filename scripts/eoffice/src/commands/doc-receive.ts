import { ACTOR_OPTIONS, STORE_OPTIONS, type Command } from '../command.js';
import { withServices } from '../store-options.js';
import { printDocument } from './document-output.js';
import { defined, listOption, requiredString, secrecyOption, stringOption, urgencyOption } from './option-values.js';

export const docReceiveCommand: Command = {
  name: 'doc receive',
  summary: 'Tiếp nhận văn bản đến (tệp điện tử hoặc bản giấy quét) / receive an incoming document',
  usage:
    'doc receive --file F.pdf [--attach F]... [--paper] --from <OrganId> [--from-name T] --number N --symbol S --date YYYY-MM-DD ' +
    '--type <abbr|name> --subject TEXT [--urgency U] [--secrecy S] [--due YYYY-MM-DD] --as USER [--data-dir DIR] [--json]',
  options: {
    ...STORE_OPTIONS,
    ...ACTOR_OPTIONS,
    file: { type: 'string' },
    attach: { type: 'string', multiple: true },
    paper: { type: 'boolean' },
    from: { type: 'string' },
    'from-name': { type: 'string' },
    number: { type: 'string' },
    symbol: { type: 'string' },
    date: { type: 'string' },
    type: { type: 'string' },
    subject: { type: 'string' },
    urgency: { type: 'string' },
    secrecy: { type: 'string' },
    due: { type: 'string' },
    signer: { type: 'string' },
  },
  async run(context) {
    const v = context.values;
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
      signerName: stringOption(v, 'signer'),
    });
    const doc = await withServices(context, (client) =>
      client.services.documents.receive(input as Parameters<typeof client.services.documents.receive>[0]),
    );
    printDocument(context, doc);
    return 0;
  },
};
