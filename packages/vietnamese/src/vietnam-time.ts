/**
 * Vietnam has kept UTC+07:00 without daylight saving since 1975, so a fixed offset is exact for every date the app
 * handles; no time-zone database is needed.
 */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VIETNAM_OFFSET_MINUTES * 60_000;

/** The calendar fields of an instant as read on a wall clock in Vietnam. */
function vietnamFields(instant: Date): Date {
  return new Date(instant.getTime() + OFFSET_MS);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Năm: the year that numbering and registers use. */
export function vietnamYear(instant: Date): number {
  return vietnamFields(instant).getUTCFullYear();
}

/** `YYYY-MM-DD` of the Vietnamese day the instant falls in. */
export function vietnamDate(instant: Date): string {
  const f = vietnamFields(instant);
  return `${f.getUTCFullYear()}-${pad(f.getUTCMonth() + 1)}-${pad(f.getUTCDate())}`;
}

/** `HH:mm:ss` on a wall clock in Vietnam. */
function vietnamClockTime(instant: Date): string {
  const f = vietnamFields(instant);
  return `${pad(f.getUTCHours())}:${pad(f.getUTCMinutes())}:${pad(f.getUTCSeconds())}`;
}

/**
 * ISO 8601 with the Vietnam offset, e.g. `2026-03-05T08:30:00+07:00`: Phụ lục I asks for it on attachment and copy
 * stamps, and every stored time is written so.
 */
export function vietnamIso(instant: Date): string {
  return `${vietnamDate(instant)}T${vietnamClockTime(instant)}+07:00`;
}

/** PDF date string (ISO 32000-2 §7.9.4) in Vietnam time: `D:20261127213000+07'00'`. */
export function pdfDate(instant: Date): string {
  return `D:${vietnamDate(instant).replaceAll('-', '')}${vietnamClockTime(instant).replaceAll(':', '')}+07'00'`;
}

/** `dd/MM/yyyy` in Vietnam time: how every date is shown to a person. */
export function vietnamDay(instant: Date): string {
  const [year, month, day] = vietnamDate(instant).split('-');
  return `${day}/${month}/${year}`;
}

/** A date a person typed that is not a calendar date in `dd/MM/yyyy`. */
export class InvalidVietnamDateError extends RangeError {
  /** The code the signing library and the CLI report bad arguments with. */
  readonly code = 'BAD_ARGUMENT';
}

/**
 * Decree 30's date line (Phụ lục I, ô 4), "ngày 05 tháng 3 năm 2026" from "05/03/2026": days below 10 and the months
 * 1 and 2 keep a leading zero, other months have none.
 */
export function decree30DateText(ddMMyyyy: string): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(ddMMyyyy);
  const day = m ? Number(m[1]) : NaN;
  const month = m ? Number(m[2]) : NaN;
  const year = m ? Number(m[3]) : NaN;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (!m || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) {
    throw new InvalidVietnamDateError(`Ngày không hợp lệ (cần dd/MM/yyyy): "${ddMMyyyy}" / invalid date (dd/MM/yyyy)`);
  }
  const monthText = month <= 2 ? String(month).padStart(2, '0') : String(month);
  return `ngày ${String(day).padStart(2, '0')} tháng ${monthText} năm ${year}`;
}

/** 0 = Sunday … 6 = Saturday, in Vietnam. */
export function vietnamWeekday(instant: Date): number {
  return vietnamFields(instant).getUTCDay();
}

/** The instant 00:00 Vietnam time begins on `YYYY-MM-DD`. */
export function startOfVietnamDay(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}

/** `YYYY-MM-DD` plus whole calendar days (negative allowed). */
export function addCalendarDays(date: string, days: number): string {
  const base = new Date(`${date}T00:00:00Z`);
  base.setUTCDate(base.getUTCDate() + days);
  return base.toISOString().slice(0, 10);
}

/** Weekday (0 = Sunday) of a `YYYY-MM-DD` calendar date. */
export function weekdayOfDate(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** ISO 8601 with a date and an explicit zone or none (then read as Vietnam time), e.g. `2027-01-01T00:00:00+07:00`. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An instant a person or a script wrote in ISO 8601. A bare date, or a time without a zone, is Vietnam wall-clock
 * time (ARCHITECTURE.md, invariant 8), never the machine's zone: `2026-12-31T23:30:00` is still 31 December in Hà Nội.
 * `source` names the input in the error (an option, a variable).
 */
export function parseVietnamInstant(text: string, source: string): Date {
  const trimmed = text.trim();
  const invalid = () =>
    new InvalidVietnamDateError(`${source} phải là thời điểm ISO 8601 / ${source} must be an ISO 8601 instant: ${JSON.stringify(text)}`);
  if (!ISO_INSTANT.test(trimmed)) throw invalid();
  let normalised = trimmed.length === 10 ? `${trimmed}T00:00:00` : trimmed;
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(normalised)) normalised += '+07:00';
  const instant = new Date(normalised);
  if (Number.isNaN(instant.getTime())) throw invalid();
  return instant;
}

/** The variable that moves the whole app in time, for tests and scripted checks. */
export const EOFFICE_NOW_VARIABLE = 'EOFFICE_NOW';

/** Now: the machine clock, unless `EOFFICE_NOW` is set. The one place that variable is read. */
export function nowFromEnvironment(env: Readonly<Record<string, string | undefined>>): Date {
  const override = env[EOFFICE_NOW_VARIABLE];
  return override ? parseVietnamInstant(override, EOFFICE_NOW_VARIABLE) : new Date();
}
