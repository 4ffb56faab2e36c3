import { existsSync, readdirSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from '../../appearance/resource-files.js';
import { parsedCertificateOf } from '../../certificates/certificate-cache.js';
import type { ParsedCertificate } from '../../certificates/parsed-certificate.js';

/** The trust anchors shipped with the application: `resources/trust/` (empty of certificates until installed). */
export const SHIPPED_TRUST_DIR = join(resourcesDir, 'trust');

const CERTIFICATE_FILE = /\.(pem|crt|cer|der)$/i;

/** Whether a folder exists and holds at least one certificate file: an empty trust folder means "trust not asked". */
export function holdsCertificates(folder: string): boolean {
  return existsSync(folder) && statSync(folder).isDirectory() && readdirSync(folder).some((f) => CERTIFICATE_FILE.test(f));
}

export class TrustAnchorError extends Error {
  constructor(
    readonly code: 'TRUST_ANCHOR_UNREADABLE',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Loads trust anchors from PEM/DER certificate files or folders of them (`resources/trust/` ships empty of
 * certificates; the operator adds the Vietnamese roots after checking them against an official source).
 */
export async function loadTrustAnchors(paths: readonly string[]): Promise<ParsedCertificate[]> {
  const anchors: ParsedCertificate[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new TrustAnchorError('TRUST_ANCHOR_UNREADABLE', `Không đọc được "${path}" / cannot read "${path}"`);
    }
    if (info.isDirectory()) {
      for (const entry of (await readdir(path)).sort()) {
        if (!CERTIFICATE_FILE.test(entry)) continue;
        const file = join(path, entry);
        anchors.push(...(await loadFileOnce(file, await stat(file))));
      }
    } else {
      anchors.push(...(await loadFileOnce(path, info)));
    }
  }
  return anchors;
}

/**
 * A file's anchors as read the last time, while its size, modification and change times are the same. The
 * anchors are read at each verification (a root added to the trust folder counts from the next check on), and the
 * receiver verifies every arriving document: reading each file again cost four trips through the thread pool per file
 * and document, paid on the main thread. Any write to the file, even one that puts back its modification time, moves
 * its change time, as does a rename onto its path. The kernel's file clock is coarse (a tick of up to
 * 10 ms): a reading taken within RACY_MS of the file's change time could have missed a second write in the same tick,
 * so it is not kept (git's "racily clean" rule).
 */
const readBefore = new Map<string, { readonly version: string; readonly anchors: ParsedCertificate[] }>();
const RACY_MS = 100;
// Trust folders hold a handful of roots; past this many files, the oldest reading is forgotten.
const MAX_FILES_KEPT = 256;
let fileReads = 0;

/** How many times a trust anchor file was read (diagnostics and tests: an unchanged file is not read again). */
export function trustAnchorFileReads(): number {
  return fileReads;
}

async function loadFileOnce(path: string, info: Stats): Promise<ParsedCertificate[]> {
  const version = `${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
  const known = readBefore.get(path);
  if (known?.version === version) return known.anchors;
  const readAt = Date.now();
  const anchors = await loadFile(path);
  readBefore.delete(path);
  if (readAt - info.ctimeMs < RACY_MS) return anchors;
  if (readBefore.size >= MAX_FILES_KEPT) readBefore.delete(readBefore.keys().next().value as string);
  readBefore.set(path, { version, anchors });
  return anchors;
}

async function loadFile(path: string): Promise<ParsedCertificate[]> {
  fileReads += 1;
  const bytes = await readFile(path);
  const text = bytes.toString('latin1');
  const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)];
  try {
    if (blocks.length === 0) return [parsedCertificateOf(new Uint8Array(bytes))];
    return blocks.map((block) => parsedCertificateOf(new Uint8Array(Buffer.from(block[1] ?? '', 'base64'))));
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new TrustAnchorError(
      'TRUST_ANCHOR_UNREADABLE',
      `Tệp "${path}" không chứa chứng thư hợp lệ (${detail}) / "${path}" holds no readable certificate (${detail})`,
    );
  }
}
