export * from './organisation-code.js';
export * from './directory-file.js';
export * from './directory-repository.js';
export * from './demo-province.js';
export * from './directory-names.js';
