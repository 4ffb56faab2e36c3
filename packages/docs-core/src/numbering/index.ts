export * from './number-format.js';
export * from './registers.js';
export * from './allocate-number.js';
export * from './import-register-lines.js';
