import type { EOfficeClient, RecordDocumentView, RecordFileView } from '@eoffice/contract';
import { CliError, type CommandContext, type OptionValues } from '../command.js';
import { stringOption } from './option-values.js';

/** `--year Y` as a 4-digit year; absent: undefined. */
export function yearOption(values: OptionValues): number | undefined {
  const text = stringOption(values, 'year');
  if (text === undefined) return undefined;
  if (!/^\d{4}$/.test(text)) throw new CliError('E_INVALID_INPUT', `--year phải là năm 4 chữ số / --year must be a 4-digit year: ${text}`);
  return Number(text);
}

export function requiredYear(values: OptionValues): number {
  const year = yearOption(values);
  if (year === undefined) throw new CliError('E_USAGE', 'Thiếu --year / --year is required');
  return year;
}

const STATES = ['open', 'closed', 'archived'] as const;
export type RecordFileState = (typeof STATES)[number];

/** `--state open|closed|archived`; absent: undefined. */
export function fileStateOption(values: OptionValues): RecordFileState | undefined {
  const text = stringOption(values, 'state');
  if (text === undefined) return undefined;
  const state = STATES.find((s) => s === text);
  if (!state) throw new CliError('E_INVALID_INPUT', `--state phải là open, closed hoặc archived / must be open, closed or archived: ${text}`);
  return state;
}

/**
 * A file named on the command line by its id or by its FileCode (`000.00.02.Z99/2026/01.TH`), which people read off
 * the cover. A FileCode is looked up among the files the actor may see, so a hidden one is as missing as an unknown
 * one (ARCHITECTURE.md, invariant 1).
 */
export async function resolveFileIds(client: EOfficeClient, refs: readonly string[]): Promise<string[]> {
  if (!refs.some((ref) => ref.includes('/'))) return [...refs];
  const { files } = await client.services.records.list({});
  return refs.map((ref) => {
    if (!ref.includes('/')) return ref;
    const found = files.find((f) => f.fileCode === ref);
    if (!found) throw new CliError('E_NOT_FOUND', `Không tìm thấy hồ sơ ${ref} / record file not found`);
    return found.id;
  });
}

const STATE_LABELS: Record<RecordFileState, string> = { open: 'đang mở', closed: 'đã kết thúc', archived: 'đã nộp lưu' };

/** One line per file for people. */
export function fileLine(file: RecordFileView): string {
  const dates = file.startDate ? `  ${vnDate(file.startDate)}–${vnDate(file.endDate)}` : '';
  return `${file.fileCode}  ${STATE_LABELS[file.state]}  ${file.maintenance}  ${file.docTotal} văn bản${dates}  ${file.title}  [${file.id}]`;
}

export function documentIndexLine(doc: RecordDocumentView): string {
  const code = [doc.codeNumber, doc.codeNotation].filter(Boolean).join('/') || '—';
  return `  ${String(doc.docOrdinal).padStart(3)}  ${code}  ${vnDate(doc.issuedDate)}  ${doc.organName ?? '—'}  ${doc.subject ?? ''}  [${doc.documentId}]`;
}

/** dd/MM/yyyy, as Vietnamese readers expect. */
export function vnDate(date: string | null): string {
  if (!date) return '—';
  const [year, month, day] = date.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

export function printJsonOr(context: CommandContext, value: unknown, text: () => string): void {
  context.io.stdout(context.json ? `${JSON.stringify(value)}\n` : text());
}
