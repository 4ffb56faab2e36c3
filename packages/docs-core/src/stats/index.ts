export * from './statistics-period.js';
export * from './document-statistics.js';
