import type { AuditRecord } from '../audit/audit-log.js';
import { hashAuditEntry } from '../audit/audit-entry-hash.js';
import type { AuditLogTable } from '../store/schema.js';

/** Where the chain stands: the last entry's id and hash (0 and the genesis hash for an empty log). */
export interface AuditChainHead {
  readonly id: number;
  readonly hash: string;
}

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
    const fields = {
      id: this.#head.id + 1,
      at,
      actor: record.actor,
      action: record.action,
      objectType: record.objectType,
      objectId: record.objectId,
      before: summary(record.before),
      after: summary(record.after),
      prevHash: this.#head.hash,
    };
    const hash = hashAuditEntry(fields);
    this.#head = { id: fields.id, hash };
    return {
      id: fields.id, at, actor: fields.actor, action: fields.action, object_type: fields.objectType, object_id: fields.objectId,
      before: fields.before, after: fields.after, prev_hash: fields.prevHash, hash,
    };
  }
}

/** The same summary `appendAudit` stores: JSON, or null for nothing. */
function summary(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
