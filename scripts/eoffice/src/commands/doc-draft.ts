import { CliError, type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { printDocument } from './document-output.js';
import { defined, documentMetadataOptions, listOption, requiredString, secrecyOption, stringOption, urgencyOption, wholeNumberOption } from './option-values.js';

const AUTHORITIES = ['TM', 'KT', 'TL', 'TUQ', 'Q'] as const;

/** `--authority KT` (or "KT."): thẩm quyền ký; left out when the head signs in their own right. */
function authorityOption(values: CommandContext['values']): (typeof AUTHORITIES)[number] | undefined {
  const text = stringOption(values, 'authority');
  if (text === undefined) return undefined;
  const form = text.trim().replace(/\.$/, '').toUpperCase();
  const found = AUTHORITIES.find((a) => a === form);
  if (!found) throw new CliError('E_INVALID_INPUT', `--authority phải là TM, KT, TL, TUQ hoặc Q / --authority must be TM, KT, TL, TUQ or Q: ${text}`);
  return found;
}

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
    authority: authorityOption(v),
    dueDate: stringOption(v, 'due'),
    dueInWorkingDays: wholeNumberOption(v, 'due-in'),
    direction: v.internal === true ? 'internal' : 'outgoing',
    ...documentMetadataOptions(v),
  });
  const doc = await withServices(context, (client) =>
    client.services.documents.draft(input as Parameters<typeof client.services.documents.draft>[0]),
  );
  printDocument(context, doc);
  return 0;
}
