/** One audit entry as the anchor store remembers it: its number and its hash. */
export interface AuditAnchor {
  readonly id: number;
  readonly hash: string;
}

/** What an anchor store holds: the anchors in id order and the entry it started from. */
export interface AuditAnchorSnapshot {
  /**
   * The first entry the store was meant to anchor: 1 for a store anchored from its creation, the next entry of an
   * older chain when anchoring began later (that chain's head is then the first anchor).
   */
  readonly anchoredFrom: number;
  readonly anchors: readonly AuditAnchor[];
  /**
   * PostgreSQL: whether the role the app signs in as could still rewrite the anchors (it owns the table or its schema,
   * or is a superuser), i.e. the DBA's hardening (README, "Audit anchors on the server") has not been done. Absent for
   * the SQLite file, which the app's own OS user always can.
   */
  readonly rewritableByApp?: boolean;
}

/** Reading the anchors: what `audit verify` needs, whichever store keeps them. */
export interface AuditAnchorSource {
  /** For messages: where the anchors are (a path, a table name). */
  readonly location: string;
  /**
   * The newest anchor as the store holds it now (another process may have appended): a file store may answer from
   * what it last read or wrote only after checking that the file has not changed since (size, times, inode).
   */
  last(): Promise<AuditAnchor | null>;
  /** Every anchor, for `audit verify`; null when the store has no anchors at all (its file or table is gone). */
  read(): Promise<AuditAnchorSnapshot | null>;
}

/**
 * Where the audit chain's anchors live: outside the audited table, so someone who rewrites the table (the `sqlite3`
 * shell: delete the newest entries, rewrite `audit_head`) cannot rewrite the anchors with it. Append-only: there is
 * no method to change or remove an anchor.
 *
 * The store calls `append` inside every transaction that added audit entries, after the last statement and before
 * COMMIT, while it holds the database's write lock, so two processes never append at once; `append` resolves only once
 * the anchors are durable (fsync). An anchor is written before its entry commits: if the COMMIT itself then fails (a
 * full disk), the anchor names an entry that never existed and `audit verify` reports it; the other order would
 * leave a committed entry unanchored, which is the gap an attacker needs.
 *
 * SQLite: `FileAuditAnchorStore`, a file beside the database. PostgreSQL has no app-side append: its anchors are the
 * insert-only `audit_anchors` table, written by a trigger on `audit_log` in the entry's own transaction (migration
 * 0200, which says what a DBA-run server can and cannot guarantee), and read through `PostgresAuditAnchors`.
 */
export interface AuditAnchorStore extends AuditAnchorSource {
  /** Appends anchors with ids above `last()`'s, in order; durable when it resolves. */
  append(anchors: readonly AuditAnchor[]): Promise<void>;
}
