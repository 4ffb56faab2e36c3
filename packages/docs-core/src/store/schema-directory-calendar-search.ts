import type { Generated } from 'kysely';

/**
 * Tables of the directory, the working-day calendar and the search index (migrations 20–29), kept apart from
 * schema.ts so that parallel work on the document tables does not collide with them.
 */

/** Cấp trong danh bạ: the level structure is data (3 levels in the demo province, 2 after the 2025 reform). */
export interface DirectoryLevelsTable {
  level: number;
  name: string;
}

/** Đầu mối: an agency or unit with its mã định danh (`XXX.YY.ZZ.Lnn`). */
export interface DirectoryEndpointsTable {
  code: string;
  name: string;
  name_folded: string;
  parent_code: string | null;
  level: number;
  kind: string | null;
  updated_at: string;
}

/** Ngày lễ cố định: a public holiday on the same date every year. */
export interface CalendarRecurringHolidaysTable {
  month: number;
  day: number;
  name: string;
}

/** One dated exception to the weekly pattern: a holiday (Tết, compensatory day) or a worked weekend day. */
export interface CalendarDaysTable {
  date: string;
  kind: 'holiday' | 'working';
  name: string;
  created_at: string;
  created_by: string | null;
}

/** What a search hit shows and what its filters read; `sort_key` is also the rowid of both FTS tables. */
export interface SearchEntriesTable {
  sort_key: number;
  document_id: string;
  direction: string;
  doc_date: string;
  type_code: string | null;
  issuer_code: string | null;
  issuer_name: string | null;
  state: string | null;
  urgency: string | null;
  number: string | null;
  symbol: string | null;
  subject: string | null;
  signer_name: string | null;
  /** 1 for Mật, Tối mật, Tuyệt mật (migration 24): only the actors the service allows ever get these rows. */
  secret: Generated<number>;
}

/** Text extracted from a file (PDF) in the background, by content hash. */
export interface SearchFileTextsTable {
  sha256: string;
  status: 'pending' | 'done' | 'failed';
  text: string | null;
  error: string | null;
  updated_at: string;
}

export interface SearchEntryFilesTable {
  document_id: string;
  sha256: string;
}

export interface DirectoryCalendarSearchTables {
  directory_levels: DirectoryLevelsTable;
  directory_endpoints: DirectoryEndpointsTable;
  calendar_recurring_holidays: CalendarRecurringHolidaysTable;
  calendar_days: CalendarDaysTable;
  search_entries: SearchEntriesTable;
  search_file_texts: SearchFileTextsTable;
  search_entry_files: SearchEntryFilesTable;
}
