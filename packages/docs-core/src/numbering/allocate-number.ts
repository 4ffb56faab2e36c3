import type { Transaction } from 'kysely';
import type { Database } from '../store/schema.js';
import { ensureRegister, type RegisterDirection, type RegisterKind } from './registers.js';

export interface NumberRequest {
  readonly agencyId: string;
  readonly year: number;
  readonly direction: RegisterDirection;
  readonly kind: RegisterKind;
  /** Which counter inside the register: `all`, or a type code under per-type numbering. */
  readonly sequenceKey: string;
  readonly documentId: string;
  /** Số/ký hiệu as written in the register line. */
  readonly code: (number: number) => string;
  readonly at: string;
  readonly actorId: string;
}

export interface AllocatedNumber {
  readonly registerId: string;
  readonly sequenceKey: string;
  readonly number: number;
  readonly entryId: number;
}

/**
 * Takes the next number and writes its register line in the caller's transaction. With BEGIN IMMEDIATE the
 * transaction holds the database write lock from its first statement, so another process cannot read the same
 * counter; if the caller's transaction rolls back, the counter and the line roll back together: no gap, no
 * duplicate. Keep SQLite out of here: an upsert with RETURNING reads the same on PostgreSQL.
 */
export async function allocateNumber(trx: Transaction<Database>, request: NumberRequest): Promise<AllocatedNumber> {
  const registerId = await ensureRegister(trx, request.agencyId, request.year, request.direction, request.kind, request.at);
  const { last_value: number } = await trx
    .insertInto('number_sequences')
    .values({ register_id: registerId, sequence_key: request.sequenceKey, last_value: 1 })
    .onConflict((oc) =>
      oc.columns(['register_id', 'sequence_key']).doUpdateSet((eb) => ({ last_value: eb('number_sequences.last_value', '+', 1) })),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  const { id } = await trx
    .insertInto('register_entries')
    .values({
      register_id: registerId,
      sequence_key: request.sequenceKey,
      number,
      document_id: request.documentId,
      code: request.code(number),
      status: 'active',
      registered_at: request.at,
      registered_by: request.actorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { registerId, sequenceKey: request.sequenceKey, number, entryId: id };
}

/** Marks a line void (an abandoned issue): it stays in the register, shown, and its number is never given again. */
export async function voidRegisterEntry(trx: Transaction<Database>, entryId: number, note: string): Promise<void> {
  await trx.updateTable('register_entries').set({ status: 'void', note }).where('id', '=', entryId).execute();
}
