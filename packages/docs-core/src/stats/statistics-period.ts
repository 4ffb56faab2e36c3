import { EOfficeError } from '@eoffice/contract';
import { assertDate } from '../calendar/working-calendar.js';

/** A reporting period in Vietnam calendar dates, both ends included. */
export interface StatisticsPeriod {
  readonly from: string;
  readonly to: string;
}

/** The year, a quarter (1–4) or a month (1–12) of it, as dates. */
export function periodOf(year: number, part?: { quarter?: number; month?: number }): StatisticsPeriod {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) {
    throw new EOfficeError('E_INVALID_INPUT', `Năm không hợp lệ / invalid year: ${year}`);
  }
  const lastDay = (month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (value: number) => String(value).padStart(2, '0');
  if (part?.month !== undefined) {
    if (!Number.isInteger(part.month) || part.month < 1 || part.month > 12) {
      throw new EOfficeError('E_INVALID_INPUT', `Tháng không hợp lệ / invalid month: ${part.month}`);
    }
    return { from: `${year}-${pad(part.month)}-01`, to: `${year}-${pad(part.month)}-${pad(lastDay(part.month))}` };
  }
  if (part?.quarter !== undefined) {
    if (!Number.isInteger(part.quarter) || part.quarter < 1 || part.quarter > 4) {
      throw new EOfficeError('E_INVALID_INPUT', `Quý không hợp lệ / invalid quarter: ${part.quarter}`);
    }
    const first = (part.quarter - 1) * 3 + 1;
    return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(lastDay(first + 2))}` };
  }
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

export function assertPeriod(period: StatisticsPeriod): void {
  assertDate(period.from);
  assertDate(period.to);
  if (period.from > period.to) {
    throw new EOfficeError('E_INVALID_INPUT', `Kỳ báo cáo: ngày đầu sau ngày cuối / period starts after it ends`);
  }
}
