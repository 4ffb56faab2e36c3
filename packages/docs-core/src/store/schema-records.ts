import type { Generated } from 'kysely';

/**
 * Tables of the file list, the record files and the handover (migration 70), kept apart from schema.ts so that
 * parallel work on the document tables does not collide with them.
 */

/** Danh mục hồ sơ of one year: drafted, then approved by the head and frozen. */
export interface FilePlansTable {
  year: number;
  organ_id: string;
  numbering: 'continuous' | 'per-heading';
  state: 'draft' | 'approved';
  approved_by: string | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Đề mục lớn of a year's list. */
export interface FilePlanHeadingsTable {
  plan_year: number;
  code: string;
  title: string;
  position: number;
}

/** One line of the list: a file to be opened during the year. */
export interface FilePlanEntriesTable {
  plan_year: number;
  notation: string;
  number: number;
  heading_code: string;
  title: string;
  /** `permanent` or a number of years, as text. */
  retention: string;
  unit: string;
  person: string | null;
  rights: string;
  secrecy: string;
  construction: number;
  notes: string | null;
  position: number;
}

/** A change to an approved list: who, when, why, which lines (also in the audit log). */
export interface FilePlanAmendmentsTable {
  id: Generated<number>;
  plan_year: number;
  at: string;
  by: string;
  reason: string;
  added: string;
  removed: string;
  changed: string;
}

/** Thời hạn bảo quản the agency may choose from: `permanent` or years as text. */
export interface RetentionCatalogueTable {
  retention: string;
  position: number;
}

/** Hồ sơ: opened from a line of an approved list, with Phụ lục VI's file fields. */
export interface RecordFilesTable {
  id: string;
  plan_year: number;
  notation: string;
  organ_id: string;
  heading_code: string;
  heading_title: string;
  title: string;
  retention: string;
  rights: string;
  creator: string | null;
  language: string | null;
  start_date: string | null;
  end_date: string | null;
  doc_total: number;
  page_total: number | null;
  description: string | null;
  unit: string;
  person: string | null;
  secrecy: string;
  construction: number;
  state: 'open' | 'closed' | 'archived';
  opened_at: string;
  opened_by: string;
  closed_at: string | null;
  closed_by: string | null;
  due_date: string | null;
  kept_until: string | null;
  keep_reason: string | null;
  reminded_at: string | null;
  accepted_at: string | null;
  accepted_by: string | null;
}

/** A document in a file, by reference (never copied), with its ordinal in that file. */
export interface RecordFileDocumentsTable {
  file_id: string;
  document_id: string;
  doc_ordinal: number;
  added_at: string;
  added_by: string;
}

export interface RecordsTables {
  file_plans: FilePlansTable;
  file_plan_headings: FilePlanHeadingsTable;
  file_plan_entries: FilePlanEntriesTable;
  file_plan_amendments: FilePlanAmendmentsTable;
  retention_catalogue: RetentionCatalogueTable;
  record_files: RecordFilesTable;
  record_file_documents: RecordFileDocumentsTable;
}
