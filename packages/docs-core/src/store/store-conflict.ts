import { EOfficeError } from '@eoffice/contract';

/**
 * What a database refusal caused by another writer means to the caller. Services check before they write ("is this
 * username taken?"), but two callers can both pass the check and race to the write; the loser's database then refuses
 * with a unique-key violation, or PostgreSQL breaks a deadlock or a serialization conflict by failing one side. That
 * is not a bug (E_INTERNAL) but a conflict the caller can see and retry: nothing was written, the transaction rolled
 * back. Never retried here: the caller decides, with what it now knows (the other write may have done its work).
 */
export function storeConflictOf(error: unknown): EOfficeError | undefined {
  if (!(error instanceof Error)) return undefined;
  const code: unknown = (error as { code?: unknown }).code;
  if (isUniqueViolation(code, error.message)) {
    return new EOfficeError('E_CONFLICT', 'Đã có bản ghi trùng do một thao tác khác vừa ghi; hãy tải lại và thử lại / a concurrent change already wrote this; reload and try again');
  }
  if (code === POSTGRES_DEADLOCK || code === POSTGRES_SERIALIZATION_FAILURE || code === 'SQLITE_BUSY') {
    return new EOfficeError('E_CONFLICT', 'Dữ liệu đang được thao tác khác ghi; không có gì thay đổi, hãy thử lại / another change held the data; nothing was changed, try again');
  }
  return undefined;
}

/** PostgreSQL's SQLSTATEs (Appendix A): unique_violation, deadlock_detected, serialization_failure. */
const POSTGRES_UNIQUE_VIOLATION = '23505';
const POSTGRES_DEADLOCK = '40P01';
const POSTGRES_SERIALIZATION_FAILURE = '40001';

function isUniqueViolation(code: unknown, message: string): boolean {
  if (code === POSTGRES_UNIQUE_VIOLATION) return true;
  // node-sqlite3 gives every constraint the one code SQLITE_CONSTRAINT (the extended code is not exposed): the
  // message tells a unique or primary key ("UNIQUE constraint failed: t.c" for both) from a NOT NULL, CHECK or
  // foreign key, which are bugs, not races.
  return code === 'SQLITE_CONSTRAINT' && message.includes('UNIQUE constraint failed');
}
