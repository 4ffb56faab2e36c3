import type { Kysely } from 'kysely';
import { EOfficeError } from '@eoffice/contract';
import { isSecret } from '../model/secrecy.js';
import type { Role } from '../model/roles.js';
import type { Database } from '../store/schema.js';
import type { Actor } from './actor.js';

/**
 * Who sees a secret document (Mật, Tối mật, Tuyệt mật). Decree 30 and the Law on Protection of State Secrets keep
 * secret documents to the people who handle them: the leaders who direct them, the clerk who registers them, the
 * archivist who keeps them. Anyone else sees one only while it concerns them: they drafted it or were assigned to
 * it. Admins run the system, not the documents: no secrets for them by role. Everyone else never sees a secret
 * document, its metadata or its count.
 */
export const SECRET_READER_ROLES: readonly Role[] = ['leader', 'clerk', 'archivist'];

export function readsAllSecrets(actor: Actor): boolean {
  return SECRET_READER_ROLES.some((role) => actor.roles.has(role));
}

/** `'all'` for the reader roles, else the ids of the secret documents the actor drafted or is assigned to. */
export async function visibleSecretDocuments(db: Kysely<Database>, actor: Actor): Promise<'all' | string[]> {
  if (readsAllSecrets(actor)) return 'all';
  const rows = await db
    .selectFrom('documents')
    .select('id')
    // "Not null and not 'none'", written as two ranges so the documents_secrecy index is read, not every row.
    .where((eb) => eb.or([eb('secrecy', '<', 'none'), eb('secrecy', '>', 'none')]))
    .where((eb) =>
      eb.or([
        eb('drafter_id', '=', actor.id),
        eb('id', 'in', eb.selectFrom('assignments').select('document_id').where('user_id', '=', actor.id).where('status', '<>', 'cancelled')),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** The one answer for a document that is missing or that the caller may not see (ARCHITECTURE.md, invariant 1). */
export function documentNotFound(documentId: string): EOfficeError {
  return new EOfficeError('E_NOT_FOUND', `Không tìm thấy văn bản ${documentId} / document not found`);
}

/** Whether the actor may see this document at all: every non-secret one, a secret one as `visibleSecretDocuments` says. */
export async function maySeeDocument(
  db: Kysely<Database>,
  actor: Actor,
  doc: { readonly id: string; readonly secrecy: string | null },
): Promise<boolean> {
  if (!isSecret(doc.secrecy) || readsAllSecrets(actor)) return true;
  const visible = await visibleSecretDocuments(db, actor);
  return visible === 'all' || visible.includes(doc.id);
}

/**
 * Refuses a document that is missing or that the actor may not see, with the same error: asking by id must not
 * confirm that a secret document exists.
 */
export async function requireDocumentVisible(db: Kysely<Database>, actor: Actor, documentId: string): Promise<void> {
  const row = await db.selectFrom('documents').select(['id', 'secrecy']).where('id', '=', documentId).executeTakeFirst();
  if (!row || !(await maySeeDocument(db, actor, row))) throw documentNotFound(documentId);
}
