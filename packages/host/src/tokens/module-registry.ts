import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { EOfficeError } from '@eoffice/contract';
import { moduleCandidates } from '@eoffice/signing/token';

export interface OfferedModule {
  readonly id: string;
  readonly vendor: string;
  readonly path: string;
  readonly source: 'detected' | 'configured';
}

/** A module's id: stable for its path, and says nothing a caller could turn back into another path. */
const idOf = (path: string): string => createHash('sha256').update(path).digest('hex').slice(0, 16);

/**
 * The PKCS#11 modules this workstation offers: those an admin configured for it (the face's configuration,
 * `EOFFICE_PKCS11_MODULES`) and the known vendors' modules installed at their usual paths. Callers pick one by id;
 * no path ever comes from a caller (a page or a remote one), so no caller can make this process load a library.
 */
export class ModuleRegistry {
  readonly #configured: readonly string[];

  constructor(configured: readonly string[]) {
    this.#configured = configured;
  }

  list(): OfferedModule[] {
    const seen = new Set<string>();
    const offered: OfferedModule[] = [];
    const configured = new Set(this.#configured);
    for (const candidate of moduleCandidates(process.platform, process.env, this.#configured)) {
      if (seen.has(candidate.path) || !existsSync(candidate.path)) continue;
      seen.add(candidate.path);
      offered.push({
        id: idOf(candidate.path),
        vendor: candidate.vendor === 'custom' ? 'Cấu hình / configured' : candidate.vendor,
        path: candidate.path,
        source: configured.has(candidate.path) ? 'configured' : 'detected',
      });
    }
    return offered;
  }

  /** The module for an id this registry offered; any other id is refused as not found. */
  resolve(id: string): OfferedModule {
    const found = this.list().find((module) => module.id === id);
    if (!found) throw new EOfficeError('E_NOT_FOUND', 'Không có mô-đun PKCS#11 này trên máy / no such PKCS#11 module on this workstation');
    return found;
  }
}

/** `EOFFICE_PKCS11_MODULES`: the admin's extra module paths for this workstation, separated by the path delimiter. */
export function configuredModulesFromEnvironment(env: NodeJS.ProcessEnv = process.env): string[] {
  const value = env.EOFFICE_PKCS11_MODULES;
  if (!value) return [];
  return value.split(process.platform === 'win32' ? ';' : ':').filter((path) => path.length > 0);
}
