import { migrations } from '../src/store/migrations/index.js';

/** The version just before `version` in the single list: a migration test starts the store there. */
export function versionBefore(version: number): number {
  const index = migrations.findIndex((m) => m.version === version);
  if (index === -1) throw new Error(`migration ${version} is not in the list`);
  return index === 0 ? 0 : migrations[index - 1]!.version;
}
