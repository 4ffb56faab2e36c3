import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EOfficeError, type CallContext, type DownloadedFile, type DownloadRef, type ServiceImplementations } from '@eoffice/contract';
import { exportFolderOf } from '../registers-print/export-path.js';
import type { BlobStore } from '../store/blob-store.js';

export interface DownloadDeps {
  readonly services: ServiceImplementations;
  readonly blobs: BlobStore;
  readonly dataDir: string;
  readonly usernameOf: (context: CallContext) => Promise<string>;
}

const NOT_FOUND = 'Không tìm thấy tệp / file not found';

/**
 * A document's file for a caller who may see the document — asked through `documents.show`, so the visibility
 * rules are the ones every other method applies, and a hidden document reads exactly as a missing one — or a
 * printout from the caller's own exports folder.
 */
export async function downloadFile(ref: DownloadRef, context: CallContext, deps: DownloadDeps): Promise<DownloadedFile> {
  if ('export' in ref) {
    const path = join(exportFolderOf(deps.dataDir, await deps.usernameOf(context)), ref.export);
    if (!(await stat(path).then((info) => info.isFile(), () => false))) throw new EOfficeError('E_NOT_FOUND', NOT_FOUND);
    return { name: ref.export, mediaType: mediaTypeOf(ref.export), bytes: await readFile(path) };
  }
  const document = await deps.services.documents.show({ id: ref.documentId }, context);
  const file = document.files.find((candidate) => candidate.sha256 === ref.sha256);
  if (!file) throw new EOfficeError('E_NOT_FOUND', NOT_FOUND);
  return { name: file.name, mediaType: mediaTypeOf(file.name), bytes: await deps.blobs.get(file.sha256) };
}

function mediaTypeOf(name: string): string {
  const lower = name.toLowerCase();
  if (lower.endsWith('.pdf')) return 'application/pdf';
  if (lower.endsWith('.png')) return 'image/png';
  if (lower.endsWith('.jpg') || lower.endsWith('.jpeg')) return 'image/jpeg';
  return 'application/octet-stream';
}
