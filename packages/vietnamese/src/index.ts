export {
  VIETNAM_OFFSET_MINUTES,
  vietnamYear,
  vietnamDate,
  vietnamIso,
  vietnamWeekday,
  vietnamDay,
  pdfDate,
  decree30DateText,
  InvalidVietnamDateError,
  parseVietnamInstant,
  nowFromEnvironment,
  EOFFICE_NOW_VARIABLE,
  startOfVietnamDay,
  addCalendarDays,
  weekdayOfDate,
} from './vietnam-time.js';
export { foldVietnamese, foldByDefinition, exactLowercase } from './fold-vietnamese.js';
