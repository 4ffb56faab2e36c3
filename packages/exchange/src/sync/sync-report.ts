import type { Delivery, SyncPass, SyncStatus } from '@eoffice/contract';
import type { Database } from '@eoffice/docs-core';
import type { Kysely } from 'kysely';
import { readSyncSettings } from './sync-settings.js';

const PROBLEMS_SHOWN = 500;

/** Queues, last sync and quarantine, read from the database alone: a face without an engine shows them too. */
export async function readSyncStatus(
  db: Kysely<Database>,
  engine: { readonly pollIntervalMs: number } | null,
  axis: { readonly url: string; readonly systemId: string; readonly demo: boolean } | null = null,
): Promise<SyncStatus> {
  const settings = await readSyncSettings(db);
  const outgoing = { pending: 0, sent: 0, failed: 0, quarantined: 0 };
  for (const row of await db.selectFrom('outbox').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute()) {
    const n = Number(row.n);
    if (row.state === 'pending' || row.state === 'sending') outgoing.pending += n;
    else outgoing[row.state] += n;
  }
  const incoming = { stored: 0, applied: 0, duplicates: 0, quarantined: 0 };
  for (const row of await db.selectFrom('exchange_inbox').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute()) {
    const n = Number(row.n);
    if (row.state === 'duplicate') incoming.duplicates += n;
    else incoming[row.state] += n;
  }
  const problems = await db
    .selectFrom('outbox')
    .selectAll()
    .where((eb) => eb.or([eb('state', 'in', ['failed', 'quarantined']), eb.and([eb('state', 'in', ['pending', 'sending']), eb('attempts', '>', 0)])]))
    .orderBy('id')
    .limit(PROBLEMS_SHOWN)
    .execute();
  const quarantine = await db.selectFrom('exchange_inbox').selectAll().where('state', '=', 'quarantined').orderBy('received_at').limit(PROBLEMS_SHOWN).execute();
  const lastPass = settings.last_result ? (JSON.parse(settings.last_result) as SyncPass) : null;
  return {
    configured: engine !== null,
    pollIntervalMs: engine?.pollIntervalMs ?? null,
    axis: engine && axis ? { url: axis.url, systemId: axis.systemId, demo: axis.demo } : null,
    lastSyncAt: settings.last_sync_at ?? null,
    lastOkAt: settings.last_ok_at ?? null,
    lastPass,
    outgoing,
    incoming,
    problems: problems.map((r) => ({
      id: r.id,
      documentId: r.document_id,
      kind: r.kind,
      businessType: r.business_type,
      statusCode: r.status_code,
      recipient: r.recipient_organ_id,
      state: r.state as 'pending' | 'sending' | 'failed' | 'quarantined',
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at,
      lastError: r.last_error,
    })),
    quarantine: quarantine.map((r) => ({
      axisDocId: r.axis_doc_id,
      messageType: r.message_type,
      sender: r.sender_organ_id,
      receivedAt: r.received_at,
      errorCode: r.error_code,
      error: r.error,
    })),
  };
}

/** Per recipient of a sent document: where its message is and every status that recipient sent back, in order. */
export async function readDeliveries(db: Kysely<Database>, documentId: string): Promise<Delivery[]> {
  const messages = await db.selectFrom('outbox').select(['recipient_organ_id', 'state', 'id']).where('document_id', '=', documentId).where('kind', '=', 'document').orderBy('id').execute();
  const statuses = await db.selectFrom('exchange_statuses').selectAll().where('document_id', '=', documentId).orderBy('status_time').orderBy('status_code').orderBy('id').execute();
  const recipients = [...new Set([...messages.map((m) => m.recipient_organ_id), ...statuses.map((s) => s.organ_id)])];
  const names = new Map(
    recipients.length === 0 ? [] : (await db.selectFrom('directory_endpoints').select(['code', 'name']).where('code', 'in', recipients).execute()).map((e) => [e.code, e.name]),
  );
  return recipients.map((recipient) => {
    const own = messages.filter((m) => m.recipient_organ_id === recipient);
    const latest = own.at(-1);
    return {
      recipient,
      recipientName: names.get(recipient) ?? statuses.find((s) => s.organ_id === recipient && s.organ_name)?.organ_name ?? null,
      message: (latest?.state ?? 'sent') as Delivery['message'],
      statuses: statuses
        .filter((s) => s.organ_id === recipient)
        .map((s) => ({ code: s.status_code, description: s.description, at: s.status_time, receivedAt: s.received_at })),
    };
  });
}
