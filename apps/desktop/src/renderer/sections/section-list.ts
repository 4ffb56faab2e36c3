import type { Role } from '../state/session-store';

export type SectionId =
  | 'incoming'
  | 'outgoing'
  | 'drafts'
  | 'registers'
  | 'search'
  | 'records'
  | 'statistics'
  | 'audit'
  | 'sync'
  | 'settings';

export type SectionGroup = 'documents' | 'records' | 'system';

export interface SectionSpec {
  readonly id: SectionId;
  readonly group: SectionGroup;
  /** Who may use it; the services check again on every call, this only keeps the navigation to what works. */
  readonly roles: readonly Role[];
  /** Reached from the top bar rather than listed in the navigation. */
  readonly hiddenInNav?: boolean;
}

/** The order of the navigation. Roles mirror the services' checks (statistics, audit, registers, lifecycle rules). */
export const SECTIONS: readonly SectionSpec[] = [
  { id: 'incoming', group: 'documents', roles: ['clerk', 'leader', 'specialist', 'archivist'] },
  { id: 'outgoing', group: 'documents', roles: ['clerk', 'leader', 'specialist', 'archivist'] },
  { id: 'drafts', group: 'documents', roles: ['clerk', 'leader', 'specialist'] },
  { id: 'registers', group: 'documents', roles: ['clerk', 'leader', 'archivist'] },
  { id: 'search', group: 'documents', roles: ['clerk', 'leader', 'specialist', 'archivist', 'admin'], hiddenInNav: true },
  { id: 'records', group: 'records', roles: ['clerk', 'specialist', 'archivist'] },
  { id: 'statistics', group: 'records', roles: ['leader', 'clerk', 'archivist', 'admin'] },
  { id: 'audit', group: 'records', roles: ['admin', 'archivist'] },
  { id: 'sync', group: 'system', roles: ['clerk', 'admin'] },
  { id: 'settings', group: 'system', roles: ['clerk', 'leader', 'specialist', 'archivist', 'admin'] },
];

export function sectionsFor(roles: readonly Role[]): SectionSpec[] {
  return SECTIONS.filter((section) => section.roles.some((role) => roles.includes(role)));
}

/** Each role lands on its own work: documents to handle for clerks, leaders and specialists, the registers for archivists. */
const LANDING: ReadonlyArray<[Role, SectionId]> = [
  ['clerk', 'incoming'],
  ['leader', 'incoming'],
  ['specialist', 'incoming'],
  ['archivist', 'registers'],
  ['admin', 'settings'],
];

export function landingSection(roles: readonly Role[]): SectionId {
  return LANDING.find(([role]) => roles.includes(role))?.[1] ?? 'settings';
}
