import { mkdir, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { SqliteFileDialect, ensurePrivateFile, makePrivateDir } from '@eoffice/docs-core';

/** One message for one receiver: kept until that receiver acks it with `updateStatus done`. */
export interface AxisMessagesTable {
  doc_id: string;
  to_organ: string;
  from_organ: string;
  sender_system: string;
  message_type: 'edoc' | 'status';
  sha256: string;
  size: number;
  state: 'initial' | 'done';
  attempts: number;
  created_at: string;
  updated_at: string;
}

export interface AxisAgenciesTable {
  code: string;
  name: string;
  parent_code: string | null;
  mail: string;
}

export interface AxisDatabase {
  axis_messages: AxisMessagesTable;
  axis_agencies: AxisAgenciesTable;
}

export interface AxisStore {
  readonly db: Kysely<AxisDatabase>;
  readonly filesDir: string;
  close(): Promise<void>;
}

/** The local axis's own SQLite file (not an agency store): messages by receiver, the agency directory, bodies as files. */
export async function openAxisStore(dataDir: string): Promise<AxisStore> {
  await makePrivateDir(dataDir);
  const path = join(dataDir, 'axis.sqlite');
  await ensurePrivateFile(path);
  const filesDir = join(dataDir, 'messages');
  await mkdir(filesDir, { recursive: true, mode: 0o700 });
  await chmod(filesDir, 0o700);
  const db = new Kysely<AxisDatabase>({ dialect: new SqliteFileDialect({ path }) });
  await sql`create table if not exists axis_messages (
    doc_id text not null, to_organ text not null, from_organ text not null, sender_system text not null,
    message_type text not null check (message_type in ('edoc', 'status')), sha256 text not null, size integer not null,
    state text not null check (state in ('initial', 'done')), attempts integer not null default 0,
    created_at text not null, updated_at text not null, primary key (doc_id, to_organ))`.execute(db);
  await sql`create index if not exists axis_messages_inbox on axis_messages (to_organ, message_type, state)`.execute(db);
  await sql`create table if not exists axis_agencies (code text primary key, name text not null, parent_code text, mail text not null default '')`.execute(db);
  return { db, filesDir, close: () => db.destroy() };
}
