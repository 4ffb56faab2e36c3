import { mkdtemp, open } from 'node:fs/promises';
import { join } from 'node:path';
import { sanitiseAttachmentName } from './attachment-name.js';
import { edxmlError } from './edxml-error.js';
import { extractMessage } from './edxml-extract.js';
import type { EdocMessage } from './edxml-message.js';
import { readEdxmlFile } from './edxml-reader.js';
import { DEFAULT_LIMITS, type EdxmlLimits } from './limits.js';
import { looksLikePdf, pdfDamage } from './pdf-integrity.js';
import { extractZip, looksLikeZip } from './zip-entries.js';

/** A file a message delivers once its ZIPs and nested edXML are opened. */
export interface DeliveredFile {
  readonly name: string;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly mediaType: string;
  /** Where it came from: `cid:209 › 3ed3….edxml › cid:1`. */
  readonly origin: string;
}

/**
 * Opens what a message carries: a ZIP (whatever its label says) is extracted and its files opened in turn; a nested
 * edXML is parsed and its attachments taken; a PDF is checked for altered bytes. Nesting is bounded by
 * `maxNesting`; every error is typed (E_ARCHIVE_REJECTED, E_EDXML_ATTACHMENT_INVALID, or the nested parse's).
 */
export async function unpackAttachments(message: EdocMessage, workDir: string, partial?: Partial<EdxmlLimits>): Promise<DeliveredFile[]> {
  const limits = { ...DEFAULT_LIMITS, ...partial };
  const out: DeliveredFile[] = [];
  for (const a of message.attachments) {
    await openFile({ name: a.name, path: a.path, size: a.size, sha256: a.sha256, declared: a.contentType, origin: a.contentId }, 0, workDir, limits, out);
  }
  return out;
}

interface Candidate {
  readonly name: string;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly declared: string;
  readonly origin: string;
}

async function openFile(c: Candidate, depth: number, workDir: string, limits: EdxmlLimits, out: DeliveredFile[]): Promise<void> {
  const { head, damage } = await look(c.path, c.size);
  const nested = (): void => {
    if (depth + 1 > limits.maxNesting) {
      throw edxmlError('E_ARCHIVE_REJECTED', `Lồng tệp quá sâu (${c.origin})`, `nesting deeper than ${limits.maxNesting} (${c.origin})`, { origin: c.origin });
    }
  };
  if (looksLikeZip(head)) {
    nested();
    const dir = await mkdtemp(join(workDir, 'zip-'));
    for (const entry of await extractZip(c.path, dir, limits)) {
      const name = sanitiseAttachmentName(entry.entryName, `entry-${out.length + 1}`);
      await openFile({ name, path: entry.path, size: entry.size, sha256: entry.sha256, declared: '', origin: `${c.origin} › ${name}` }, depth + 1, workDir, limits, out);
    }
    return;
  }
  if (looksLikeEdxml(head, c.name)) {
    nested();
    const dir = await mkdtemp(join(workDir, 'edxml-'));
    const read = await readEdxmlFile(c.path, dir, limits);
    const inner = extractMessage(read.root, read.contents, read.warnings);
    if (inner.kind !== 'edoc') {
      throw edxmlError('E_EDXML_ATTACHMENT_INVALID', `Tệp lồng ${c.origin} là thông điệp trạng thái`, `nested ${c.origin} is a status message`);
    }
    for (const a of inner.attachments) {
      await openFile({ name: a.name, path: a.path, size: a.size, sha256: a.sha256, declared: a.contentType, origin: `${c.origin} › ${a.contentId}` }, depth + 1, workDir, limits, out);
    }
    return;
  }
  if (looksLikePdf(head)) {
    if (damage) {
      throw edxmlError('E_EDXML_ATTACHMENT_INVALID', `PDF ${c.name} bị hỏng: ${damage}`, `PDF ${c.name} is damaged: ${damage}`, { origin: c.origin });
    }
    out.push({ name: withExtension(c.name, '.pdf'), path: c.path, size: c.size, sha256: c.sha256, mediaType: 'application/pdf', origin: c.origin });
    return;
  }
  out.push({ name: c.name, path: c.path, size: c.size, sha256: c.sha256, mediaType: 'application/octet-stream', origin: c.origin });
}

function looksLikeEdxml(head: Buffer, name: string): boolean {
  const text = head.toString('utf8').trimStart();
  return name.toLowerCase().endsWith('.edxml') || (text.startsWith('<') && text.includes('edXML'));
}

function withExtension(name: string, ext: string): string {
  return name.toLowerCase().endsWith(ext) ? name : `${name}${ext}`;
}

/** A file's first bytes and, when they are a PDF's, what is damaged in it (pdf-integrity.ts): one open for both. */
async function look(path: string, size: number): Promise<{ head: Buffer; damage: string | null }> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(512);
    const { bytesRead } = await file.read(buffer, 0, 512, 0);
    const head = buffer.subarray(0, bytesRead);
    return { head, damage: looksLikePdf(head) ? await pdfDamage(file, size) : null };
  } finally {
    await file.close();
  }
}
