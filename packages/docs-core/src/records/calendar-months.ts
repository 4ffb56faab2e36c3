/**
 * `YYYY-MM-DD` plus whole calendar months; a day the target month lacks becomes its last day (31/01 + 1 month =
 * 28/02 or 29/02), so a deadline never slips into the month after.
 */
export function addCalendarMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(targetYear).padStart(4, '0')}-${pad(targetMonth + 1)}-${pad(Math.min(day, lastDay))}`;
}
