export { appendAudit, verifyAuditChain, type AuditRecord, type AuditChainReport } from './audit-log.js';
export { GENESIS_HASH, canonicalAuditEntry, hashAuditEntry } from './audit-entry-hash.js';
