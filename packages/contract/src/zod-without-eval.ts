import { config } from 'zod/v4/core';

/**
 * For pages under a CSP without 'unsafe-eval' (the renderer): zod 4 probes `new Function` for its compiled object
 * parser when the first object schema is built, and the refused probe is a CSP violation on every page load. Import
 * this module before anything that builds a schema (the renderer's main.tsx does, first); Node keeps the fast parser.
 */
config({ jitless: true });
