import { sql } from 'kysely';
import type { Migration } from '../migration.js';

/**
 * Danh bạ đầu mối: agencies, units and their codes, and the level structure they sit in (ARCHITECTURE.md, invariant 11). The
 * parent link is checked at commit time so a whole file can be loaded (or replaced) in any order inside one transaction; NO ACTION, not RESTRICT,
 * because SQLite checks RESTRICT at once even when deferred.
 */
export const migration0020Directory: Migration = {
  version: 20,
  name: 'directory',
  async up(db) {
    await db.schema
      .createTable('directory_levels')
      .addColumn('level', 'integer', (c) => c.primaryKey().check(sql`level between 1 and 4`))
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('directory_endpoints')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      // Folded name (no marks, đ → d, lowercase) for search; kept beside the name it was computed from.
      .addColumn('name_folded', 'text', (c) => c.notNull())
      .addColumn('parent_code', 'text', (c) =>
        c.references('directory_endpoints.code').modifyEnd(sql`deferrable initially deferred`),
      )
      .addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 1 and 4`))
      .addColumn('kind', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('directory_endpoints_root_has_no_parent', sql`(level = 1) = (parent_code is null)`)
      .execute();
    await db.schema.createIndex('directory_endpoints_parent').on('directory_endpoints').column('parent_code').execute();
    await db.schema.createIndex('directory_endpoints_name_folded').on('directory_endpoints').column('name_folded').execute();
  },
};
