export { bulkImportDocuments, type BulkImportOptions, type BulkImportReport, type ImportedDocumentRow } from './bulk-import-documents.js';
export { AuditChainLinks, type AuditChainHead } from './audit-chain-links.js';
