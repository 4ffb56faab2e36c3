import type { DocumentView } from '@eoffice/contract';
import { loadWorkingCalendar } from '../calendar/calendar-repository.js';
import { buildViews } from './document-view.js';
import type { WorkflowCore } from './workflow-core.js';
import type { ListFilter } from './workflow-inputs.js';

/** Reading documents: one, a page of them, and the processing log of one. */
export class DocumentQueries {
  readonly #core: WorkflowCore;

  constructor(core: WorkflowCore) {
    this.#core = core;
  }

  async show(id: string): Promise<DocumentView> {
    return this.#core.show(id);
  }

  async list(filter: ListFilter): Promise<DocumentView[]> {
    let query = this.#core.db.selectFrom('documents').selectAll();
    const secrets = filter.secretsVisible ?? [];
    if (secrets !== 'all') {
      query = query.where((eb) =>
        eb.or([eb('secrecy', 'is', null), eb('secrecy', '=', 'none'), ...(secrets.length > 0 ? [eb('id', 'in', [...secrets])] : [])]),
      );
    }
    if (filter.direction) query = query.where('direction', '=', filter.direction);
    if (filter.state) query = query.where('state', '=', filter.state);
    if (filter.year) query = query.where('year', '=', filter.year);
    if (filter.awaitingMySignature) {
      const signsFor = [...(filter.signsFor ?? [])];
      if (signsFor.length === 0) return [];
      // A draft naming no signer may be signed by any leader; one naming a leader waits for them or their deputy.
      query = query.where('state', '=', 'approved').where((eb) => eb.or([eb('signer_user_id', 'in', signsFor), eb('signer_user_id', 'is', null)]));
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(filter.limit).offset(filter.offset).execute();
    const now = this.#core.now();
    const calendar = await loadWorkingCalendar(this.#core.db);
    return buildViews(this.#core.db, rows, now, calendar);
  }

  async history(id: string) {
    await this.#core.show(id);
    const rows = await this.#core.db
      .selectFrom('processing_log')
      .leftJoin('users', 'users.id', 'processing_log.actor_id')
      .select(['processing_log.at', 'users.username', 'processing_log.actor_id', 'processing_log.action', 'processing_log.from_state', 'processing_log.to_state', 'processing_log.note'])
      .where('document_id', '=', id)
      .orderBy('processing_log.id')
      .execute();
    return rows.map((r) => ({ at: r.at, actor: r.username ?? r.actor_id, action: r.action, fromState: r.from_state, toState: r.to_state, note: r.note }));
  }
}
