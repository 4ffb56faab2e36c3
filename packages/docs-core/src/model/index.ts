export * from './document-types.js';
export * from './urgency.js';
export * from './secrecy.js';
export * from './roles.js';
export * from './document-state.js';
