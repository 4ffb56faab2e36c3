import type { DocumentState } from '../model/document-state.js';
import type { Actor } from '../users/actor.js';
import type { Trx } from './workflow-core.js';

/** One line of the processing log (sổ theo dõi xử lý), written in the transaction of the step it records. */
export async function appendProcessingLog(
  trx: Trx,
  actor: Actor,
  id: string,
  action: string,
  from: DocumentState | null,
  to: DocumentState | null,
  note: string | null,
  at: string,
): Promise<void> {
  await appendProcessingLogs(trx, id, at, [{ actor, action, from, to, note }]);
}

/** A line of the processing log as appendProcessingLogs takes it. */
export interface ProcessingLogLine {
  readonly actor: Actor;
  readonly action: string;
  readonly from: DocumentState | null;
  readonly to: DocumentState | null;
  readonly note: string | null;
}

/** Lines of one document's log written at once, in their order, with one statement (an arrival checked on receipt). */
export async function appendProcessingLogs(trx: Trx, id: string, at: string, lines: readonly ProcessingLogLine[]): Promise<void> {
  if (lines.length === 0) return;
  await trx
    .insertInto('processing_log')
    .values(lines.map((l) => ({ document_id: id, at, actor_id: l.actor.id, action: l.action, from_state: l.from, to_state: l.to, note: l.note })))
    .execute();
}
