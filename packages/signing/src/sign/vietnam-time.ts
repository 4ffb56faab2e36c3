import { SigningError } from '../signing-error.js';

/** Vietnam has used UTC+07:00 all year since 1975: no DST, so a fixed offset is exact. */
const OFFSET_MS = 7 * 60 * 60 * 1000;

const parts = (date: Date): string[] => {
  const t = new Date(date.getTime() + OFFSET_MS);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return [p(t.getUTCFullYear(), 4), p(t.getUTCMonth() + 1), p(t.getUTCDate()), p(t.getUTCHours()), p(t.getUTCMinutes()), p(t.getUTCSeconds())];
};

/** PDF date string (ISO 32000-1 §7.9.4) in Vietnam time: D:20261127213000+07'00'. */
export function pdfDate(date: Date): string {
  const [y, mo, d, h, mi, s] = parts(date);
  return `D:${y}${mo}${d}${h}${mi}${s}+07'00'`;
}

/** ISO 8601 in Vietnam time, as Decree 30 asks for on attachment and copy stamps: 2026-11-27T21:30:00+07:00. */
export function isoVietnam(date: Date): string {
  const [y, mo, d, h, mi, s] = parts(date);
  return `${y}-${mo}-${d}T${h}:${mi}:${s}+07:00`;
}

/** dd/MM/yyyy in Vietnam time. */
export function vietnamDay(date: Date): string {
  const [y, mo, d] = parts(date);
  return `${d}/${mo}/${y}`;
}

/**
 * "ngày 05 tháng 3 năm 2026" from "05/03/2026": Decree 30 (Phụ lục I) writes days below 10 and the months 1 and 2
 * with a leading zero, other months without.
 */
export function decree30DateText(ddMMyyyy: string): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(ddMMyyyy);
  const day = m ? Number(m[1]) : NaN;
  const month = m ? Number(m[2]) : NaN;
  const year = m ? Number(m[3]) : NaN;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (!m || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) {
    throw new SigningError('BAD_ARGUMENT', `Ngày không hợp lệ (cần dd/MM/yyyy): "${ddMMyyyy}" / invalid date (dd/MM/yyyy)`);
  }
  const monthText = month <= 2 ? String(month).padStart(2, '0') : String(month);
  return `ngày ${String(day).padStart(2, '0')} tháng ${monthText} năm ${year}`;
}
