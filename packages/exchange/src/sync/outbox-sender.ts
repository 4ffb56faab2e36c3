import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EOfficeError } from '@eoffice/contract';
import { makePrivateDir, readAgency, type Database } from '@eoffice/docs-core';
import { vietnamIso } from '@eoffice/vietnamese';
import type { Selectable } from 'kysely';
import { buildStatusXml, writeEdocFile } from '../edxml/edxml-writer.js';
import type { BusinessDocType, StatusCode } from '../edxml/edxml-message.js';
import { edxmlTimestamp, outgoingEdoc } from '../outgoing/outgoing-edoc.js';
import { nextAttemptAt } from './backoff.js';
import { DEFAULT_BACKOFF_MS, type SyncDeps } from './sync-options.js';

type OutboxRow = Selectable<Database['outbox']>;

export interface SendOutcome {
  readonly sent: number;
  /** Tries that failed and will be tried again later. */
  readonly retrying: number;
  /** Messages whose back-off is used up (now `failed`) or that can never be built (now `quarantined`). */
  readonly failed: number;
  readonly quarantined: number;
}

/**
 * The axis client's errors are worth another try later; anything else (a secret or paper document, a missing file,
 * no secret configured) never will be. Named one by one: the declared-errors scan reads whole codes, not prefixes.
 */
const TRANSIENT_CODES: ReadonlySet<string> = new Set(['E_AXIS_REFUSED', 'E_AXIS_TIMEOUT', 'E_AXIS_UNREACHABLE', 'E_AXIS_BAD_ANSWER']);
function isTransient(error: unknown): boolean {
  return error instanceof EOfficeError && TRANSIENT_CODES.has(error.code);
}

/**
 * Drains the outbox once: every due message is built from its row (deterministically, with the row's own time, so a
 * message resent after a crash is the same message) and sent. The rows of one dispatch go as one edoc addressed to
 * all their recipients in the body. A row is marked `sent` only after the axis answered with a DocId: a crash in
 * between sends it again, and the receiver's deduplication makes that harmless.
 */
export async function drainOutbox(deps: SyncDeps): Promise<SendOutcome> {
  const db = deps.store.db;
  const now = deps.now();
  // docs-core writes next_attempt_at in Vietnam time (vietnamIso) and so does markFailed: one convention, so the
  // comparison can be a plain string comparison in SQL, as the (state, next_attempt_at) index expects.
  const dueAt = vietnamIso(now);
  const unsent = await db.selectFrom('outbox').selectAll().where('state', 'in', ['pending', 'sending', 'failed']).orderBy('id').execute();
  const isDue = (row: OutboxRow) => row.state !== 'failed' && (row.next_attempt_at === null || row.next_attempt_at <= dueAt);
  // Messages to one recipient about one document leave in the order they were queued: a 03 never overtakes a 01
  // that is still waiting for its next try, nor a recall the document it recalls. A key is held from its first
  // message that cannot go now (not due, stopped as failed, or failing in this pass) until a later pass.
  const held = new Set<string>();
  const due: OutboxRow[] = [];
  for (const row of unsent) {
    if (!isDue(row)) held.add(orderKey(row));
    else if (!held.has(orderKey(row))) due.push(row);
  }
  const outcome = { sent: 0, retrying: 0, failed: 0, quarantined: 0 };
  if (due.length === 0) return outcome;
  const agency = await readAgency(db);
  if (!agency) throw new EOfficeError('E_INVALID_STATE', 'Chưa khai báo cơ quan / the agency is not set up');
  const work = join(deps.dataDir, 'tmp', 'exchange-out');
  await makePrivateDir(work);
  for (const candidates of groupMessages(due)) {
    const group = candidates.filter((row) => !held.has(orderKey(row)));
    if (group.length === 0) continue;
    const file = join(work, `outbox-${group[0]!.id}.edxml`);
    try {
      const first = group[0]!;
      if (first.kind === 'status') {
        await writeFile(file, statusXml(first, agency.organId, agency.name), { mode: 0o600 });
        const docId = await deps.axis.sendEdoc(file, { from: agency.organId, to: first.recipient_organ_id, messagetype: 'status' });
        await markSent(deps, group, docId);
      } else {
        const payload = JSON.parse(first.payload) as DocumentPayload;
        const edoc = await outgoingEdoc(deps.store, first.document_id, {
          businessType: (first.business_type ?? 0) as BusinessDocType,
          recipients: group.map((r) => r.recipient_organ_id),
          ...(payload.reason ? { reason: payload.reason } : {}),
          ...(payload.exchangeDocumentId && first.business_type !== 0 && first.business_type !== 3 ? { targetDocumentId: payload.exchangeDocumentId } : {}),
          ...(payload.replaces ? { replaces: payload.replaces.filter((r): r is { documentId: string; organIds: string[] } => typeof r.documentId === 'string') } : {}),
          now: new Date(first.created_at),
        });
        await writeEdocFile(edoc, file);
        // Recipients in the body: 650 of them do not fit in a header.
        const docId = await deps.axis.sendEdoc(file, { from: agency.organId, messagetype: 'edoc' });
        await markSent(deps, group, docId);
      }
      outcome.sent += group.length;
    } catch (error) {
      const result = await markFailed(deps, group, error, now);
      outcome[result] += group.length;
      // Quarantined never goes: what follows it is not held behind it (a poison message never blocks the queue).
      if (result !== 'quarantined') for (const row of group) held.add(orderKey(row));
    } finally {
      await rm(file, { force: true });
    }
  }
  return outcome;
}

