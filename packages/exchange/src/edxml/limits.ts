/**
 * Limits a hostile message meets before it costs memory or disk. Attachments stream to files, so only the decoded
 * sizes and counts are bounded; everything else is parsed into memory and bounded tightly.
 */
export interface EdxmlLimits {
  /** The whole message file, bytes. */
  readonly maxMessageBytes: number;
  /** One decoded attachment, bytes. */
  readonly maxAttachmentBytes: number;
  readonly maxAttachments: number;
  /** A text node outside an attachment (a subject, a name), characters. */
  readonly maxTextChars: number;
  readonly maxElements: number;
  readonly maxDepth: number;
  /** ZIP: entries per archive, total uncompressed bytes, compression ratio per entry, nesting (ZIP or edXML inside). */
  readonly maxArchiveEntries: number;
  readonly maxArchiveBytes: number;
  readonly maxCompressionRatio: number;
  readonly maxNesting: number;
}

export const DEFAULT_LIMITS: EdxmlLimits = {
  maxMessageBytes: 512 * 1024 * 1024,
  maxAttachmentBytes: 256 * 1024 * 1024,
  maxAttachments: 200,
  maxTextChars: 1024 * 1024,
  maxElements: 100_000,
  maxDepth: 64,
  maxArchiveEntries: 200,
  maxArchiveBytes: 512 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxNesting: 3,
};
