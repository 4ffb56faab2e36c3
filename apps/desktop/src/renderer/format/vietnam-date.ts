/** Dates are shown as dd/MM/yyyy in Vietnam time, whatever the machine's time zone. */
const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function formatVietnamDate(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: VIETNAM_TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')}`;
}

const WEEKDAYS_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function formatVietnamWeekday(date: Date, language: 'vi' | 'en'): string {
  const weekday = new Intl.DateTimeFormat('en-US', { timeZone: VIETNAM_TIME_ZONE, weekday: 'short' }).format(date);
  const index = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(weekday);
  return (language === 'vi' ? WEEKDAYS_VI : WEEKDAYS_EN)[index] ?? '';
}
