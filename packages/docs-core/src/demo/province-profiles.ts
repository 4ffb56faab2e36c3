import { EOfficeError } from '@eoffice/contract';

/**
 * A province-year to look like: the chances each generated document is drawn with. The figures the dashboard then
 * shows are the statistics service's, counted over the generated documents, never these numbers written in.
 */
export interface ProvinceProfile {
  readonly name: string;
  /** The year the documents are dated in. */
  readonly year: number;
  /** The chance a document is exchanged fully electronically (through the axis, digitally signed). */
  readonly electronicShare: number;
  /** The chance a handled incoming document is finished after its due date. */
  readonly lateShare: number;
  /** The chance a document is incoming (the rest are issued by the agency). */
  readonly incomingShare: number;
  /** Documents generated when the caller does not say. */
  readonly defaultDocs: number;
}

export const PROVINCE_PROFILES = {
  /**
   * Khánh Hòa, 2020: 650 endpoints on three levels (province, district, commune), about 75 % of documents sent and
   * received fully electronically and about 2.1 % handled late — the figures issue 11 item 9 quotes from the province's
   * seed report. No copy of that report is in /work/shared/reference (searched for "Khánh Hòa", "75", "2,1" on
   * 2026-12-05): the figures are the issue's, UNVERIFIED against the report itself. The 650 endpoints on three levels
   * are the demo directory's (resources/demo/province-650.json; DESIGN.md §1, "demo province (650 endpoints)").
   */
  'khanh-hoa-2020': { name: 'Khánh Hòa 2020', year: 2020, electronicShare: 0.75, lateShare: 0.021, incomingShare: 0.6, defaultDocs: 3000 },
} as const satisfies Record<string, ProvinceProfile>;

export type ProvinceProfileName = keyof typeof PROVINCE_PROFILES;

export function provinceProfile(name: string): ProvinceProfile {
  const profile = (PROVINCE_PROFILES as Record<string, ProvinceProfile>)[name];
  if (!profile) {
    throw new EOfficeError(
      'E_INVALID_INPUT',
      `Không có hồ sơ mẫu "${name}" / no such demo profile (known: ${Object.keys(PROVINCE_PROFILES).join(', ')})`,
    );
  }
  return profile;
}
