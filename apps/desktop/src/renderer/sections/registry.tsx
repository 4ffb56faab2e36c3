import type { ComponentType } from 'react';
import { AuditSection } from './audit/audit-section';
import { IncomingSection } from './incoming/incoming-section';
import { DraftsSection, OutgoingSection } from './outgoing/outgoing-section';
import { RecordsSection } from './records/records-section';
import { RegistersSection } from './registers/registers-section';
import { SearchSection } from './search/search-section';
import type { SectionId } from './section-list';
import { SettingsSection } from './settings/settings-section';
import { StatisticsSection } from './statistics/statistics-section';
import { SyncSection } from './sync/sync-section';

/**
 * The screen of each section, one folder per section (sections/<name>/). A section not listed here shows its honest
 * "being built" state. This table is the one point sections share: add one line, nothing else.
 */
export const SECTION_VIEWS: Partial<Record<SectionId, ComponentType>> = {
  incoming: IncomingSection,
  drafts: DraftsSection,
  outgoing: OutgoingSection,
  registers: RegistersSection,
  search: SearchSection,
  records: RecordsSection,
  sync: SyncSection,
  audit: AuditSection,
  statistics: StatisticsSection,
  settings: SettingsSection,
};
