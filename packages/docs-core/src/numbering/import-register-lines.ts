import { EOfficeError } from '@eoffice/contract';
import type { Transaction } from 'kysely';
import type { Database } from '../store/schema.js';
import { ensureRegister, registerId, type RegisterDirection, type RegisterKind } from './registers.js';

/** A register line brought over with its document (a legacy register, the demo profile): its number is given already. */
export interface ImportedRegisterLine {
  readonly agencyId: string;
  readonly year: number;
  readonly direction: RegisterDirection;
  readonly kind: RegisterKind;
  /** Which counter inside the register: `all`, or a type code under per-type numbering. */
  readonly sequenceKey: string;
  readonly number: number;
  readonly documentId: string;
  /** Số/ký hiệu as written in the register line (number-format.ts). */
  readonly code: string;
  /** When it was registered (Vietnam ISO time, as the service writes it). */
  readonly at: string;
  readonly actorId: string;
}

const ROWS_PER_INSERT = 500;

/**
 * Writes register lines whose numbers were given elsewhere, in the caller's transaction, as `allocateNumber` would
 * have written them one by one: each counter's lines must continue it without a gap or a repeat (the first one
 * number after the counter, each next one number after the last) and in time order, else nothing is written
 * (E_INVALID_INPUT). The counter is left at the last line, so the service's next number follows it.
 */
export async function importRegisterLines(trx: Transaction<Database>, lines: readonly ImportedRegisterLine[]): Promise<Record<string, number>> {
  const counters = new Map<string, { registerId: string; sequenceKey: string; last: number; at: string }>();
  const written: Record<string, number> = {};
  for (const line of lines) {
    const id = registerId(line.agencyId, line.year, line.direction, line.kind);
    const key = `${id}#${line.sequenceKey}`;
    let counter = counters.get(key);
    if (!counter) {
      await ensureRegister(trx, line.agencyId, line.year, line.direction, line.kind, line.at);
      const stored = await trx
        .selectFrom('number_sequences')
        .select('last_value')
        .where('register_id', '=', id)
        .where('sequence_key', '=', line.sequenceKey)
        .executeTakeFirst();
      const lastLine = await trx
        .selectFrom('register_entries')
        .select('registered_at')
        .where('register_id', '=', id)
        .where('sequence_key', '=', line.sequenceKey)
        .orderBy('number', 'desc')
        .limit(1)
        .executeTakeFirst();
      counter = { registerId: id, sequenceKey: line.sequenceKey, last: stored?.last_value ?? 0, at: lastLine?.registered_at ?? '' };
      counters.set(key, counter);
    }
    if (line.number !== counter.last + 1) {
      throw new EOfficeError(
        'E_INVALID_INPUT',
        `Số ${line.number} không nối tiếp số ${counter.last} của ${id} (${line.sequenceKey}) / register numbers must run on without a gap: ${line.documentId}`,
      );
    }
    if (line.at < counter.at) {
      throw new EOfficeError('E_INVALID_INPUT', `Số ${line.number} của ${id} vào sổ trước số ${counter.last} / register numbers must follow time: ${line.documentId}`);
    }
    counter.last = line.number;
    counter.at = line.at;
    written[id] = (written[id] ?? 0) + 1;
  }
  for (let i = 0; i < lines.length; i += ROWS_PER_INSERT) {
    await trx
      .insertInto('register_entries')
      .values(
        lines.slice(i, i + ROWS_PER_INSERT).map((line) => ({
          register_id: registerId(line.agencyId, line.year, line.direction, line.kind),
          sequence_key: line.sequenceKey,
          number: line.number,
          document_id: line.documentId,
          code: line.code,
          status: 'active' as const,
          registered_at: line.at,
          registered_by: line.actorId,
        })),
      )
      .execute();
  }
  for (const counter of counters.values()) {
    await trx
      .insertInto('number_sequences')
      .values({ register_id: counter.registerId, sequence_key: counter.sequenceKey, last_value: counter.last })
      .onConflict((oc) => oc.columns(['register_id', 'sequence_key']).doUpdateSet({ last_value: counter.last }))
      .execute();
  }
  return written;
}
