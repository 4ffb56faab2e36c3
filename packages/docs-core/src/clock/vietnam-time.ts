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

/** ISO 8601 with the Vietnam offset, e.g. `2026-03-05T08:30:00+07:00` (Phụ lục I asks for the VN zone). */
export function vietnamIso(instant: Date): string {
  const f = vietnamFields(instant);
  return (
    `${vietnamDate(instant)}T${pad(f.getUTCHours())}:${pad(f.getUTCMinutes())}:${pad(f.getUTCSeconds())}` + '+07:00'
  );
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
