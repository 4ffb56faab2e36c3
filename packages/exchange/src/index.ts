export { nextRetryDelay, defaultBackoffPolicy, type BackoffPolicy } from './sync/backoff.js';
