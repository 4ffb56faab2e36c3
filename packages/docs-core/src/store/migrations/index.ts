import type { Migration } from '../migration.js';
import { migration0001Initial } from './0001-initial.js';

/** The single ordered migration list for the whole database file. Append only; never edit a shipped step. */
export const migrations: readonly Migration[] = [migration0001Initial];

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;
