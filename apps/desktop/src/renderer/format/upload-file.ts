import { connection } from '../client';

/** What a method's `file` input takes from a page: the content is streamed first, the receipt names it. */
export interface UploadedFile {
  readonly uploadId: string;
  readonly name: string;
}

/** Uploads a file the user picked (never a path: pages send content, ARCHITECTURE.md invariant 1). */
export async function uploadPicked(file: File): Promise<UploadedFile> {
  const receipt = await connection.client.files.upload(file, { name: file.name });
  return { uploadId: receipt.uploadId, name: file.name };
}

/** A PDF by its first bytes, not its name: the services refuse anything else as a main file anyway. */
export async function looksLikePdf(file: File): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 5).arrayBuffer());
  return String.fromCharCode(...head) === '%PDF-';
}
