import { createHash } from 'node:crypto';

/** The hash that the first entry links to. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryFields {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly prevHash: string;
}

/**
 * Canonical form: a JSON array in a fixed field order. Arrays have no key-order ambiguity and JSON.stringify of
 * strings, integers and null is deterministic, so any later reader can recompute the hash byte for byte.
 */
export function canonicalAuditEntry(entry: AuditEntryFields): string {
  return JSON.stringify([
    'eoffice-audit-v1',
    entry.id,
    entry.at,
    entry.actor,
    entry.action,
    entry.objectType,
    entry.objectId,
    entry.before,
    entry.after,
    entry.prevHash,
  ]);
}

export function hashAuditEntry(entry: AuditEntryFields): string {
  return createHash('sha256').update(canonicalAuditEntry(entry), 'utf8').digest('hex');
}
