import type { Selectable, Transaction, Updateable } from 'kysely';
import { EOfficeError, type DocumentView } from '@eoffice/contract';
import { appendAudit, appendAuditEntries } from '../audit/audit-log.js';
import { vietnamIso } from '@eoffice/vietnamese';
import type { DocumentState } from '../model/document-state.js';
import { lockedForWrite } from '../store/row-locks.js';
import type { Database, DocumentsTable } from '../store/schema.js';
import { requireRole, type Actor } from '../users/actor.js';
import { documentNotFound, maySeeDocument } from '../users/secret-access.js';
import type { WorkflowDeps } from './deps.js';
import { loadDocumentView } from './document-view.js';
import { ruleFor, type DocumentAction } from './lifecycle.js';
import { appendProcessingLog, appendProcessingLogs } from './processing-log.js';
import { onDocumentChanged, onDocumentRemoved } from './search-hook.js';

export type DocumentRow = Selectable<DocumentsTable>;
export type Trx = Transaction<Database>;
/** The database or a transaction: the same read serves the checks before a step and the step itself. */
export type Reader = WorkflowDeps['store']['db'] | Trx;

/** What one step changes beside the state: fields, a note for the processing log, a summary for the audit. */
export interface StepOutcome {
  readonly patch?: Updateable<DocumentsTable>;
  readonly note?: string | null;
  readonly audit?: Record<string, unknown>;
  /** A step that may end in more than one state (verify: verified or needs checking) names the one it reached. */
  readonly to?: DocumentState;
  /** The document and its data are removed (an accepted recall); the audit keeps the trace. */
  readonly removed?: boolean;
}

export type StepBody = (trx: Trx, doc: DocumentRow) => Promise<StepOutcome>;

/**
 * The one transaction mechanism every part of the workflow goes through. Every step: one transaction that re-reads
 * the document, checks that the actor may see it, then the actor's roles (and ownership) and the state against the rule table, changes the row, and writes the
 * processing log, the audit entry and any outbox event together. Signing and sealing (PIN prompts, seconds) run
 * between transactions, never inside.
 */
export class WorkflowCore {
  readonly deps: WorkflowDeps;

  constructor(deps: WorkflowDeps) {
    this.deps = deps;
  }

  get db() {
    return this.deps.store.db;
  }

  get blobs() {
    return this.deps.store.blobs;
  }

  now(): Date {
    return this.deps.clock.now();
  }

  async show(id: string): Promise<DocumentView> {
    return loadDocumentView(this.db, id, this.now());
  }

  async step(actor: Actor, id: string, action: DocumentAction, body: StepBody): Promise<DocumentView> {
    await this.apply(actor, id, action, body);
    return this.show(id);
  }

