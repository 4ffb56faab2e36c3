import type { Generated } from 'kysely';

/**
 * The tables of the agency database, as Kysely sees them. Each migration that adds or changes a table updates the
 * matching interface here.
 */
export interface AppSettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

/** Văn bản: one row per document, whatever its direction. Later migrations add the Decree 30 fields. */
export interface DocumentsTable {
  id: string;
  direction: 'incoming' | 'outgoing' | 'internal';
  state: string;
  created_at: string;
  updated_at: string;
}

export interface BlobsTable {
  sha256: string;
  size: number;
  media_type: string;
  created_at: string;
  seq: Generated<number>;
}

export interface Database {
  app_settings: AppSettingsTable;
  documents: DocumentsTable;
  blobs: BlobsTable;
}
