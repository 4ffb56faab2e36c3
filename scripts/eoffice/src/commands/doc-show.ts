import { type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { documentLine, printDocument } from './document-output.js';
import { defined, directionOption, stringOption } from './option-values.js';

export async function runDocShow(context: CommandContext): Promise<number> {
  const doc = await withServices(context, (client) => client.services.documents.show({ id: context.positionals[0] as string }));
  printDocument(context, doc);
  return 0;
}

export async function runDocHistory(context: CommandContext): Promise<number> {
  const { entries } = await withServices(context, (client) => client.services.documents.history({ id: context.positionals[0] as string }));
  context.io.stdout(
    context.json
      ? `${JSON.stringify(entries)}\n`
      : entries.map((e) => `${e.at}  ${e.actor}  ${e.action}  ${e.fromState ?? '—'} → ${e.toState ?? '—'}${e.note ? `  ${e.note}` : ''}\n`).join(''),
  );
  return 0;
}

export async function runDocList(context: CommandContext): Promise<number> {
  const direction = directionOption(context.values);
  const year = stringOption(context.values, 'year');
  const limit = stringOption(context.values, 'limit');
  const input = defined({
    direction,
    state: stringOption(context.values, 'state'),
    year: year === undefined ? undefined : Number(year),
    limit: limit === undefined ? undefined : Number(limit),
    // Chờ tôi ký: mine, and (ký thay) those of the leaders I cover today.
    awaitingMySignature: context.values['awaiting-signature'] === true ? true : undefined,
  });
  const { documents } = await withServices(context, (client) =>
    client.services.documents.list(input as Parameters<typeof client.services.documents.list>[0]),
  );
  if (context.json) context.io.stdout(`${JSON.stringify(documents)}\n`);
  else context.io.stdout(documents.map((d) => `${documentLine(d)}\n`).join(''));
  return 0;
}

export { printDocument };
