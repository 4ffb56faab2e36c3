import type { Transaction } from 'kysely';
import type { Database, RegistersTable } from '../store/schema.js';

export type RegisterDirection = RegistersTable['direction'];
/** Sổ thường, sổ mật (secret documents are registered apart, Điều 16.3, 22.4), sổ bản sao. */
export type RegisterKind = RegistersTable['kind'];

const TITLES: Record<RegisterDirection, Record<RegisterKind, string>> = {
  incoming: { normal: 'Sổ đăng ký văn bản đến', secret: 'Sổ đăng ký văn bản đến mật', copy: 'Sổ đăng ký bản sao' },
  outgoing: { normal: 'Sổ đăng ký văn bản đi', secret: 'Sổ đăng ký văn bản đi mật', copy: 'Sổ đăng ký bản sao' },
};

export function registerId(agencyId: string, year: number, direction: RegisterDirection, kind: RegisterKind): string {
  return `${agencyId}/${year}/${direction}/${kind}`;
}

/** The register for that agency, year, direction and kind; opened on first use (a new year opens new registers). */
export async function ensureRegister(
  trx: Transaction<Database>,
  agencyId: string,
  year: number,
  direction: RegisterDirection,
  kind: RegisterKind,
  at: string,
): Promise<string> {
  const id = registerId(agencyId, year, direction, kind);
  await trx
    .insertInto('registers')
    .values({ id, agency_id: agencyId, year, direction, kind, title: `${TITLES[direction][kind]} năm ${year}`, created_at: at })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return id;
}
