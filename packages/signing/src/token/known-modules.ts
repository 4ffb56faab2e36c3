import path from 'node:path';
import data from './known-modules.json' with { type: 'json' };

/** A vendor's PKCS#11 module names, from `known-modules.json` (the data; this file only reads it). */
export interface KnownModule {
  readonly vendor: string;
  readonly windows: readonly string[];
  readonly linux: readonly string[];
  readonly macos: readonly string[];
  /** False where the name or path comes from a driver list or a guess, not from an installed driver. */
  readonly verified: boolean;
  readonly note: string;
}

export interface ModuleCandidate {
  readonly vendor: string;
  readonly path: string;
  readonly verified: boolean;
}

export const knownModules: readonly KnownModule[] = data.modules;

/**
 * Where to look for each known module on `platform`: Windows DLLs in System32 (64-bit) and SysWOW64 (32-bit ones a
 * 64-bit app cannot load, listed so the probe can say so), absolute paths elsewhere. `customPaths` come first.
 */
export function moduleCandidates(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  customPaths: readonly string[] = [],
): ModuleCandidate[] {
  const candidates: ModuleCandidate[] = customPaths.map((custom) => ({ vendor: 'custom', path: custom, verified: false }));
  for (const known of knownModules) {
    if (platform === 'win32') {
      const systemRoot = env.SystemRoot ?? env.windir ?? 'C:\\Windows';
      for (const dll of known.windows) {
        for (const folder of ['System32', 'SysWOW64']) {
          candidates.push({ vendor: known.vendor, path: path.win32.join(systemRoot, folder, dll), verified: known.verified });
        }
      }
    } else {
      const paths = platform === 'darwin' ? known.macos : known.linux;
      for (const modulePath of paths) candidates.push({ vendor: known.vendor, path: modulePath, verified: known.verified });
    }
  }
  return candidates;
}
