import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import { vietnamIso } from '@eoffice/vietnamese';
import type { BlobStore } from '../store/blob-store.js';
import { ADVISORY_LOCKS, advisoryLock } from '../store/row-locks.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { requireRole, type Actor } from '../users/actor.js';
import { checkTransparentPng, takeTransparentPng, type TransparentPng } from '../users/transparent-png.js';

const SEAL_KEY = 'agency.seal_image';

/** Sets the agency seal image (ô 8, red PNG on a transparent background, drawn at its actual size): admin or clerk. */
export async function setAgencySeal(store: Store, clock: Clock, actor: Actor, path: string): Promise<TransparentPng> {
  requireRole(actor, ['admin', 'clerk'], 'đặt ảnh con dấu cơ quan');
  const image = await takeTransparentPng(store.blobs, path, 'Ảnh con dấu / seal image');
  const at = vietnamIso(clock.now());
  await store.db.transaction().execute(async (trx) => {
    // Under the settings' lock (PostgreSQL), so the audit's before is the value this change replaced.
    await advisoryLock(trx, ADVISORY_LOCKS.appSettings);
    const before = await trx.selectFrom('app_settings').select('value').where('key', '=', SEAL_KEY).executeTakeFirst();
    await trx.insertInto('blobs').values({ sha256: image.sha256, size: image.size, media_type: 'image/png', created_at: at }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
    await trx
      .insertInto('app_settings')
      .values({ key: SEAL_KEY, value: image.sha256, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: image.sha256, updated_at: at }))
      .execute();
    await appendAudit(trx, clock, {
      actor: actor.username,
      action: 'agency.seal-image',
      objectType: 'agency',
      objectId: SEAL_KEY,
      before: { sha256: before?.value ?? null },
      after: { sha256: image.sha256, width: image.width, height: image.height },
    });
  });
  return image;
}

/** The agency seal image, or null when none is set. */
export async function readAgencySeal(db: Kysely<Database>, blobs: BlobStore): Promise<Uint8Array | null> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', SEAL_KEY).executeTakeFirst();
  return row?.value ? new Uint8Array(await blobs.get(row.value)) : null;
}

/** The seal image's facts for the settings screen (its hash and size in pixels), or null when none is set. */
export async function readAgencySealFacts(db: Kysely<Database>, blobs: BlobStore): Promise<{ sha256: string; width: number; height: number } | null> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', SEAL_KEY).executeTakeFirst();
  if (!row?.value) return null;
  const { width, height } = checkTransparentPng(new Uint8Array(await blobs.get(row.value)), 'Ảnh con dấu / seal image');
  return { sha256: row.value, width, height };
}
