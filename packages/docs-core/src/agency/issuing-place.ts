import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import { vietnamIso } from '@eoffice/vietnamese';
import { ADVISORY_LOCKS, advisoryLock } from '../store/row-locks.js';
import type { Database } from '../store/schema.js';
import { requireRole, type Actor } from '../users/actor.js';

const PLACE_KEY = 'agency.place';

/** Địa danh of the date line (ô 4: "Hà Nội, ngày … tháng … năm …"): admin only, like the rest of the agency set-up. */
export async function setIssuingPlace(db: Kysely<Database>, clock: Clock, actor: Actor, place: string): Promise<string> {
  requireRole(actor, ['admin'], 'đặt địa danh ban hành');
  const at = vietnamIso(clock.now());
  const value = place.trim().normalize('NFC');
  await db.transaction().execute(async (trx) => {
    // Under the settings' lock (PostgreSQL), so the audit's before is the value this change replaced.
    await advisoryLock(trx, ADVISORY_LOCKS.appSettings);
    const before = await trx.selectFrom('app_settings').select('value').where('key', '=', PLACE_KEY).executeTakeFirst();
    await trx
      .insertInto('app_settings')
      .values({ key: PLACE_KEY, value, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
      .execute();
    await appendAudit(trx, clock, { actor: actor.username, action: 'agency.place', objectType: 'agency', objectId: PLACE_KEY, before: { place: before?.value ?? null }, after: { place: value } });
  });
  return value;
}

/** The place, when the agency has one set; the date line is then "<place>, ngày …", else "ngày …" alone. */
export async function readIssuingPlace(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', PLACE_KEY).executeTakeFirst();
  return row?.value?.trim() ? row.value.trim() : null;
}
