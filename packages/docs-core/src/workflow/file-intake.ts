import { basename } from 'node:path';
import { stat } from 'node:fs/promises';
import type { z } from 'zod';
import { EOfficeError, type fileInputSchema } from '@eoffice/contract';
import type { BlobStore, StoredBlob } from '../store/blob-store.js';

/** A local file a face hands over, as the contract describes it. */
export type IncomingFile = z.infer<typeof fileInputSchema>;

export interface TakenFile extends StoredBlob {
  readonly name: string;
  readonly mediaType: string;
}

function mediaTypeOf(name: string): string {
  const lower = name.toLowerCase();
  if (lower.endsWith('.pdf')) return 'application/pdf';
  if (lower.endsWith('.docx')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (lower.endsWith('.doc')) return 'application/msword';
  if (lower.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (lower.endsWith('.png')) return 'image/png';
  if (lower.endsWith('.jpg') || lower.endsWith('.jpeg')) return 'image/jpeg';
  return 'application/octet-stream';
}

/**
 * Copies a file into the content-addressed blob store. Done before the database transaction on purpose: a blob
 * written for a transaction that then fails is harmless (nothing refers to it), while a long copy inside the
 * transaction would hold the write lock.
 */
export async function takeFile(blobs: BlobStore, file: IncomingFile, requirePdf: boolean): Promise<TakenFile> {
  const name = file.name ?? basename(file.path);
  const info = await stat(file.path).catch(() => undefined);
  if (!info?.isFile()) {
    throw new EOfficeError('E_FILE_UNREADABLE', `Không đọc được tệp ${file.path} / file not found or not a file`);
  }
  const stored = await blobs.putFile(file.path);
  const mediaType = mediaTypeOf(name);
  if (requirePdf) {
    const head = (await blobs.get(stored.sha256)).subarray(0, 1024).toString('latin1');
    if (!head.includes('%PDF-')) {
      throw new EOfficeError('E_PDF_UNREADABLE', `Tệp ${name} không phải PDF / the main file must be a PDF`);
    }
  }
  return { ...stored, name, mediaType: requirePdf ? 'application/pdf' : mediaType };
}
