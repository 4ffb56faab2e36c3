import type { Generated } from 'kysely';
import type { DocumentState } from '../model/document-state.js';
import type { DirectoryCalendarSearchTables } from './schema-directory-calendar-search.js';
import type { RecordsTables } from './schema-records.js';
import type { OcrTables } from './schema-ocr.js';

/**
 * The tables of the agency database, as Kysely sees them. Each migration that adds or changes a table updates the
 * matching interface here.
 */
export interface AppSettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

/** Văn bản: one row per document, whatever its direction, with the Decree 30 Phụ lục VI fields (migration 3). */
export interface DocumentsTable {
  id: string;
  direction: 'incoming' | 'outgoing' | 'internal';
  state: DocumentState;
  created_at: string;
  updated_at: string;
  /** Năm of the register the document belongs to (Vietnam time). */
  year: number | null;
  /** How it arrived or began: axis, paper (scan), file, draft. */
  source: string | null;
  type_code: string | null;
  type_name: string | null;
  code_number: string | null;
  code_notation: string | null;
  issued_date: string | null;
  organ_id: string | null;
  organ_name: string | null;
  subject: string | null;
  language: string | null;
  page_amount: number | null;
  description: string | null;
  signer_position: string | null;
  signer_full_name: string | null;
  signer_user_id: string | null;
  /** The signer's profile name when it differs from the certificate's (migration 50); shown beside, never instead. */
  signer_profile_name: string | null;
  /** Thẩm quyền ký of an outgoing draft: TM, KT, TL, TUQ or Q; null when the head signs in their own right (migration 120). */
  signing_authority: string | null;
  /** Ký thay: the leader a deputy signed for (migration 210); null when the signer signed in their own name. */
  signed_for_user_id: string | null;
  urgency: string | null;
  secrecy: string | null;
  issued_amount: number | null;
  due_date: string | null;
  arrival_date: string | null;
  arrival_number: number | null;
  to_places: string | null;
  file_organ_id: string | null;
  file_catalog: number | null;
  file_notation: string | null;
  doc_ordinal: number | null;
  drafter_id: string | null;
  drafting_unit: string | null;
  exchange_document_id: string | null;
  business_type: number | null;
  content_hash: string | null;
  related_document_id: string | null;
  /** The document that replaced this one (thay thế, business type 3; migration 180); null while it stands. */
  replaced_by: string | null;
  duplicate_of: string | null;
  /** JSON array of the arrival check's findings (migration 100); null: not checked. */
  check_findings: string | null;
  recall_requested: number | null;
  recall_reason: string | null;
  state_before_recall: DocumentState | null;
  result_note: string | null;
  reply_document_id: string | null;
  reject_reason: string | null;
  paper_dispatch: number | null;
  copy_form: string | null;
}

export interface BlobsTable {
  sha256: string;
  size: number;
  media_type: string;
  created_at: string;
  seq: Generated<number>;
}

export type RoleName = 'clerk' | 'leader' | 'specialist' | 'archivist' | 'admin';

export interface UsersTable {
  id: string;
  username: string;
  full_name: string;
  position: string | null;
  unit: string | null;
  password_hash: string | null;
  active: Generated<number>;
  created_at: string;
  /** Blob of the signature image (migration 30); null until one is set. */
  signature_image_sha256: string | null;
  /** Failed sign-ins since the last good one (migration 40). */
  failed_logins: Generated<number>;
  /** When repeated failures locked the account; null while it is open. */
  locked_at: string | null;
  /** 1 after an admin's reset (migration 80): the next sign-in must set a new password before anything else. */
  must_change_password: Generated<number>;
}

export interface UserRolesTable {
  user_id: string;
  role: RoleName;
}

export interface SessionsTable {
  /** SHA-256 of the token: a copied database file does not hand out live sessions. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface AuditLogTable {
  id: number;
  at: string;
  actor: string;
  action: string;
  object_type: string;
  object_id: string;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  singleton: number;
  last_id: number;
  last_hash: string;
}

export interface DocumentFilesTable {
  id: Generated<number>;
  document_id: string;
  /**
   * issued-attachment: an attachment in a separate file as the agency signed it on issue. archival: the record
   * original with long-term validation material added when its record file closed (migration 190).
   */
  role: 'main' | 'attachment' | 'signed' | 'issued' | 'issued-attachment' | 'scan' | 'archival';
  name: string;
  sha256: string;
  size: number;
  media_type: string;
  added_at: string;
}

export interface DocumentVersionsTable {
  id: Generated<number>;
  document_id: string;
  version: number;
  sha256: string;
  author_id: string;
  note: string | null;
  created_at: string;
}

export interface DocumentSignaturesTable {
  id: Generated<number>;
  document_id: string;
  kind: 'received' | 'person' | 'agency';
  valid: number;
  signer_name: string | null;
  signed_at: string | null;
  /** JSON of the verifier's report. */
  result: string;
  checked_at: string;
  /** The certificate that made the signature (migration 50); null on paper and for rows before it. */
  certificate_subject: string | null;
  certificate_serial: string | null;
}

/** A certificate bound to a person (their signatures) or to the agency (its seal) (migration 50). */
export interface SigningCertificatesTable {
  id: Generated<number>;
  owner: 'person' | 'agency';
  user_id: string | null;
  fingerprint: string;
  subject: string;
  common_name: string | null;
  organization: string | null;
  issuer: string;
  serial: string;
  not_before: string;
  not_after: string;
  /** JSON array of key usage names; null when the certificate has no KeyUsage extension. */
  key_usage: string | null;
  added_by: string;
  added_at: string;
}

export interface DocumentRecipientsTable {
  document_id: string;
  organ_id: string;
  organ_name: string | null;
}

