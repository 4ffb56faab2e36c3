import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { SectionId } from './section-list';

type SectionModule = Promise<{ default: ComponentType }>;

/**
 * Each section's code, loaded when first needed: the sign-in screen does not wait for pdf.js, Chart.js and every
 * section's screens (the first screen loaded all of them, 1.2 MiB of JS, before the username field was usable).
 * `preloadSections` fetches them once the first screen is up, so opening a section does not wait either.
 */
const LOADERS: Record<SectionId, () => SectionModule> = {
  incoming: () => import('./incoming/incoming-section').then((m) => ({ default: m.IncomingSection })),
  drafts: () => import('./outgoing/outgoing-section').then((m) => ({ default: m.DraftsSection })),
  outgoing: () => import('./outgoing/outgoing-section').then((m) => ({ default: m.OutgoingSection })),
  registers: () => import('./registers/registers-section').then((m) => ({ default: m.RegistersSection })),
  search: () => import('./search/search-section').then((m) => ({ default: m.SearchSection })),
  records: () => import('./records/records-section').then((m) => ({ default: m.RecordsSection })),
  sync: () => import('./sync/sync-section').then((m) => ({ default: m.SyncSection })),
  audit: () => import('./audit/audit-section').then((m) => ({ default: m.AuditSection })),
  statistics: () => import('./statistics/statistics-section').then((m) => ({ default: m.StatisticsSection })),
  settings: () => import('./settings/settings-section').then((m) => ({ default: m.SettingsSection })),
};

/**
 * The screen of each section, one folder per section (sections/<name>/). Every section has one (the type says so):
 * this table is the one point sections share: add one line, nothing else.
 */
export const SECTION_VIEWS = Object.fromEntries(
  Object.entries(LOADERS).map(([id, load]) => [id, lazy(load)]),
) as Record<SectionId, LazyExoticComponent<ComponentType>>;

/** Starts loading every section's code (the browser caches each module: a later import() resolves at once). */
export function preloadSections(): void {
  for (const load of Object.values(LOADERS)) void load().catch(() => undefined);
}
