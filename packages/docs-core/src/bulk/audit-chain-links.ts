import { linkAuditEntry, type AuditChainHead, type AuditRecord } from '../audit/audit-log.js';
import type { AuditLogTable } from '../store/schema.js';

export type { AuditChainHead };

/**
 * Links records onto the chain exactly as `appendAudit` does one at a time (same canonical form and hash), so
 * `verifyAuditChain` cannot tell a bulk-written stretch from one written entry by entry.
 */
export class AuditChainLinks {
  #head: AuditChainHead;

  constructor(head: AuditChainHead) {
    this.#head = head;
  }

  get head(): AuditChainHead {
    return this.#head;
  }

  /** The next entry as an audit_log row. `at` is the caller's clock reading (Vietnam ISO time). */
  append(record: AuditRecord, at: string): AuditLogTable {
    const row = linkAuditEntry(this.#head, record, at);
    this.#head = { id: row.id, hash: row.hash };
    return row;
  }
}
