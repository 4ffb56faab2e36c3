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
  await trx.insertInto('processing_log').values({ document_id: id, at, actor_id: actor.id, action, from_state: from, to_state: to, note }).execute();
}
