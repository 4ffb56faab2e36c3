export { openStore, postgresDisplayUrl, DATABASE_FILE_NAME, STORE_ENTRIES, type Store, type OpenStoreOptions } from './store/store.js';
export { type PostgresConnection } from './store/postgres-dialect.js';
export { parseStoreUrl, type StoreUrl } from './store/store-url.js';
export { copyStore, countRows, type CopiedTable } from './store/copy-store.js';
export { backupSqliteStore, restoreSqliteStore, type BackupHeader, type BackupSummary, type RestoreSummary } from './store/store-backup.js';
export { dialectOf, type StoreDialect } from './store/store-dialect.js';
export { storeConflictOf } from './store/store-conflict.js';
export {
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
  ensurePrivateFile,
  makePrivateDir,
  makePrivateDirSync,
  narrowModesUnder,
  type ModeRepair,
} from './store/private-files.js';
export { BlobStore, type StoredBlob } from './store/blob-store.js';
export { SqliteFileDialect } from './store/sqlite-dialect.js';
export { migrations, latestSchemaVersion } from './store/migrations/index.js';
export { migrateTo, readSchemaVersion, writeSchemaVersion } from './store/migrator.js';
export type { Migration } from './store/migration.js';
export type { Database } from './store/schema.js';
export { createSystemService } from './services/system-service.js';
export * from './clock/index.js';
export * from './model/index.js';
export * from './audit/index.js';
export * from './ports/index.js';
export * from './numbering/index.js';
export { readAgency, requireAgency, abbreviate, type AgencySettings, type NumberingScheme } from './agency/agency-settings.js';
export { readSigningPolicy, timestampRequest, DEFAULT_SIGNING_POLICY, type SigningPolicy } from './agency/signing-policy.js';
export { resolveActor, requireRole, loadActorByUsername, type Actor } from './users/actor.js';
export { hashPassword, verifyPassword } from './users/password-hash.js';
export { createUser, login, countUsers, type NewUser, type UserView } from './users/user-accounts.js';
export { DocumentWorkflow } from './workflow/document-workflow.js';
export { SYSTEM_ACTOR } from './workflow/system-actor.js';
export type { PreparedCheck } from './workflow/prepared-check.js';
export type { ReceiveInput, AxisReceiveInput, DraftInput, AssignInput } from './workflow/workflow-inputs.js';
export type { WorkflowDeps } from './workflow/deps.js';
export { OUTGOING_RULES, INCOMING_RULES, type TransitionRule } from './workflow/lifecycle.js';
export { BUSINESS_TYPE, STATUS_CODE, assertExchangeable } from './workflow/outbox.js';
export { createDocumentsService } from './services/documents-service.js';
export { createUsersService } from './services/users-service.js';
export { LoginThrottle, DEFAULT_LOGIN_THROTTLE, type LoginThrottlePolicy } from './users/login-throttle.js';
export { createRegistersService } from './services/registers-service.js';
export { createAuditService } from './services/audit-service.js';
export { createWorklistService } from './services/worklist-service.js';
export { createCertificatesService } from './services/certificates-service.js';
export { createRecordsService } from './services/records-service.js';
export { maySeeFile } from './records/file-visibility.js';
export { recordHandoverReminders, REMINDER_DAYS } from './handover/handover-due.js';
export { DEFAULT_PACKAGE_PROFILE, readPackageProfile, type PackageProfile } from './handover/package-profile.js';
export { createDocsCoreServices, type DocsCoreServicesOptions } from './services/docs-core-services.js';
export { createFileTransfer, type FileTransfer } from './files/file-transfer.js';
export type { FileDownload } from './files/file-downloads.js';
export { checkedStream, readWhole, type StreamCheck } from './files/checked-stream.js';
export * from './registers-print/index.js';
export * from './demo/index.js';
export * from './directory/index.js';
export * from './calendar/index.js';
export * from './stats/index.js';
export * from './bulk/index.js';
export * from './certificates/index.js';
export * from './trust/index.js';
export { createTrustService } from './services/trust-service.js';
export {
  SqliteSearchIndex,
  defaultSearchIndex,
  indexDocumentForSearch,
  removeFromSearch,
  extractPdfText,
  extractPendingTexts,
  startTextExtraction,
  parseSearchText,
  type SearchIndex,
  type SearchDocument,
  type SearchQuery,
  type SearchHit,
  type SearchPage,
} from './search/index.js';
export { createDirectoryService } from './services/directory-service.js';
export { createSearchService } from './services/search-service.js';
export { createStatisticsService } from './services/statistics-service.js';
export { createCalendarService } from './services/calendar-service.js';
export * from './users/secret-access.js';
export * from './ocr/index.js';
export { suggestFromText, type ReceiveSuggestions, type Suggestion, type DirectoryCandidate } from './ocr/receive-suggestions.js';
