import { INCOMING_STATES, OUTGOING_STATES } from '@eoffice/contract';
import { URGENCIES, findDocumentType } from '@eoffice/docs-core';
import { foldVietnamese } from '@eoffice/vietnamese';
import { CliError, type CommandContext, type OptionValues } from '../command.js';
import { withServices } from '../store-options.js';
import { defined, directionOption, stringOption, urgencyOption, wholeNumberOption } from './option-values.js';

const ORGAN_ID = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const STATES: readonly string[] = [...OUTGOING_STATES, ...INCOMING_STATES];

export async function runSearch(context: CommandContext): Promise<number> {
  const v = context.values;
  const register = registerOption(v);
  const direction = directionOption(v);
  if (register && direction && register !== direction) {
    throw new CliError('E_USAGE', '--register và --direction chỉ hai sổ khác nhau / --register and --direction disagree');
  }
  const state = stringOption(v, 'state');
  if (state !== undefined && !STATES.includes(state)) {
    throw new CliError('E_INVALID_INPUT', `Trạng thái không hợp lệ: ${state} (${STATES.join(', ')}) / unknown state`);
  }
  const issuer = stringOption(v, 'issuer');
  const base = defined({
    text: context.positionals[0],
    direction: register ?? direction,
    year: wholeNumberOption(v, 'year'),
    // The type by abbreviation or name ("QĐ", "Quyết định", "quyet dinh"): the index keeps the stable code.
    type: stringOption(v, 'type') === undefined ? undefined : findDocumentType(stringOption(v, 'type') as string).code,
    state,
    urgency: urgencyOption(v),
    dateFrom: dateOption(v, 'from'),
    dateTo: dateOption(v, 'to'),
    limit: wholeNumberOption(v, 'limit'),
    cursor: stringOption(v, 'cursor'),
  });
  // No job runs between one-shot commands, so the words inside newly stored PDFs are extracted here, once.
  const page = await withServices(context, async (client, services) => {
    const issuerCode = issuer === undefined ? undefined : await issuerCodeOf(issuer, (text) => client.services.directory.search({ text, limit: 500 }));
    await services.extractPendingTexts();
    return client.services.search.query({ ...base, ...defined({ issuerCode }) });
  });
  if (context.json) {
    const hits = page.hits.map((h) => ({
      id: h.id, number: h.number, symbol: h.symbol, subject: h.subject, direction: h.direction, date: h.date, exact: h.exact,
      type: h.type, issuerCode: h.issuerCode, issuerName: h.issuerName, state: h.state, urgency: h.urgency,
    }));
    context.io.stdout(`${JSON.stringify({ hits, nextCursor: page.nextCursor })}\n`);
    return 0;
  }
  const lines = page.hits.map((h) => {
    const code = [h.number, h.symbol].filter(Boolean).join('/') || '—';
    const urgency = URGENCIES.find((u) => u.code === h.urgency && u.code !== 'normal')?.label.toUpperCase();
    return [h.date, code, urgency ? `[${urgency}]` : null, h.subject ?? '', issuerLabel(h.issuerName, h.issuerCode), `[${h.id}]`]
      .filter((part) => part !== null)
      .join('  ');
  });
  if (lines.length === 0) lines.push('Không tìm thấy văn bản nào / no document found');
  if (page.nextCursor) lines.push(`… trang sau / next page: --cursor ${page.nextCursor}`);
  context.io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

/** `--register den|di` (sổ đến / sổ đi), or in|out|internal as `--direction` takes. */
function registerOption(values: OptionValues): 'incoming' | 'outgoing' | 'internal' | undefined {
  const text = stringOption(values, 'register');
  if (text === undefined) return undefined;
  const folded = foldVietnamese(text).replace(/^so\s+/, '').trim();
  const byName: Record<string, 'incoming' | 'outgoing' | 'internal'> = { den: 'incoming', di: 'outgoing', 'noi bo': 'internal' };
  return byName[folded] ?? directionOption({ direction: text });
}

function dateOption(values: OptionValues, name: string): string | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  if (!ISO_DATE.test(text)) throw new CliError('E_INVALID_INPUT', `--${name} phải có dạng YYYY-MM-DD / must be YYYY-MM-DD: ${text}`);
  return text;
}

/**
 * `--issuer` takes the sender's mã định danh, or its name as the directory spells it (diacritics optional): the one
 * endpoint whose folded name equals it. A name that fits none, or several, is refused with the candidates.
 */
async function issuerCodeOf(
  text: string,
  search: (text: string) => Promise<{ matches: readonly { code: string; name: string; parentName: string | null }[] }>,
): Promise<string> {
  if (ORGAN_ID.test(text.trim())) return text.trim();
  const wanted = foldVietnamese(text).replace(/\s+/g, ' ').trim();
  const { matches } = await search(text);
  const exact = matches.filter((m) => foldVietnamese(m.name).replace(/\s+/g, ' ').trim() === wanted);
  if (exact.length === 1) return exact[0]!.code;
  const shown = (exact.length > 1 ? exact : matches).slice(0, 5).map((m) => `${m.code} ${m.name}${m.parentName ? ` (${m.parentName})` : ''}`);
  throw new CliError(
    'E_INVALID_INPUT',
    exact.length > 1
      ? `Nhiều cơ quan tên "${text}", hãy dùng mã định danh / several endpoints have this name, give the code: ${shown.join('; ')}`
      : `Không có cơ quan "${text}" trong danh bạ / no such endpoint in the directory${shown.length ? `; did you mean: ${shown.join('; ')}` : ''}`,
  );
}

/** The issuer by name with its organ code beside it, as the screens show it: a clerk reads the name, an archivist greps the code. */
function issuerLabel(name: string | null | undefined, code: string | null | undefined): string | null {
  if (name && code && name !== code) return `— ${name} (${code})`;
  const either = name ?? code;
  return either ? `— ${either}` : null;
}
