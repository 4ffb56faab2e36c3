import type { Kysely } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { appendAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import { vietnamIso } from '@eoffice/vietnamese';
import type { BlobStore } from '../store/blob-store.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { Actor } from './actor.js';
import { takeTransparentPng, type TransparentPng } from './transparent-png.js';

/**
 * Sets a user's signature image (ô 7c, blue PNG on a transparent background). Only the user themself: the image is
 * drawn on every document they sign with their own key, so not even an admin may put one there in their name.
 * Stored as a blob referenced from the user row (migration 30).
 */
export async function setSignatureImage(store: Store, clock: Clock, actor: Actor, username: string, path: string): Promise<TransparentPng & { username: string }> {
  if (actor.username !== username) {
    throw new EOfficeError('E_FORBIDDEN', `Chỉ chính ${username} mới đặt được ảnh chữ ký của mình / only the user sets their own signature image`);
  }
  const user = await store.db.selectFrom('users').select(['id', 'signature_image_sha256']).where('username', '=', username).executeTakeFirst();
  if (!user) throw new EOfficeError('E_NOT_FOUND', `Không có người dùng "${username}" / no such user`);
  const image = await takeTransparentPng(store.blobs, path, 'Ảnh chữ ký / signature image');
  const at = vietnamIso(clock.now());
  await store.db.transaction().execute(async (trx) => {
    await trx.insertInto('blobs').values({ sha256: image.sha256, size: image.size, media_type: 'image/png', created_at: at }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
    await trx.updateTable('users').set({ signature_image_sha256: image.sha256 }).where('id', '=', user.id).execute();
    await appendAudit(trx, clock, {
      actor: actor.username,
      action: 'user.signature-image',
      objectType: 'user',
      objectId: username,
      before: { sha256: user.signature_image_sha256 },
      after: { sha256: image.sha256, width: image.width, height: image.height },
    });
  });
  return { ...image, username };
}

/** The user's signature image, or null when none is set (the signature then shows text only). */
export async function readSignatureImage(db: Kysely<Database>, blobs: BlobStore, userId: string): Promise<Uint8Array | null> {
  const row = await db.selectFrom('users').select('signature_image_sha256').where('id', '=', userId).executeTakeFirst();
  return row?.signature_image_sha256 ? new Uint8Array(await blobs.get(row.signature_image_sha256)) : null;
}
