import { ACTOR_OPTIONS, STORE_OPTIONS, type Command } from '../command.js';
import { withServices } from '../store-options.js';
import { documentLine, printDocument } from './document-output.js';
import { defined, directionOption, stringOption } from './option-values.js';

export const docShowCommand: Command = {
  name: 'doc show',
  summary: 'Xem văn bản / show a document',
  usage: 'doc show <id> --as USER [--data-dir DIR] [--json]',
  options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
  positionals: [1, 1],
  async run(context) {
    const doc = await withServices(context, (client) => client.services.documents.show({ id: context.positionals[0] as string }));
    printDocument(context, doc);
    return 0;
  },
};

export const docHistoryCommand: Command = {
  name: 'doc history',
  summary: 'Nhật ký xử lý của văn bản / processing history',
  usage: 'doc history <id> --as USER [--data-dir DIR] [--json]',
  options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
  positionals: [1, 1],
  async run(context) {
    const { entries } = await withServices(context, (client) => client.services.documents.history({ id: context.positionals[0] as string }));
    context.io.stdout(
      context.json
        ? `${JSON.stringify(entries)}\n`
        : entries.map((e) => `${e.at}  ${e.actor}  ${e.action}  ${e.fromState ?? '—'} → ${e.toState ?? '—'}${e.note ? `  ${e.note}` : ''}\n`).join(''),
    );
    return 0;
  },
};

export const docListCommand: Command = {
  name: 'doc list',
  summary: 'Danh sách văn bản / list documents',
  usage: 'doc list [--direction in|out|internal] [--state S] [--year Y] [--limit N] --as USER [--data-dir DIR] [--json]',
  options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, direction: { type: 'string' }, state: { type: 'string' }, year: { type: 'string' }, limit: { type: 'string' } },
  async run(context) {
    const direction = directionOption(context.values);
    const year = stringOption(context.values, 'year');
    const limit = stringOption(context.values, 'limit');
    const input = defined({
      direction,
      state: stringOption(context.values, 'state'),
      year: year === undefined ? undefined : Number(year),
      limit: limit === undefined ? undefined : Number(limit),
    });
    const { documents } = await withServices(context, (client) =>
      client.services.documents.list(input as Parameters<typeof client.services.documents.list>[0]),
    );
    if (context.json) context.io.stdout(`${JSON.stringify(documents)}\n`);
    else context.io.stdout(documents.map((d) => `${documentLine(d)}\n`).join(''));
    return 0;
  },
};

export { printDocument };
