import type { Migration } from '../migration.js';

/**
 * Failed sign-ins count per account and lock it after a run of them until an admin unlocks it (issue 13): a
 * password is guessed no faster than an admin notices.
 */
export const migration0040LoginLockout: Migration = {
  version: 40,
  name: 'login-lockout',
  async up(db) {
    await db.schema.alterTable('users').addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('users').addColumn('locked_at', 'text').execute();
  },
};
