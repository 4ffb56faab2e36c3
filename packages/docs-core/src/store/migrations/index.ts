import type { Migration } from '../migration.js';
import { migration0001Initial } from './0001-initial.js';
import { migration0002UsersAndAudit } from './0002-users-and-audit.js';
import { migration0003DocumentFields } from './0003-document-fields.js';
import { migration0004RegistersAndNumbering } from './0004-registers-and-numbering.js';
import { migration0005AssignmentsAndOutbox } from './0005-assignments-and-outbox.js';
import { migration0020Directory } from './0020-directory.js';
import { migration0021Calendar } from './0021-calendar.js';
import { migration0022Search } from './0022-search.js';
import { migration0023SearchDropFilterIndexes } from './0023-search-drop-filter-indexes.js';
import { migration0024SearchSecret } from './0024-search-secret.js';
import { migration0030SignatureImages } from './0030-signature-images.js';
import { migration0031IssuedAttachmentFiles } from './0031-issued-attachment-files.js';
import { migration0040LoginLockout } from './0040-login-lockout.js';
import { migration0050SigningCertificates } from './0050-signing-certificates.js';
import { migration0060DocumentReads } from './0060-document-reads.js';
import { migration0070RecordFiles } from './0070-record-files.js';
import { migration0080PasswordChangeRequired } from './0080-password-change-required.js';
import { migration0090ExchangeSync } from './0090-exchange-sync.js';
import { migration0100ArrivalChecks } from './0100-arrival-checks.js';
import { migration0120SigningAuthority } from './0120-signing-authority.js';
import { migration0170OcrJobs } from './0170-ocr-jobs.js';
import { migration0180ReplacedBy } from './0180-replaced-by.js';
import { migration0190ArchivalFiles } from './0190-archival-files.js';
import { migration0200AuditAnchors } from './0200-audit-anchors.js';
import { migration0210DeputiesAndOpinions } from './0210-deputies-and-opinions.js';
import { migration0220DocumentListIndexes } from './0220-document-list-indexes.js';
import { migration0230SearchTimeBuckets } from './0230-search-time-buckets.js';

/**
 * The single ordered migration list for the whole database file. Append only; never edit a shipped step. A new step
 * always takes a number above the latest: the file records only its version, so a step numbered below a version
 * some database already has would never run there (numbers may skip: 6–19 and 25–29 were simply never used).
 */
export const migrations: readonly Migration[] = [
  migration0001Initial,
  migration0002UsersAndAudit,
  migration0003DocumentFields,
  migration0004RegistersAndNumbering,
  migration0005AssignmentsAndOutbox,
  migration0020Directory,
  migration0021Calendar,
  migration0022Search,
  migration0023SearchDropFilterIndexes,
  migration0024SearchSecret,
  migration0030SignatureImages,
  migration0031IssuedAttachmentFiles,
  migration0040LoginLockout,
  migration0050SigningCertificates,
  migration0060DocumentReads,
  migration0070RecordFiles,
  migration0080PasswordChangeRequired,
  migration0090ExchangeSync,
  migration0100ArrivalChecks,
  migration0120SigningAuthority,
  migration0170OcrJobs,
  migration0180ReplacedBy,
  migration0190ArchivalFiles,
  migration0200AuditAnchors,
  migration0210DeputiesAndOpinions,
  migration0220DocumentListIndexes,
  migration0230SearchTimeBuckets,
];

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;
