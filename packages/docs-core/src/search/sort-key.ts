import { EOfficeError } from '@eoffice/contract';

/**
 * The search sort key: the document's date as a day number times 2^21, plus a sequence within the day. Keys grow
 * with the date, so the FTS5 rowid order is the "newest first" order and a date range is a rowid range.
 */
export const KEYS_PER_DAY = 2 ** 21;
const EPOCH = Date.UTC(1900, 0, 1);
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Dates repeat a great deal in a bulk load (a million documents over a few thousand days). */
const dayCache = new Map<string, number>();

export function dayNumber(date: string): number {
  const cached = dayCache.get(date);
  if (cached !== undefined) return cached;
  const day = computeDayNumber(date);
  if (dayCache.size >= 50_000) dayCache.clear();
  dayCache.set(date, day);
  return day;
}

function computeDayNumber(date: string): number {
  const match = DATE.exec(date);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date || time < EPOCH) {
    throw new EOfficeError('E_INVALID_INPUT', `Ngày không hợp lệ (YYYY-MM-DD, từ 1900) / invalid date: ${date}`);
  }
  return Math.round((time - EPOCH) / DAY_MS);
}

/** First and last key of the days from `from` to `to`, both included. */
export function keyRange(from: string, to: string): { readonly low: number; readonly high: number } {
  return { low: dayNumber(from) * KEYS_PER_DAY, high: (dayNumber(to) + 1) * KEYS_PER_DAY - 1 };
}
