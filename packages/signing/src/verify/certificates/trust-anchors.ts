import { existsSync, readdirSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
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
        if (CERTIFICATE_FILE.test(entry)) anchors.push(...(await loadFile(join(path, entry))));
      }
    } else {
      anchors.push(...(await loadFile(path)));
    }
  }
  return anchors;
}

async function loadFile(path: string): Promise<ParsedCertificate[]> {
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
