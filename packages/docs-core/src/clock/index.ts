export { type Clock, systemClock, FixedClock, parseInstant, EOFFICE_NOW_VARIABLE } from './clock.js';
export {
  VIETNAM_OFFSET_MINUTES,
  vietnamYear,
  vietnamDate,
  vietnamIso,
  vietnamWeekday,
  startOfVietnamDay,
  addCalendarDays,
  weekdayOfDate,
} from './vietnam-time.js';
