import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { AuditAnchor, AuditAnchorSnapshot, AuditAnchorSource } from './audit-anchor-store.js';

/**
 * The PostgreSQL store's anchors, as `audit verify` reads them: the `audit_anchors` table (migration 0200). Nothing
 * here writes — the trigger on `audit_log` does, in the entry's transaction. Every entry of a PostgreSQL store is
 * anchored (the migration anchored the chain as it stood), so anchoring starts at entry 1.
 */
export class PostgresAuditAnchors implements AuditAnchorSource {
  readonly location = 'audit_anchors';

  constructor(private readonly db: Kysely<Database>) {}

  /** The same table read through `db` (a transaction: the anchors and the chain from one snapshot). */
  within(db: Kysely<Database>): PostgresAuditAnchors {
    return new PostgresAuditAnchors(db);
  }

  async last(): Promise<AuditAnchor | null> {
    if (!(await this.present())) return null;
    const result = await sql<{ id: string; hash: string }>`select entry_number as id, hash from audit_anchors
      order by entry_number desc limit 1`.execute(this.db);
    const row = result.rows[0];
    return row ? { id: Number(row.id), hash: row.hash } : null;
  }

  async read(): Promise<AuditAnchorSnapshot | null> {
    // A dropped table is "the anchors are gone", which verify reports, never an empty set.
    if (!(await this.present())) return null;
    const result = await sql<{ id: string; hash: string }>`select entry_number as id, hash from audit_anchors
      order by entry_number`.execute(this.db);
    return { anchoredFrom: 1, anchors: result.rows.map((r) => ({ id: Number(r.id), hash: r.hash })), rewritableByApp: await this.rewritableByApp() };
  }

  /**
   * Whether this session's role owns the table or its schema (a schema's owner may drop any table in it), directly
   * or through a role it belongs to; a superuser belongs to every role.
   */
  private async rewritableByApp(): Promise<boolean> {
    const result = await sql<{ mine: boolean }>`select pg_has_role(current_user, c.relowner, 'MEMBER')
        or pg_has_role(current_user, n.nspowner, 'MEMBER') as mine
      from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = 'audit_anchors'::regclass`.execute(this.db);
    return result.rows[0]?.mine !== false;
  }

  private async present(): Promise<boolean> {
    const result = await sql<{ present: boolean }>`select to_regclass('audit_anchors') is not null as present`.execute(this.db);
    return result.rows[0]?.present === true;
  }
}
