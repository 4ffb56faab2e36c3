import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema.js';

export const REQUIRE_TRUSTED_KEY = 'trust.require_trusted';

/**
 * "Require trusted" (issue 11 item 2): off by default, so a sender whose CA the agency has not installed yet is a
 * warning on the document; on, such an arrival needs checking like an unsigned one.
 */
export async function readRequireTrusted(db: Kysely<Database> | Transaction<Database>): Promise<boolean> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', REQUIRE_TRUSTED_KEY).executeTakeFirst();
  return requireTrustedOf(row?.value);
}

/** The policy a stored setting names: on only when it says `true`. */
export function requireTrustedOf(value: string | undefined): boolean {
  return value === 'true';
}

export async function writeRequireTrusted(trx: Transaction<Database>, value: boolean, at: string): Promise<void> {
  await trx
    .insertInto('app_settings')
    .values({ key: REQUIRE_TRUSTED_KEY, value: String(value), updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(value), updated_at: at }))
    .execute();
}
