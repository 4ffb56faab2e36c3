import { detectOcrEngine, ocrConfigFromEnvironment, ocrQueueCounts } from '@eoffice/docs-core';
import { type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { requiredString } from './option-values.js';

/** `eoffice ocr run`: reads every queued scan now (the running app does the same in the background). */
export async function runOcrRun(context: CommandContext): Promise<number> {
  const { result, counts } = await withServices(context, async (_client, services) => ({
    result: await services.runOcrQueue(),
    counts: await ocrQueueCounts(services.store.db),
  }));
  if (context.json) {
    context.io.stdout(`${JSON.stringify({ ...result, queue: counts })}\n`);
  } else {
    const lines = [`Đã nhận dạng / read: ${result.done}, lỗi / failed: ${result.failed}`];
    if (result.unavailable) lines.push(`OCR chưa chạy được / OCR unavailable: ${result.unavailable}`);
    context.io.stdout(`${lines.join('\n')}\n`);
  }
  return result.unavailable ? 1 : 0;
}

/** `eoffice ocr status <id>`: the OCR status of a document's files. */
export async function runOcrStatus(context: CommandContext): Promise<number> {
  const status = await withServices(context, (client) => client.services.ocr.status({ id: context.positionals[0] as string }));
  if (context.json) {
    context.io.stdout(`${JSON.stringify(status)}\n`);
    return 0;
  }
  const lines = [`${status.id}: ${status.status}`, ...status.files.map((f) => `  ${f.sha256.slice(0, 12)}  ${f.status}${f.reason ? `  ${f.reason}` : ''}`)];
  context.io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

/** `eoffice doc ocr-copy <id> --out F`: a searchable PDF/A-2b reader copy beside the original, which stays as it is. */
export async function runOcrCopy(context: CommandContext): Promise<number> {
  const outPath = requiredString(context.values, 'out');
  const copy = await withServices(context, (client) => client.services.ocr.copy({ id: context.positionals[0] as string, outPath }));
  if (context.json) {
    context.io.stdout(`${JSON.stringify(copy)}\n`);
    return 0;
  }
  context.io.stdout(
    `Đã tạo bản sao để đọc (PDF/A-2b, ${copy.pages} trang) → ${copy.path}\n` +
      `Bản gốc giữ nguyên / the original is unchanged: sha256 ${copy.originalSha256}\n`,
  );
  return 0;
}

/** `eoffice doc receive --file scan.pdf --suggest`: prints the receive form's proposals; stores nothing. */
export async function runReceiveSuggest(context: CommandContext): Promise<number> {
  const path = requiredString(context.values, 'file');
  const suggestions = await withServices(context, (client) => client.services.ocr.suggest({ file: { path } }));
  if (context.json) {
    context.io.stdout(`${JSON.stringify(suggestions)}\n`);
    return 0;
  }
  const row = (label: string, s: { value: unknown; confidence: number } | null) =>
    `${label.padEnd(32)}${s ? `${typeof s.value === 'string' ? s.value : JSON.stringify(s.value)}  (${Math.round(s.confidence * 100)}%)` : '—'}`;
  context.io.stdout(
    [
      row('Số / number:', suggestions.number),
      row('Ký hiệu / symbol:', suggestions.symbol),
      row('Ngày ban hành / date:', suggestions.issuedDate),
      row('Cơ quan ban hành / issuer:', suggestions.issuer),
      row('Loại văn bản / type:', suggestions.type),
      row('Trích yếu / subject:', suggestions.subject),
      `(nguồn / source: ${suggestions.source})`,
      '',
    ].join('\n'),
  );
  return 0;
}

/** The line `eoffice info` prints about the engine: never throws, a missing engine is a status. */
export async function ocrInfoLine(): Promise<{ available: boolean; detail: string }> {
  const engine = await detectOcrEngine(ocrConfigFromEnvironment(process.env));
  return engine.available
    ? { available: true, detail: `${engine.version} (${engine.languages.filter((l) => l !== 'osd').join(', ')})` }
    : { available: false, detail: engine.reason };
}
