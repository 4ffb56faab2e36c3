import type { Selectable } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import type { DocumentFilesTable } from '../store/schema.js';
import type { TakenFile } from './file-intake.js';
import type { Reader, Trx } from './workflow-core.js';

type FileRole = Selectable<DocumentFilesTable>['role'];

/** The newest file of the first role that has one: e.g. the issued file, else the signed one, else the draft. */
export async function latestFile(db: Reader, id: string, roles: ReadonlyArray<'main' | 'signed' | 'issued' | 'scan'>) {
  for (const role of roles) {
    const file = await db.selectFrom('document_files').selectAll().where('document_id', '=', id).where('role', '=', role).orderBy('id', 'desc').executeTakeFirst();
    if (file) return file;
  }
  throw new EOfficeError('E_NOT_FOUND', `Văn bản chưa có tệp ${roles.join('/')} / the document has no such file`);
}

export async function insertFiles(trx: Trx, id: string, main: TakenFile, mainRole: 'main' | 'scan', attachments: readonly TakenFile[], at: string) {
  for (const [file, role] of [[main, mainRole] as const, ...attachments.map((a) => [a, 'attachment'] as const)]) {
    await recordFile(trx, id, role, file, at);
  }
}

/** A file of the document, and its blob's row (what a later integrity check or clean-up of the blob store reads). */
export async function recordFile(trx: Trx, id: string, role: FileRole, file: Pick<TakenFile, 'name' | 'sha256' | 'size' | 'mediaType'>, at: string) {
  await trx.insertInto('document_files').values({ document_id: id, role, name: file.name, sha256: file.sha256, size: file.size, media_type: file.mediaType, added_at: at }).execute();
  await trx.insertInto('blobs').values({ sha256: file.sha256, size: file.size, media_type: file.mediaType, created_at: at }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
}
