import { basename } from 'node:path';
import { open, stat } from 'node:fs/promises';
import type { z } from 'zod';
import { EOfficeError, type fileInputSchema } from '@eoffice/contract';
import type { BlobStore, StoredBlob } from '../store/blob-store.js';

/** A file a face hands over, as the contract describes it. */
export type IncomingFile = z.infer<typeof fileInputSchema>;

/**
 * What a service sees of a file input: a local path. Uploads were turned into their staged file by the gate every
 * call passes (files/file-inputs.ts); one that reaches here was not gated, which is a bug, not a caller's error.
 */
export function localFileOf(file: IncomingFile): { readonly path: string; readonly name?: string } {
  if ('uploadId' in file) throw new EOfficeError('E_INTERNAL', 'Tệp tải lên chưa qua cổng / an upload was not resolved');
  return file;
}

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
export async function takeFile(blobs: BlobStore, incoming: IncomingFile, requirePdf: boolean): Promise<TakenFile> {
  const file = localFileOf(incoming);
  const name = file.name ?? basename(file.path);
  const info = await stat(file.path).catch(() => undefined);
  if (!info?.isFile()) {
    throw new EOfficeError('E_FILE_UNREADABLE', `Không đọc được tệp ${file.path} / file not found or not a file`);
  }
  // Checked before the blob is written: a main file that is not a PDF leaves nothing behind.
  if (requirePdf && !(await readHead(file.path)).includes('%PDF-')) {
    throw new EOfficeError('E_PDF_UNREADABLE', `Tệp ${name} không phải PDF / the main file must be a PDF`);
  }
  const stored = await blobs.putFile(file.path);
  return { ...stored, name, mediaType: requirePdf ? 'application/pdf' : mediaTypeOf(name) };
}

/** The first KiB, where a PDF's header must be (ISO 32000-2 §7.5.2 lets it start a little late). */
async function readHead(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('latin1');
  } finally {
    await handle.close();
  }
}
