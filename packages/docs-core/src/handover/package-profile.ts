/**
 * What Circular 05/2025/TT-BNV fixes about a package and we could not verify (domain-vn.md §2.1, UNVERIFIED): kept
 * here, in one place, so an agency can follow the official text without a code change elsewhere.
 */
export interface PackageProfile {
  /** E-ARK CSIP's profile URL, written to METS@PROFILE. */
  readonly profile: string;
  /** METS@TYPE: CSIP's content category; `OTHER` with `otherType` for Vietnamese record files. */
  readonly type: string;
  readonly otherType: string;
  /** The representation folder of the originals. */
  readonly representation: string;
  /** METS dmdSec's OTHERMDTYPE for Phụ lục VI records. */
  readonly descriptiveType: string;
}

export const DEFAULT_PACKAGE_PROFILE: PackageProfile = {
  profile: 'https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml',
  type: 'OTHER',
  otherType: 'Hồ sơ (Nghị định 30/2020/NĐ-CP)',
  representation: 'rep-original',
  descriptiveType: 'ND30-PL6',
};

/** `SIP_hoso` / `AIP_hoso` (TT 05/2025, third-party summary). */
export function packageVariant(type: 'SIP' | 'AIP'): string {
  return `${type}_hoso`;
}
