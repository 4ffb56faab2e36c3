import { vietnamDay, vietnamWeekday } from '@eoffice/vietnamese';

/** Dates are shown as dd/MM/yyyy in Vietnam time, whatever the machine's time zone: the one Vietnam-time module. */
export const formatVietnamDate = (date: Date): string => vietnamDay(date);

const WEEKDAYS_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function formatVietnamWeekday(date: Date, language: 'vi' | 'en'): string {
  return (language === 'vi' ? WEEKDAYS_VI : WEEKDAYS_EN)[vietnamWeekday(date)] ?? '';
}
