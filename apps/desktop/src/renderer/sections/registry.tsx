import type { ComponentType } from 'react';
import { IncomingSection } from './incoming/incoming-section';
import { RegistersSection } from './registers/registers-section';
import type { SectionId } from './section-list';

/**
 * The screen of each section, one folder per section (sections/<name>/). A section not listed here shows its honest
 * "being built" state. This table is the one point sections share: add one line, nothing else.
 */
export const SECTION_VIEWS: Partial<Record<SectionId, ComponentType>> = {
  incoming: IncomingSection,
  registers: RegistersSection,
};
