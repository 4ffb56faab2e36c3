import { exportDirectory, importDirectory, type ImportDirectoryResult } from '@eoffice/docs-core';
import type { SyncDeps } from './sync-options.js';

/**
 * The directory refreshes from the axis agency list (ARCHITECTURE.md, invariant 11): endpoints are merged by code,
 * never removed (an agency missing from one answer is not gone). The level of an endpoint is its depth under the
 * agencies the list names; the level names stay the agency's own.
 */
export async function refreshDirectory(deps: Pick<SyncDeps, 'store' | 'axis' | 'now'>): Promise<ImportDirectoryResult> {
  const agencies = await deps.axis.getAgenciesList();
  const parents = new Map<string, string | null>();
  const names = new Map<string, string>();
  for (const a of agencies) {
    const code = typeof a.code === 'string' ? a.code.trim() : '';
    const name = typeof a.name === 'string' ? a.name.trim() : '';
    if (code === '' || name === '' || code.length > 13) continue;
    const parent = typeof a.pid === 'string' && a.pid.trim() !== '' ? a.pid.trim() : null;
    parents.set(code, parent);
    names.set(code, name.slice(0, 200));
  }
  const levelOf = (code: string): number => {
    let level = 1;
    let parent = parents.get(code) ?? null;
    while (parent !== null && parents.has(parent) && level < 4) {
      level += 1;
      parent = parents.get(parent) ?? null;
    }
    return level;
  };
  const current = await exportDirectory(deps.store.db);
  const endpoints = [...names.entries()].map(([code, name]) => {
    const parent = parents.get(code) ?? null;
    return { code, name, parentCode: parent !== null && parents.has(parent) ? parent : null, level: levelOf(code) };
  });
  const deepest = Math.max(1, ...endpoints.map((e) => e.level));
  const levels = Array.from({ length: deepest }, (_, i) => current.levels.find((l) => l.level === i + 1) ?? { level: i + 1, name: `Cấp ${i + 1}` });
  return importDirectory(deps.store.db, { format: current.format, version: 1, demo: current.demo, levels, endpoints }, { now: deps.now() });
}
