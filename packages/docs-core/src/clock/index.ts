export { type Clock, systemClock, FixedClock, parseInstant, EOFFICE_NOW_VARIABLE } from './clock.js';
