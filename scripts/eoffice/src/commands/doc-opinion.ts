import type { CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { printDocument } from './document-output.js';
import { requiredString } from './option-values.js';

/** `eoffice doc opinion <id> --text T`: ý kiến phối hợp, recorded on the caller's supporting assignment. */
export async function runDocOpinion(context: CommandContext): Promise<number> {
  const input = { id: context.positionals[0] as string, text: requiredString(context.values, 'text') };
  const doc = await withServices(context, (client) => client.services.documents.giveOpinion(input));
  printDocument(context, doc);
  return 0;
}
