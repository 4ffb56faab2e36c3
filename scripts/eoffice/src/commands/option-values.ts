import { parseSecrecy, parseUrgency } from '@eoffice/docs-core';
import { CliError, type OptionValues } from '../command.js';

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requiredString(values: OptionValues, name: string): string {
  const value = stringOption(values, name);
  if (value === undefined || value.trim() === '') throw new CliError('E_USAGE', `Thiếu --${name} / --${name} is required`);
  return value;
}

export function listOption(values: OptionValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];
}

export function urgencyOption(values: OptionValues): string | undefined {
  const text = stringOption(values, 'urgency');
  if (text === undefined) return undefined;
  const urgency = parseUrgency(text);
  if (!urgency) throw new CliError('E_INVALID_INPUT', `Độ khẩn không hợp lệ: ${text} (Thường, Khẩn, Thượng khẩn, Hỏa tốc) / unknown urgency`);
  return urgency;
}

export function secrecyOption(values: OptionValues): string | undefined {
  const text = stringOption(values, 'secrecy');
  if (text === undefined) return undefined;
  const secrecy = parseSecrecy(text);
  if (!secrecy) throw new CliError('E_INVALID_INPUT', `Độ mật không hợp lệ: ${text} (Thường, Mật, Tối mật, Tuyệt mật) / unknown secrecy`);
  return secrecy;
}

/** Only the flags that were given, so the contract's defaults apply to the rest. */
export function defined<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const DIRECTIONS: Record<string, 'incoming' | 'outgoing' | 'internal'> = {
  in: 'incoming',
  incoming: 'incoming',
  out: 'outgoing',
  outgoing: 'outgoing',
  internal: 'internal',
};

/** `--direction in|out|internal` (or the full words); absent: undefined. */
export function directionOption(values: OptionValues): 'incoming' | 'outgoing' | 'internal' | undefined {
  const text = stringOption(values, 'direction');
  if (text === undefined) return undefined;
  const direction = DIRECTIONS[text];
  if (!direction) throw new CliError('E_INVALID_INPUT', `--direction phải là in, out hoặc internal / must be in, out or internal`);
  return direction;
}

/** A flag that holds a whole number; absent: undefined. */
export function wholeNumberOption(values: OptionValues, name: string): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new CliError('E_INVALID_INPUT', `--${name} phải là số nguyên / must be a whole number: ${text}`);
  return Number(text);
}

/**
 * The Phụ lục VI metadata both `doc receive` and `doc draft` take: --pages, --copies (số lượng bản), --to-place
 * (repeatable: nơi nhận as printed), --description, and the file code --file-organ, --file-catalog, --file-notation,
 * --doc-ordinal.
 */
export function documentMetadataOptions(values: OptionValues) {
  const fileCode = defined({
    organId: stringOption(values, 'file-organ'),
    catalog: wholeNumberOption(values, 'file-catalog'),
    notation: stringOption(values, 'file-notation'),
    ordinal: wholeNumberOption(values, 'doc-ordinal'),
  });
  const places = listOption(values, 'to-place');
  return defined({
    pageAmount: wholeNumberOption(values, 'pages'),
    issuedAmount: wholeNumberOption(values, 'copies'),
    description: stringOption(values, 'description'),
    toPlaces: places.length > 0 ? places : undefined,
    fileCode: Object.keys(fileCode).length > 0 ? fileCode : undefined,
  });
}
