import type { Kysely, Transaction } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import type { Database } from '../store/schema.js';

/** How outgoing administrative documents are numbered: the agency head decides (Decree 30 Điều 15). */
export type NumberingScheme = 'single' | 'per-type';

/** The agency this database belongs to (cơ quan), kept in app_settings. */
export interface AgencySettings {
  readonly organId: string;
  readonly name: string;
  /** Chữ viết tắt tên cơ quan, the issuer part of a ký hiệu: `QĐ-UBND`. */
  readonly abbreviation: string;
  readonly numberingScheme: NumberingScheme;
}

const KEYS = {
  organId: 'agency.organ_id',
  name: 'agency.name',
  abbreviation: 'agency.abbreviation',
  numberingScheme: 'numbering.scheme',
} as const;

export async function readAgency(db: Kysely<Database>): Promise<AgencySettings | undefined> {
  const rows = await db.selectFrom('app_settings').selectAll().where('key', 'in', Object.values(KEYS)).execute();
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const organId = value(KEYS.organId);
  const name = value(KEYS.name);
  if (!organId || !name) return undefined;
  return {
    organId,
    name,
    abbreviation: value(KEYS.abbreviation) ?? 'CQ',
    numberingScheme: value(KEYS.numberingScheme) === 'per-type' ? 'per-type' : 'single',
  };
}

export async function requireAgency(db: Kysely<Database>): Promise<AgencySettings> {
  const agency = await readAgency(db);
  if (!agency) {
    throw new EOfficeError(
      'E_NOT_INITIALISED',
      'Chưa khởi tạo cơ quan; chạy "eoffice db init" / the agency is not set up yet',
    );
  }
  return agency;
}

export async function writeAgency(trx: Transaction<Database>, agency: AgencySettings, at: string): Promise<void> {
  for (const [field, key] of Object.entries(KEYS) as Array<[keyof AgencySettings, string]>) {
    await trx
      .insertInto('app_settings')
      .values({ key, value: String(agency[field]), updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(agency[field]), updated_at: at }))
      .execute();
  }
}

/** Initials of the words, uppercase: "Ủy ban nhân dân" → "UBND". Đ stays Đ, as on real documents. */
export function abbreviate(text: string): string {
  return text
    .trim()
    .split(/\s+/)
    .map((word) => word.normalize('NFC').charAt(0))
    .map((ch) => ch.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC').toUpperCase())
    .join('');
}
