export { appendAudit, verifyAuditChain, type AuditRecord, type AuditChainReport } from './audit-log.js';
export { GENESIS_HASH, canonicalAuditEntry, hashAuditEntry } from './audit-entry-hash.js';
export type { AuditAnchor, AuditAnchorSnapshot, AuditAnchorSource, AuditAnchorStore } from './audit-anchor-store.js';
export { PostgresAuditAnchors } from './postgres-audit-anchors.js';
export { FileAuditAnchorStore } from './file-audit-anchor-store.js';
export { AUDIT_ANCHORS_FILE_SUFFIX, anchorNewAuditEntries } from './audit-anchoring.js';
