import { sql } from 'kysely';
import { appendAudit, verifyAuditChain } from '../../audit/audit-log.js';
import { systemClock } from '../../clock/clock.js';
import type { Migration } from '../migration.js';
import { dialectOf } from '../store-dialect.js';

/** The table the PostgreSQL store keeps its audit anchors in (ARCHITECTURE.md, invariant 6). */
export const AUDIT_ANCHORS_TABLE = 'audit_anchors';

/**
 * The audit chain's anchors on PostgreSQL (issue 11 item 10): a table beside `audit_log` that keeps (entry number,
 * hash) of every entry, written by a trigger on `audit_log` in the entry's own transaction, and never changed after.
 * On SQLite this step does nothing: the anchors are the append-only file beside the database (store.ts).
 *
 * What the database itself can promise, on a server a DBA runs:
 * - The app's role creates this table (it runs the migrations), so it owns it, and an owner can always take its
 *   rights back (GRANT to itself, ALTER TABLE … DISABLE TRIGGER, DROP). Nothing this step does can stop that, and the
 *   role cannot hand the table to a role it may not become: PostgreSQL lets only a member of the new owner (or a
 *   superuser) ALTER … OWNER TO it, and a member can act as that owner, which would undo the point.
 * - So this step does what is possible from inside: UPDATE, DELETE and TRUNCATE revoked from the owner itself and
 *   from PUBLIC, and a trigger that refuses them even when granted back, so rewriting an anchor takes deliberate DDL,
 *   never a stray or a scripted `update`/`delete` — and the hardening the issue asks for is one step a DBA runs once
 *   (README, "Agency server"): `ALTER TABLE audit_anchors OWNER TO` a NOLOGIN role the app's role is not a member of,
 *   the same for the refusing function, and GRANT SELECT, INSERT to the app's role. Then the app's role can append
 *   anchors and read them, and nothing else; only that role or a superuser can change them.
 * - Appending (not preventing appends) is what the anchors need: an entry cut off with the head rewritten, or
 *   rewritten with every later hash recomputed, still has its first anchor (the primary key keeps the first one of a
 *   number; the trigger skips a number already anchored, so the app keeps working after a tamper and `audit verify`
 *   names the entry). An entry appended by hand through SQL is anchored too unless the trigger was disabled; the
 *   chain's hashes, not the anchors, say whether an appended entry is well formed.
 *
 * A store with entries from before this step gets them all anchored now, as the chain stands (checked first; what
 * the check found goes into the audit entry that records the start of anchoring, itself anchored).
 */
export const migration0200AuditAnchors: Migration = {
  version: 200,
  name: 'audit-anchors',
  async up(db) {
    if (dialectOf(db) !== 'postgres') return;
    await sql`create table audit_anchors (
      entry_number bigint primary key,
      hash text not null check (hash ~ '^[0-9a-f]{64}$'),
      anchored_at timestamptz not null default now(),
      anchored_by name not null default session_user
    )`.execute(db);
    await sql`create function audit_anchors_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_anchors is append-only' using errcode = 'insufficient_privilege'; end $$`.execute(db);
    await sql`create trigger audit_anchors_no_update before update or delete on audit_anchors
      for each row execute function audit_anchors_append_only()`.execute(db);
    await sql`create trigger audit_anchors_no_truncate before truncate on audit_anchors
      for each statement execute function audit_anchors_append_only()`.execute(db);
    await sql`revoke update, delete, truncate on audit_anchors from public`.execute(db);
    await sql`revoke update, delete, truncate on audit_anchors from current_user`.execute(db);
    // One statement-level trigger per insert into audit_log, however many rows (appendAudit's one, a bulk import's
    // thousands, a `db copy`): the anchors are written in the entries' transaction by every path that writes them.
    await sql`create function audit_log_anchor() returns trigger language plpgsql as $$
      begin
        insert into audit_anchors (entry_number, hash) select id, hash from added order by id
          on conflict (entry_number) do nothing;
        return null;
      end $$`.execute(db);
    await sql`create trigger audit_log_anchor after insert on audit_log referencing new table as added
      for each statement execute function audit_log_anchor()`.execute(db);

    const existing = await sql<{ n: string }>`select count(*) as n from audit_log`.execute(db);
    const backfilled = Number(existing.rows[0]?.n ?? 0);
    if (backfilled === 0) return;
    const chain = await verifyAuditChain(db);
    await sql`insert into audit_anchors (entry_number, hash) select id, hash from audit_log order by id`.execute(db);
    // Transaction of the migration step: appendAudit only needs the audit tables of migration 2, unchanged since.
    await appendAudit(db as Parameters<typeof appendAudit>[0], systemClock(), {
      actor: 'system',
      action: 'audit.anchors-started',
      objectType: 'audit',
      objectId: '1',
      after: { anchoredFrom: 1, backfilled, table: AUDIT_ANCHORS_TABLE, chainOk: chain.ok, firstBroken: chain.firstBroken },
    });
  },
};
