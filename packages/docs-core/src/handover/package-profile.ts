import type { Kysely, Transaction } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { vietnamIso } from '@eoffice/vietnamese';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import { ADVISORY_LOCKS, advisoryLock } from '../store/row-locks.js';
import type { Database } from '../store/schema.js';
import { requireRole, type Actor } from '../users/actor.js';

/**
 * What Circular 05/2025/TT-BNV fixes about a package and we could not verify (domain-vn.md §2.1, UNVERIFIED): an
 * agency setting kept in app_settings beside the rest of its set-up (as the signing policy is), so an agency follows
 * the official text — or what its archive asks — without a code change, and every face and the agency server
 * package alike.
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
  /**
   * The package made when the caller names none: SIP when the archive runs another system (converted to AIP on
   * approval), AIP when it is the same system (TT 05/2025, third-party summary).
   */
  readonly packageType: 'SIP' | 'AIP';
}

export const DEFAULT_PACKAGE_PROFILE: PackageProfile = {
  profile: 'https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml',
  type: 'OTHER',
  otherType: 'Hồ sơ (Nghị định 30/2020/NĐ-CP)',
  representation: 'rep-original',
  descriptiveType: 'ND30-PL6',
  packageType: 'SIP',
};

const KEYS: Record<keyof PackageProfile, string> = {
  profile: 'handover.csip_profile',
  type: 'handover.mets_type',
  otherType: 'handover.mets_other_type',
  representation: 'handover.representation',
  descriptiveType: 'handover.descriptive_type',
  packageType: 'handover.package_type',
};

/** `SIP_hoso` / `AIP_hoso` (TT 05/2025, third-party summary). */
export function packageVariant(type: 'SIP' | 'AIP'): string {
  return `${type}_hoso`;
}

/** The agency's profile; a field never set is the default's. */
export async function readPackageProfile(db: Kysely<Database> | Transaction<Database>): Promise<PackageProfile> {
  const rows = await db.selectFrom('app_settings').select(['key', 'value']).where('key', 'in', Object.values(KEYS)).execute();
  const stored = (field: keyof PackageProfile) => rows.find((r) => r.key === KEYS[field])?.value || undefined;
  const packageType = stored('packageType');
  return {
    profile: stored('profile') ?? DEFAULT_PACKAGE_PROFILE.profile,
    type: stored('type') ?? DEFAULT_PACKAGE_PROFILE.type,
    otherType: stored('otherType') ?? DEFAULT_PACKAGE_PROFILE.otherType,
    representation: stored('representation') ?? DEFAULT_PACKAGE_PROFILE.representation,
    descriptiveType: stored('descriptiveType') ?? DEFAULT_PACKAGE_PROFILE.descriptiveType,
    packageType: packageType === 'AIP' || packageType === 'SIP' ? packageType : DEFAULT_PACKAGE_PROFILE.packageType,
  };
}

/**
 * Changes the fields given (admin only, audited with before and after); `reset` puts every field back to the default
 * first. The representation names a folder inside the package, so it is one safe path segment.
 */
export async function setPackageProfile(db: Kysely<Database>, clock: Clock, actor: Actor, change: Partial<PackageProfile> & { reset?: boolean }): Promise<PackageProfile> {
  requireRole(actor, ['admin'], 'đặt hồ sơ gói nộp lưu');
  const { reset, ...fields } = change;
  const at = vietnamIso(clock.now());
  return db.transaction().execute(async (trx) => {
    // Read, merged and written back whole under the settings' lock (PostgreSQL): two admins changing different
    // fields at once each wrote the other's field back as it was before.
    await advisoryLock(trx, ADVISORY_LOCKS.appSettings);
    const before = await readPackageProfile(trx);
    const after: PackageProfile = { ...(reset ? DEFAULT_PACKAGE_PROFILE : before), ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
    checkProfile(after);
    for (const [field, key] of Object.entries(KEYS) as Array<[keyof PackageProfile, string]>) {
      const value = after[field];
      await trx
        .insertInto('app_settings')
        .values({ key, value, updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
        .execute();
    }
    await appendAudit(trx, clock, { actor: actor.username, action: 'agency.package-profile', objectType: 'agency', objectId: 'handover', before: { ...before }, after: { ...after } });
    return after;
  });
}

function checkProfile(profile: PackageProfile): void {
  let url: URL | null = null;
  try {
    url = new URL(profile.profile);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new EOfficeError('E_INVALID_INPUT', `Hồ sơ CSIP phải là URL http(s) / the CSIP profile must be an http(s) URL: "${profile.profile}"`);
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(profile.representation) || profile.representation.includes('..')) {
    throw new EOfficeError(
      'E_INVALID_INPUT',
      `Tên thư mục biểu diễn chỉ gồm chữ, số, . _ - / the representation folder is letters, digits, . _ -: "${profile.representation}"`,
    );
  }
}
