import { EOfficeError } from '@eoffice/contract';
import { isSecret } from '../model/secrecy.js';
import type { Actor } from '../users/actor.js';
import { readsAllSecrets } from '../users/secret-access.js';

/**
 * A secret file (Mật and above, or holding a secret document) is kept to those who handle secrets: the leaders, the
 * clerk, the archivist (users/secret-access.ts). Anyone else never sees it, its line in the list, or its count.
 */
export function maySeeFile(actor: Actor, secrecy: string): boolean {
  return !isSecret(secrecy) || readsAllSecrets(actor);
}

/** The one answer for a file that is missing or that the caller may not see (ARCHITECTURE.md, invariant 1). */
export function recordFileNotFound(id: string): EOfficeError {
  return new EOfficeError('E_NOT_FOUND', `Không tìm thấy hồ sơ ${id} / record file not found`);
}

const SECRECY_ORDER = ['none', 'confidential', 'secret', 'top-secret'];

/** The higher of two secrecy levels: a file is as secret as the most secret document in it. */
export function higherSecrecy(a: string, b: string | null): string {
  const level = (s: string | null) => Math.max(0, SECRECY_ORDER.indexOf(s ?? 'none'));
  return level(b) > level(a) ? (b as string) : a;
}
