import type { Migration } from '../migration.js';

/**
 * An admin's password reset leaves a temporary password the user must replace at the next sign-in (issue 13, item
 * 6): until then the account's sessions may only change it.
 */
export const migration0080PasswordChangeRequired: Migration = {
  version: 80,
  name: 'password-change-required',
  async up(db) {
    await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
};
