import { resolve } from 'node:path';
import type { MethodOutput, RecordDocumentView, RecordFileView } from '@eoffice/contract';
import { CliError, type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { checkOutPath } from './pdf-args.js';
import { defined, requiredString, stringOption } from './option-values.js';
import { documentIndexLine, fileLine, fileStateOption, printJsonOr, requiredYear, resolveFileIds, yearOption } from './records-options.js';

function fileWithIndex(file: RecordFileView, documents: readonly RecordDocumentView[]): string {
  const lines = [
    fileLine(file),
    `  Tiêu đề / Title: ${file.title}`,
    `  Thời hạn bảo quản / Maintenance: ${file.maintenance}   Chế độ sử dụng / Rights: ${file.rights}`,
    `  Người lập / Creator: ${file.creator ?? '—'}   Ngôn ngữ / Language: ${file.language ?? '—'}   Số trang / PageTotal: ${file.pageTotal ?? '—'}`,
    ...(file.handover.dueDate ? [`  Hạn nộp lưu / handover due: ${file.handover.dueDate}${file.handover.keepReason ? ` (giữ lại: ${file.handover.keepReason})` : ''}`] : []),
    'Mục lục văn bản / document index:',
    ...(documents.length === 0 ? ['  (chưa có văn bản / no documents)'] : documents.map(documentIndexLine)),
  ];
  return `${lines.join('\n')}\n`;
}

export async function runFileOpen(context: CommandContext): Promise<number> {
  const year = requiredYear(context.values);
  const file = await withServices(context, (client) => client.services.records.open({ year, notation: context.positionals[0] as string }));
  printJsonOr(context, file, () => `Đã mở hồ sơ / opened: ${fileLine(file)}\n`);
  return 0;
}

export async function runFileUpdate(context: CommandContext): Promise<number> {
  const fields = defined({
    title: stringOption(context.values, 'title'),
    rights: stringOption(context.values, 'rights'),
    creator: stringOption(context.values, 'creator'),
    language: stringOption(context.values, 'language'),
    description: stringOption(context.values, 'description'),
  });
  if (Object.keys(fields).length === 0) throw new CliError('E_USAGE', `Không có gì để sửa / nothing to change: eoffice ${context.command.usage}`);
  const file = await withServices(context, async (client) => {
    const [id] = await resolveFileIds(client, [context.positionals[0] as string]);
    return client.services.records.update({ id: id!, ...fields });
  });
  printJsonOr(context, file, () => `${fileLine(file)}\n`);
  return 0;
}

export async function runFileAdd(context: CommandContext): Promise<number> {
  const [fileRef, documentId] = context.positionals as [string, string];
  const result = await withServices(context, async (client) => {
    const [id] = await resolveFileIds(client, [fileRef]);
    return client.services.records.add({ id: id!, documentId });
  });
  printJsonOr(context, result, () => `${documentIndexLine(result.document)}\n→ ${fileLine(result.file)}\n`);
  return 0;
}

export async function runFileRemove(context: CommandContext): Promise<number> {
  const [fileRef, documentId] = context.positionals as [string, string];
  const file = await withServices(context, async (client) => {
    const [id] = await resolveFileIds(client, [fileRef]);
    return client.services.records.remove({ id: id!, documentId });
  });
  printJsonOr(context, file, () => `Đã bỏ văn bản ${documentId} / removed → ${fileLine(file)}\n`);
  return 0;
}

export async function runFileClose(context: CommandContext): Promise<number> {
  const result = await withServices(context, async (client) => {
    const [id] = await resolveFileIds(client, [context.positionals[0] as string]);
    return client.services.records.close({ id: id! });
  });
  printJsonOr(context, result, () => `Đã kết thúc hồ sơ / closed\n${fileWithIndex(result.file, result.documents)}${result.ltv ? archivalText(result.ltv) : ''}`);
  return 0;
}

type ArchivalOutcome = MethodOutput<'records', 'ltvRetry'>;

/** The archival copies made and those left pending, one line each. */
function archivalText(outcome: ArchivalOutcome): string {
  return [
    ...outcome.archival.map((a) => `Bản lưu trữ LTV / archival copy: ${a.documentId} sha256 ${a.sha256} (dấu thời gian / timestamp ${a.timestampTime})\n`),
    ...outcome.pending.map((p) => `Chờ bổ sung LTV / LTV pending: ${p.documentId} — ${p.reason}\n`),
  ].join('');
}

export async function runFileLtvRetry(context: CommandContext): Promise<number> {
  const ref = context.positionals[0];
  const outcome = await withServices(context, async (client) => {
    const id = ref === undefined ? undefined : (await resolveFileIds(client, [ref]))[0];
    return client.services.records.ltvRetry(id === undefined ? {} : { id });
  });
  printJsonOr(context, outcome, () => archivalText(outcome) || 'Không có văn bản nào chờ bổ sung LTV / nothing pending\n');
  // 1 while something is still pending, as `sync --once` does: a scheduled retry must see that it did not finish.
  return outcome.pending.length > 0 ? 1 : 0;
}

export async function runFileLtvAdd(context: CommandContext): Promise<number> {
  const [ref, ...documentIds] = context.positionals as string[];
  const outcome = await withServices(context, async (client) => {
    const [id] = await resolveFileIds(client, [ref!]);
    return client.services.records.ltvAdd(documentIds.length > 0 ? { id: id!, documentIds } : { id: id! });
  });
  printJsonOr(context, outcome, () => archivalText(outcome) || 'Mọi văn bản đã ký của hồ sơ đã có bản lưu trữ dài hạn / nothing to extend\n');
  return outcome.pending.length > 0 ? 1 : 0;
}

export async function runFileLtvStatus(context: CommandContext): Promise<number> {
  const result = await withServices(context, async (client) => {
    const [id] = await resolveFileIds(client, [context.positionals[0] as string]);
    return client.services.records.ltvStatus({ id: id! });
  });
  printJsonOr(context, result, () =>
    result.documents.length === 0
      ? 'Hồ sơ không có văn bản ký số / no digitally signed document in the file\n'
      : result.documents
          .map((d) => `${d.docOrdinal}. ${d.documentId} ${d.level ?? '?'} ${d.longTerm ? 'dài hạn / long-term' : 'chưa dài hạn / not long-term'}${d.archival ? ` (bản lưu trữ / archival copy ${d.archival.sha256})` : ''}${d.pending ? ` — chờ / pending: ${d.pending.reason}` : ''}\n`)
          .join(''),
  );
  return 0;
}

export async function runFileShow(context: CommandContext): Promise<number> {
  const result = await withServices(context, async (client) => {
    const [id] = await resolveFileIds(client, [context.positionals[0] as string]);
    return client.services.records.show({ id: id! });
  });
  printJsonOr(context, result, () => fileWithIndex(result.file, result.documents));
  return 0;
}

export async function runFileList(context: CommandContext): Promise<number> {
  const input = defined({ year: yearOption(context.values), state: fileStateOption(context.values) });
  const { files } = await withServices(context, (client) => client.services.records.list(input));
  printJsonOr(context, { files }, () => (files.length === 0 ? 'Không có hồ sơ nào / no record files\n' : files.map((f) => `${fileLine(f)}\n`).join('')));
  return 0;
}

function formatOption<T extends string>(context: CommandContext, allowed: readonly T[]): T {
  const text = requiredString(context.values, 'format');
  const format = allowed.find((f) => f === text);
  if (!format) throw new CliError('E_INVALID_INPUT', `--format phải là ${allowed.join(' hoặc ')} / --format must be ${allowed.join(' or ')}: ${text}`);
  return format;
}

export async function runFileExport(context: CommandContext): Promise<number> {
  const format = formatOption(context, ['pdf', 'xml'] as const);
  const outPath = resolve(requiredString(context.values, 'out'));
  checkOutPath(outPath);
  const result = await withServices(context, async (client) => {
    const [id] = await resolveFileIds(client, [context.positionals[0] as string]);
    return client.services.records.export({ id: id!, format, outPath });
  });
  printJsonOr(context, result, () => `Đã xuất hồ sơ (${format}, ${result.rows} văn bản) → ${result.path}\n`);
  return 0;
}

function retentionOption(context: CommandContext): 'permanent' | number | undefined {
  const text = stringOption(context.values, 'retention');
  if (text === undefined) return undefined;
  if (text === 'permanent' || text === 'vinh-vien') return 'permanent';
  if (!/^\d{1,3}$/.test(text)) throw new CliError('E_INVALID_INPUT', `--retention phải là permanent hoặc số năm / must be permanent or a number of years: ${text}`);
  return Number(text);
}

export async function runFileSearch(context: CommandContext): Promise<number> {
  const query = defined({
    text: context.positionals[0],
    fileCode: stringOption(context.values, 'file-code'),
    heading: stringOption(context.values, 'heading'),
    retention: retentionOption(context),
    year: yearOption(context.values),
    unit: stringOption(context.values, 'unit'),
    state: fileStateOption(context.values),
  });
  const outText = stringOption(context.values, 'out');
  if (outText !== undefined || stringOption(context.values, 'format') !== undefined) {
    const format = formatOption(context, ['csv', 'pdf'] as const);
    const outPath = resolve(requiredString(context.values, 'out'));
    checkOutPath(outPath);
    const result = await withServices(context, (client) => client.services.records.searchExport({ query, format, outPath }));
    printJsonOr(context, result, () => `Đã xuất ${result.rows} dòng (${format}) → ${result.path}\n`);
    return 0;
  }
  const found = await withServices(context, (client) => client.services.records.search(query));
  printJsonOr(context, found, () => {
    if (found.files.length === 0 && found.documents.length === 0) return 'Không tìm thấy / nothing found\n';
    return [
      `Hồ sơ / files (${found.files.length}):`,
      ...found.files.map(fileLine),
      `Văn bản / documents (${found.documents.length}):`,
      ...found.documents.map((d) => `${documentIndexLine(d)}  ${d.fileCodes.join(', ')}`),
      '',
    ].join('\n');
  });
  return 0;
}
