import { sql } from 'kysely';
import type { Migration } from '../migration.js';
import { dialectOf } from '../store-dialect.js';

/**
 * Full-text search (ARCHITECTURE.md, invariant 7). `search_entries` holds what a hit shows and what filters need, keyed by a
 * sort key that grows with the document's date, so "newest first" is the order of the key. The FTS5 table
 * `search_folded` uses that key as rowid and holds Vietnamese folded in JS (and `remove_diacritics 2` for any other
 * marks), so "dat dai" finds "Đất đai". Walking it in rowid order stops at the page size instead of ranking every
 * match of a common term.
 */
export const migration0022Search: Migration = {
  version: 22,
  name: 'search',
  async up(db) {
    await db.schema
      .createTable('search_entries')
      .addColumn('sort_key', 'integer', (c) => c.primaryKey())
      .addColumn('document_id', 'text', (c) => c.notNull().unique())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('doc_date', 'text', (c) => c.notNull())
      .addColumn('type_code', 'text')
      .addColumn('issuer_code', 'text')
      .addColumn('issuer_name', 'text')
      .addColumn('state', 'text')
      .addColumn('urgency', 'text')
      .addColumn('number', 'text')
      .addColumn('symbol', 'text')
      .addColumn('subject', 'text')
      .addColumn('signer_name', 'text')
      .execute();
    // Filter-first plans (a rare issuer with a common term) walk these in key order.
    for (const column of ['direction', 'type_code', 'issuer_code', 'state', 'urgency']) {
      await db.schema.createIndex(`search_entries_${column}`).on('search_entries').columns([column, 'sort_key']).execute();
    }
    // Contentless (the text lives in search_entries and search_file_texts); rows are removed with FTS5's 'delete'
    // command and the values they were indexed with, which the index recomputes. `facets` holds one token per
    // filter value (direction, type, issuer, state, urgency), so a filter is a doclist intersection, not a scan.
    if (dialectOf(db) === 'postgres') {
      // PostgreSQL has no FTS5: the entry holds its folded words as a tsvector built in JS (positions kept apart
      // between fields, so a phrase never spans two), with a GIN index (search/postgres-search-index.ts).
      await sql`alter table search_entries add column folded tsvector not null default ''::tsvector`.execute(db);
      await sql`create index search_entries_folded on search_entries using gin (folded)`.execute(db);
    } else {
      await sql
        .raw(
          `create virtual table search_folded using fts5(number_symbol, subject, people, body, facets, content='', ` +
            `tokenize='unicode61 remove_diacritics 2')`,
        )
        .execute(db);
    }
    // Files whose text is extracted in the background; keyed by content hash, so one file is read once.
    await db.schema
      .createTable('search_file_texts')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'done', 'failed')`))
      .addColumn('text', 'text')
      .addColumn('error', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('search_file_texts_status').on('search_file_texts').column('status').execute();
    await db.schema
      .createTable('search_entry_files')
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('search_entry_files_pk', ['document_id', 'sha256'])
      .execute();
    await db.schema.createIndex('search_entry_files_sha256').on('search_entry_files').column('sha256').execute();
  },
};
