import { ACTOR_OPTIONS, CliError, STORE_OPTIONS, type Command } from '../command.js';
import { withServices } from '../store-options.js';
import { defined, stringOption } from './option-values.js';

const DIRECTIONS: Record<string, 'incoming' | 'outgoing' | 'internal'> = {
  in: 'incoming',
  incoming: 'incoming',
  out: 'outgoing',
  outgoing: 'outgoing',
  internal: 'internal',
};

function integerOption(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new CliError('E_INVALID_INPUT', `--${name} phải là số nguyên / must be a whole number: ${text}`);
  return Number(text);
}

export const searchCommand: Command = {
  name: 'search',
  summary: 'Tìm văn bản, có dấu hay không dấu / search documents, with or without diacritics',
  usage: 'search <query> [--year Y] [--direction in|out|internal] [--limit N] [--cursor C] --as USER [--data-dir DIR] [--json]',
  options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, year: { type: 'string' }, direction: { type: 'string' }, limit: { type: 'string' }, cursor: { type: 'string' } },
  positionals: [1, 1],
  async run(context) {
    const directionText = stringOption(context.values, 'direction');
    const direction = directionText === undefined ? undefined : DIRECTIONS[directionText];
    if (directionText !== undefined && !direction) {
      throw new CliError('E_INVALID_INPUT', `--direction phải là in, out hoặc internal / must be in, out or internal`);
    }
    const input = defined({
      text: context.positionals[0] as string,
      direction,
      year: integerOption(stringOption(context.values, 'year'), 'year'),
      limit: integerOption(stringOption(context.values, 'limit'), 'limit'),
      cursor: stringOption(context.values, 'cursor'),
    });
    const page = await withServices(context, (client) => client.services.search.query(input));
    if (context.json) {
      const hits = page.hits.map((h) => ({ id: h.id, number: h.number, symbol: h.symbol, subject: h.subject, direction: h.direction, date: h.date, exact: h.exact }));
      context.io.stdout(`${JSON.stringify({ hits, nextCursor: page.nextCursor })}\n`);
      return 0;
    }
    const lines = page.hits.map((h) => `${h.date}  ${[h.number, h.symbol].filter(Boolean).join('/') || '—'}  ${h.subject ?? ''}  [${h.id}]`);
    if (lines.length === 0) lines.push('Không tìm thấy văn bản nào / no document found');
    if (page.nextCursor) lines.push(`… trang sau / next page: --cursor ${page.nextCursor}`);
    context.io.stdout(`${lines.join('\n')}\n`);
    return 0;
  },
};