  /** One transition in one transaction: check, change, processing log, search index, audit. */
  async apply(actor: Actor, id: string, action: DocumentAction, body: StepBody): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const doc = await this.checkedDocument(trx, actor, id, action);
      const outcome = await body(trx, doc);
      const rule = ruleFor(doc.direction, action)!;
      const to = outcome.to ?? rule.to ?? doc.state;
      const at = vietnamIso(this.now());
      if (outcome.removed) {
        await trx.deleteFrom('documents').where('id', '=', id).execute();
        await onDocumentRemoved(trx, id);
      } else {
        // The last write to the row in this step (the body's own writes came before it): its RETURNING is the row the
        // search entry is made from, one read fewer per step.
        const row = await trx.updateTable('documents').set({ ...outcome.patch, state: to, updated_at: at }).where('id', '=', id).returningAll().executeTakeFirst();
        await appendProcessingLog(trx, actor, id, action, doc.state, to, outcome.note ?? null, at);
        await onDocumentChanged(trx, id, row);
      }
      await appendAudit(trx, this.deps.clock, {
        actor: actor.username,
        action: `document.${action}`,
        objectType: 'document',
        objectId: id,
        before: { state: doc.state },
        after: { state: outcome.removed ? 'removed' : to, ...outcome.audit },
      });
    });
  }

  /** Role and state checks without changing anything: for the work done before a step's transaction. */
  async precheck(actor: Actor, id: string, action: DocumentAction): Promise<DocumentRow> {
    return this.checkedDocument(this.db, actor, id, action);
  }

  /**
   * Inside a step's transaction the document's row is read under a row lock (PostgreSQL; SQLite's writer is alone
   * anyway), the first lock of the step (ARCHITECTURE.md, "Lock order"): two steps on one document take turns, and the
   * second checks the state the first left. Read without it, two clerks registering one document both passed the
   * check and both took a number.
   */
  async checkedDocument(db: Reader, actor: Actor, id: string, action: DocumentAction): Promise<DocumentRow> {
    const doc = await lockedForWrite(db, db.selectFrom('documents').selectAll().where('id', '=', id)).executeTakeFirst();
    // Visibility before anything else: a document the actor may not see answers as a missing one, never with its state.
    if (!doc || !(await maySeeDocument(db, actor, doc))) throw documentNotFound(id);
    const rule = ruleFor(doc.direction, action);
    if (!rule) {
      throw new EOfficeError('E_INVALID_STATE', `Thao tác "${action}" không áp dụng cho văn bản ${directionLabel(doc.direction)} / not applicable to this direction`);
    }
    requireRole(actor, rule.roles, rule.label);
    if (rule.owner === 'drafter' && doc.drafter_id !== actor.id) {
      throw new EOfficeError('E_FORBIDDEN', `Chỉ người soạn dự thảo mới được ${rule.label} / only the drafter may ${action} this draft`);
    }
    if (!rule.from.includes(doc.state)) {
      throw new EOfficeError(
        'E_INVALID_STATE',
        `Không thể ${rule.label} khi văn bản đang ở trạng thái "${doc.state}" (cần: ${rule.from.join(', ')}) / cannot ${action} a document in state ${doc.state}`,
      );
    }
    return doc;
  }

  /**
   * A document that begins (received, drafted, copied): its first log line, its audit entry, its search entry.
   * `written`: the row as its insert returned it, when nothing wrote to it since (else the search hook reads it).
   * `then`: a step taken in the same transaction right after (an axis arrival checked on arrival: verify), recorded
   * as apply() records a step (a log line from the first state, an audit entry with before and after); the row
   * written already holds its outcome, so the search entry is made once, from the final row.
   */
  async recordCreated(
    trx: Trx,
    actor: Actor,
    id: string,
    created: {
      action: 'receive' | 'draft' | 'copy';
      state: DocumentState;
      note: string | null;
      at: string;
      audit: Record<string, unknown>;
      /** Every file the document was created with (see onDocumentChanged); read back when absent. */
      files?: readonly { readonly sha256: string; readonly mediaType: string }[];
    },
    written?: DocumentRow,
    then?: { actor: Actor; action: DocumentAction; state: DocumentState; note: string | null; audit: Record<string, unknown> },
  ): Promise<void> {
    // Checked on arrival, the receipt and its verify step are recorded together: one statement each for the log
    // lines and for the audit entries, in the order the two steps would have written them.
    await appendProcessingLogs(trx, id, created.at, [
      { actor, action: created.action, from: null, to: created.state, note: created.note },
      ...(then ? [{ actor: then.actor, action: then.action, from: created.state, to: then.state, note: then.note }] : []),
    ]);
    // The search entry before the audit entries, as in apply(): on PostgreSQL each takes an advisory lock (the day's
    // sort keys, then the audit chain), and a receive taking them in the other order deadlocked a racing register.
    await onDocumentChanged(trx, id, written, created.files);
    await appendAuditEntries(trx, this.deps.clock, [
      { actor: actor.username, action: `document.${created.action}`, objectType: 'document', objectId: id, after: created.audit },
      ...(then
        ? [{ actor: then.actor.username, action: `document.${then.action}`, objectType: 'document', objectId: id, before: { state: created.state }, after: { state: then.state, ...then.audit } }]
        : []),
    ]);
  }
}

function directionLabel(direction: string): string {
  return direction === 'incoming' ? 'đến' : direction === 'outgoing' ? 'đi' : 'nội bộ';
}