interface DocumentPayload {
  readonly reason?: string;
  readonly exchangeDocumentId?: string | null;
  readonly replaces?: ReadonlyArray<{ readonly documentId: string | null; readonly organIds: string[] }>;
}

/** Messages sharing this key keep their queue order. */
function orderKey(row: OutboxRow): string {
  return `${row.document_id}\u0000${row.recipient_organ_id}`;
}

/** One message per status row; the rows of one document event (same document, type and time) go together. */
function groupMessages(rows: readonly OutboxRow[]): OutboxRow[][] {
  const groups = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    const key = row.kind === 'status' ? `status:${row.id}` : `doc:${row.document_id}:${row.business_type}:${row.created_at}:${row.payload}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()];
}

function statusXml(row: OutboxRow, organId: string, organName: string): string {
  const payload = JSON.parse(row.payload) as {
    responseFor: { organId: string; code: string; promulgationDate: string | null; documentId: string | null };
    statusCode: string;
    description: string;
  };
  if (!payload.responseFor.documentId) {
    throw new EOfficeError('E_INVALID_STATE', 'Văn bản không có DocumentId của trục / the document has no axis DocumentId');
  }
  return buildStatusXml({
    from: { organId, organName },
    responseFor: { ...payload.responseFor, documentId: payload.responseFor.documentId },
    statusCode: payload.statusCode as StatusCode,
    description: payload.description,
    // The row's own time: the same status sent twice is the same status (the receiver keeps it once).
    timestamp: edxmlTimestamp(new Date(row.created_at)),
  });
}

async function markSent(deps: SyncDeps, group: readonly OutboxRow[], axisDocId: string): Promise<void> {
  const at = vietnamIso(deps.now());
  await deps.store.db
    .updateTable('outbox')
    .set({ state: 'sent', axis_doc_id: axisDocId, sent_at: at, last_error: null, next_attempt_at: null })
    .where('id', 'in', group.map((r) => r.id))
    .execute();
}

async function markFailed(deps: SyncDeps, group: readonly OutboxRow[], error: unknown, now: Date): Promise<'retrying' | 'failed' | 'quarantined'> {
  const message = errorText(error);
  const schedule = deps.backoffMs ?? DEFAULT_BACKOFF_MS;
  const attempts = (group[0]?.attempts ?? 0) + 1;
  let state: 'pending' | 'failed' | 'quarantined';
  let next: Date | null = null;
  if (!isTransient(error)) {
    state = 'quarantined';
  } else {
    next = nextAttemptAt(now, attempts, schedule);
    state = next ? 'pending' : 'failed';
  }
  await deps.store.db
    .updateTable('outbox')
    .set({ state, attempts, last_error: message, next_attempt_at: next ? vietnamIso(next) : null })
    .where('id', 'in', group.map((r) => r.id))
    .execute();
  deps.log?.(state === 'pending' ? 'warn' : 'error', 'outbox message not sent', { ids: group.map((r) => r.id), state, attempts, error: message });
  return state === 'pending' ? 'retrying' : state;
}

export function errorText(error: unknown): string {
  if (error instanceof EOfficeError) return `${error.code}: ${error.message}`;
  return (error as Error)?.message ?? String(error);
}

