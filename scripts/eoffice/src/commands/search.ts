import type { CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { defined, directionOption, stringOption, wholeNumberOption } from './option-values.js';

export async function runSearch(context: CommandContext): Promise<number> {
  const direction = directionOption(context.values);
  const input = defined({
    text: context.positionals[0] as string,
    direction,
    year: wholeNumberOption(context.values, 'year'),
    limit: wholeNumberOption(context.values, 'limit'),
    cursor: stringOption(context.values, 'cursor'),
  });
  // No job runs between one-shot commands, so the words inside newly stored PDFs are extracted here, once.
  const page = await withServices(context, async (client, services) => {
    await services.extractPendingTexts();
    return client.services.search.query(input);
  });
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
}
