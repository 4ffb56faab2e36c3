import { addCalendarDays, vietnamDate, vietnamDay, vietnamIso, vietnamWeekday } from '@eoffice/vietnamese';

/** Dates are shown as dd/MM/yyyy in Vietnam time, whatever the machine's time zone: the one Vietnam-time module. */
export const formatVietnamDate = (date: Date): string => vietnamDay(date);

const WEEKDAYS_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function formatVietnamWeekday(date: Date, language: 'vi' | 'en'): string {
  return (language === 'vi' ? WEEKDAYS_VI : WEEKDAYS_EN)[vietnamWeekday(date)] ?? '';
}

/** A calendar date `YYYY-MM-DD` (no time, no zone) as dd/MM/yyyy; an instant is taken in Vietnam time. */
export function formatDateText(text: string | null): string {
  if (!text) return '';
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (plain) return `${plain[3]}/${plain[2]}/${plain[1]}`;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? text : vietnamDay(instant);
}

/** An instant as `dd/MM/yyyy HH:mm`, Vietnam time. */
export function formatDateTime(text: string | null): string {
  if (!text) return '';
  const instant = new Date(text);
  if (Number.isNaN(instant.getTime())) return text;
  const iso = vietnamIso(instant);
  return `${vietnamDay(instant)} ${iso.slice(11, 16)}`;
}

/** Today in Vietnam time as `YYYY-MM-DD`, plus whole days: a deadline typed as "in N days". */
export function vietnamDatePlusDays(days: number, from = new Date()): string {
  return addCalendarDays(vietnamDate(from), days);
}
