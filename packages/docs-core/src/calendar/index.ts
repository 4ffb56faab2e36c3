export * from './working-calendar.js';
export * from './calendar-repository.js';
export * from './due-date.js';