export interface ProcessingLogTable {
  id: Generated<number>;
  document_id: string;
  at: string;
  actor_id: string;
  action: string;
  from_state: DocumentState | null;
  to_state: DocumentState | null;
  note: string | null;
}

export interface RegistersTable {
  id: string;
  agency_id: string;
  year: number;
  direction: 'incoming' | 'outgoing';
  kind: 'normal' | 'secret' | 'copy';
  title: string;
  created_at: string;
}

export interface NumberSequencesTable {
  register_id: string;
  sequence_key: string;
  last_value: number;
}

export interface RegisterEntriesTable {
  id: Generated<number>;
  register_id: string;
  sequence_key: string;
  number: number;
  document_id: string;
  code: string | null;
  status: 'active' | 'void' | 'recalled';
  note: string | null;
  registered_at: string;
  registered_by: string;
}

export interface AssignmentsTable {
  id: Generated<number>;
  document_id: string;
  user_id: string;
  role: 'lead' | 'support' | 'inform';
  due_date: string | null;
  instructions: string | null;
  status: 'assigned' | 'in_progress' | 'completed' | 'cancelled';
  assigned_by: string;
  assigned_at: string;
  completed_at: string | null;
}

export interface AssignmentExtensionsTable {
  id: Generated<number>;
  assignment_id: number;
  previous_due_date: string | null;
  new_due_date: string;
  reason: string;
  granted_by: string;
  granted_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  created_at: string;
  document_id: string;
  kind: 'document' | 'status';
  /** edXML BussinessDocType: 0 new, 1 revoke, 2 update, 3 replace. */
  business_type: number | null;
  /** edXML status: 01…06, 13, 15, 16. */
  status_code: string | null;
  recipient_organ_id: string;
  payload: string;
  state: 'pending' | 'sending' | 'sent' | 'failed' | 'quarantined';
  attempts: Generated<number>;
  next_attempt_at: string | null;
  last_error: string | null;
  /** The axis's DocId once the axis took the message (migration 0090). */
  axis_doc_id: string | null;
  sent_at: string | null;
}

/** Every axis message the sync engine took in (migration 0090): a docId seen again is only acked. */
export interface ExchangeInboxTable {
  axis_doc_id: string;
  message_type: 'edoc' | 'status';
  state: 'stored' | 'duplicate' | 'applied' | 'quarantined';
  received_at: string;
  document_id: string | null;
  exchange_document_id: string | null;
  business_type: number | null;
  content_hash: string | null;
  sender_organ_id: string | null;
  error_code: string | null;
  error: string | null;
  file: string | null;
}

/** A business status a recipient sent back for a document this agency sent (01…06, 13, 15, 16). */
export interface ExchangeStatusesTable {
  id: Generated<number>;
  exchange_document_id: string;
  document_id: string | null;
  organ_id: string;
  organ_name: string | null;
  status_code: string;
  description: string;
  status_time: string;
  received_at: string;
  axis_doc_id: string | null;
}

export interface ExchangeSettingsTable {
  key: string;
  value: string;
}

/** Ký thay (migration 210): a leader's deputy for a period of Vietnam dates, both ends included. */
export interface SigningDeputiesTable {
  id: Generated<number>;
  leader_user_id: string;
  deputy_user_id: string;
  from_date: string;
  to_date: string;
  created_by: string;
  created_at: string;
  ended_by: string | null;
  ended_at: string | null;
}

/** Ý kiến phối hợp (migration 210): a supporting assignee's opinion on their assignment. */
export interface AssignmentOpinionsTable {
  id: Generated<number>;
  assignment_id: number;
  user_id: string;
  text: string;
  given_at: string;
}

/** Who opened which document (migration 0060): the unread badge. */
export interface DocumentReadsTable {
  user_id: string;
  document_id: string;
  read_at: string;
}

export interface Database extends DirectoryCalendarSearchTables, RecordsTables, OcrTables {
  app_settings: AppSettingsTable;
  documents: DocumentsTable;
  blobs: BlobsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  document_files: DocumentFilesTable;
  document_versions: DocumentVersionsTable;
  document_signatures: DocumentSignaturesTable;
  document_recipients: DocumentRecipientsTable;
  processing_log: ProcessingLogTable;
  registers: RegistersTable;
  number_sequences: NumberSequencesTable;
  register_entries: RegisterEntriesTable;
  assignments: AssignmentsTable;
  document_reads: DocumentReadsTable;
  assignment_extensions: AssignmentExtensionsTable;
  assignment_opinions: AssignmentOpinionsTable;
  signing_deputies: SigningDeputiesTable;
  outbox: OutboxTable;
  exchange_inbox: ExchangeInboxTable;
  exchange_statuses: ExchangeStatusesTable;
  exchange_settings: ExchangeSettingsTable;
  signing_certificates: SigningCertificatesTable;
  trust_anchors: TrustAnchorsTable;
  directory_endpoint_certificates: DirectoryEndpointCertificatesTable;
  archival_pending: ArchivalPendingTable;
}

/** A signed document of a closed record file still waiting for its archival copy (migration 190). */
export interface ArchivalPendingTable {
  document_id: string;
  file_id: string;
  /** The original the copy is to be made from. */
  source_sha256: string;
  since: string;
  reason: string;
}

/** A root the agency trusts (migration 100): the DER, and what the list shows. */
export interface TrustAnchorsTable {
  id: Generated<number>;
  fingerprint: string;
  der: Uint8Array;
  subject: string;
  common_name: string | null;
  organization: string | null;
  serial: string;
  not_before: string;
  not_after: string;
  added_by: string;
  added_at: string;
}

/** A certificate an endpoint of the directory seals with (its SHA-256 fingerprint), migration 100. */
export interface DirectoryEndpointCertificatesTable {
  code: string;
  fingerprint: string;
}
