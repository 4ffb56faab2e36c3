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
 * SQLite: `FileAuditAnchorStore`, a file beside the database. PostgreSQL (issue 10): a table only a separate role may
 * insert into (no update, no delete grants), written in the same transaction through a SECURITY DEFINER function
 * owned by that role; it implements this same interface.
 */
export interface AuditAnchorStore {
  /** For messages: where the anchors are (a path, a table name). */
  readonly location: string;
  /** The newest anchor, read from the store itself (never a cache: another process may have appended). */
  last(): Promise<AuditAnchor | null>;
  /** Appends anchors with ids above `last()`'s, in order; durable when it resolves. */
  append(anchors: readonly AuditAnchor[]): Promise<void>;
  /** Every anchor, for `audit verify`; null when the store has no anchors at all (its file or table is gone). */
  read(): Promise<AuditAnchorSnapshot | null>;
}
