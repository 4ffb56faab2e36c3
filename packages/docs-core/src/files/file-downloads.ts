import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { EOfficeError, type CallContext, type DownloadRef, type ServiceImplementations } from '@eoffice/contract';
import { exportFolderOf } from '../registers-print/export-path.js';
import type { BlobStore } from '../store/blob-store.js';
import { checkedStream } from './checked-stream.js';

export interface DownloadDeps {
  readonly services: ServiceImplementations;
  readonly blobs: BlobStore;
  readonly dataDir: string;
  readonly usernameOf: (context: CallContext) => Promise<string>;
}

/**
 * A file on its way out, streamed: the contract's `DownloadedFile` is what a page finally holds; in a process that
 * passes a file on (the web host, the workstation's link) it never lies whole in memory.
 */
export interface FileDownload {
  readonly name: string;
  readonly mediaType: string;
  /** The number of bytes `content` will give (the HTTP content-length). */
  readonly size: number;
  /** The SHA-256 (hex) the content is stored under and checked against as it is read; null for a printout. */
  readonly sha256: string | null;
  /**
   * Read once. A cut or corrupt file fails with a typed error before its last chunk, never by ending early. Whoever
   * takes a download and does not read it to the end must destroy this (it holds an open file or a connection).
   */
  readonly content: Readable;
}

const NOT_FOUND = 'Không tìm thấy tệp / file not found';

/**
 * A document's file for a caller who may see the document — asked through `documents.show`, so the visibility
 * rules are the ones every other method applies, and a hidden document reads exactly as a missing one — or a
 * printout from the caller's own exports folder. No blob is opened before the caller is known to be allowed to see it.
 */
export async function downloadFile(ref: DownloadRef, context: CallContext, deps: DownloadDeps): Promise<FileDownload> {
  if ('export' in ref) {
    const path = join(exportFolderOf(deps.dataDir, await deps.usernameOf(context)), ref.export);
    const handle = await open(path, 'r').catch(() => null);
    const info = await handle?.stat().catch(() => null);
    if (!handle || !info?.isFile()) {
      await handle?.close();
      throw new EOfficeError('E_NOT_FOUND', NOT_FOUND);
    }
    const changed = () => new EOfficeError('E_WRITE_FAILED', `Bản in đã thay đổi khi đang đọc / the printout changed while it was read: ${ref.export}`);
    const content = checkedStream(handle.createReadStream(), { sha256: null, size: info.size, limitBytes: null, corrupt: changed, cut: changed, tooLarge: changed });
    return { name: ref.export, mediaType: mediaTypeOf(ref.export), size: info.size, sha256: null, content };
  }
  const document = await deps.services.documents.show({ id: ref.documentId }, context);
  const file = document.files.find((candidate) => candidate.sha256 === ref.sha256);
  if (!file) throw new EOfficeError('E_NOT_FOUND', NOT_FOUND);
  const blob = await deps.blobs.open(file.sha256);
  return { name: file.name, mediaType: mediaTypeOf(file.name), size: blob.size, sha256: blob.sha256, content: blob.content };
}

function mediaTypeOf(name: string): string {
  const lower = name.toLowerCase();
  if (lower.endsWith('.pdf')) return 'application/pdf';
  if (lower.endsWith('.png')) return 'image/png';
  if (lower.endsWith('.jpg') || lower.endsWith('.jpeg')) return 'image/jpeg';
  return 'application/octet-stream';
}
