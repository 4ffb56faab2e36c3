import { z } from 'zod';

/**
 * File content crossing a process boundary. RPC bodies are JSON, so content travels beside them: a page uploads the
 * bytes first (streamed, size-limited, hashed) and passes the receipt's `uploadId` where a method takes a file; it
 * downloads a document's file by the document and the file's SHA-256, which the caller must be allowed to see.
 */

export const HTTP_UPLOAD_PATH = '/upload';
export const HTTP_DOWNLOAD_PATH = '/download';
/** The shown file name, percent-encoded (headers are Latin-1; Vietnamese names are not). */
export const HTTP_FILE_NAME_HEADER = 'x-eoffice-file-name';
/**
 * Optional on an upload: the SHA-256 (hex) the uploader computed; the services refuse bytes that do not match it. On a
 * download of a document's file: the SHA-256 it is stored under, so a client can check what arrived.
 */
export const HTTP_FILE_SHA256_HEADER = 'x-eoffice-sha256';

/** 200 MiB: a scanned register of several hundred pages fits; a runaway page cannot fill the disk. */
export const DEFAULT_UPLOAD_LIMIT_BYTES = 200 * 1024 * 1024;

const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 phải là 64 ký tự hex / SHA-256 must be 64 hex digits');

export const uploadReceiptSchema = z.object({
  uploadId: z.string(),
  name: z.string(),
  size: z.number().int().nonnegative(),
  sha256: sha256HexSchema,
});
export type UploadReceipt = z.infer<typeof uploadReceiptSchema>;

export const uploadMetaSchema = z.object({
  name: z.string().trim().min(1).max(255),
  sha256: sha256HexSchema.optional(),
});
export type UploadMeta = z.infer<typeof uploadMetaSchema>;

/** One of a document's files (its `files[].sha256`), or a printout the caller asked for (`registers.print`'s `path`). */
export const downloadRefSchema = z.union([
  z.object({ documentId: z.string().min(1).max(100), sha256: sha256HexSchema }).strict(),
  z.object({ export: z.string().regex(/^[\p{L}\p{N}_.-]{1,200}$/u, 'Tên tệp không hợp lệ / bad file name') }).strict(),
]);
export type DownloadRef = z.infer<typeof downloadRefSchema>;

export interface DownloadedFile {
  readonly name: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}

/** Reads a download ref from URL query parameters (the HTTP face), or undefined when it is malformed. */
export function downloadRefFromQuery(query: URLSearchParams): DownloadRef | undefined {
  const raw = query.has('export')
    ? { export: query.get('export') }
    : { documentId: query.get('documentId'), sha256: query.get('sha256') };
  const parsed = downloadRefSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export function downloadRefToQuery(ref: DownloadRef): string {
  const params = 'export' in ref ? new URLSearchParams({ export: ref.export }) : new URLSearchParams({ documentId: ref.documentId, sha256: ref.sha256 });
  return params.toString();
}
