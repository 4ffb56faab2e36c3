import { z } from 'zod';

/**
 * Events pushed from the services to every face, each stream hearing as its own caller. Long work reports progress;
 * the lists refresh on `documents.changed`; the status bar shows `sync.status`.
 */
export const eventSchemas = {
  'job.progress': z.object({
    jobId: z.string(),
    label: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
  }),
  /**
   * Documents were created or changed, by this process or another one on the same data folder. Each stream hears as
   * the user whose session opened it (an IPC window: the session its page calls with): a document not everyone may
   * see (Mật and above) is named, with its action, only to a user who may see it, and anyone else hears nothing of it,
   * not even that something changed (ARCHITECTURE.md, invariant 1); a stream opened without a session hears only the
   * documents everyone may see. An empty list means "refresh what you show": too many changed to list. Listeners
   * re-read through the services, which apply the caller's own visibility.
   */
  'documents.changed': z.object({
    documentIds: z.array(z.string()),
    /** The audit actions behind the change (`document.receive`, …), or `document.changed` when not announced. */
    reason: z.string(),
  }),
  /**
   * Lines of these registers may read differently (a number given or voided, a registered document edited); heard
   * like `documents.changed`: a register is named for a secret document's line only to a user who may see it.
   */
  'registers.changed': z.object({
    /** Empty: too many changed to list, refresh what you show. */
    registers: z.array(
      z.object({
        year: z.number().int(),
        direction: z.enum(['incoming', 'outgoing']),
        kind: z.enum(['normal', 'secret', 'copy']),
      }),
    ),
  }),
  /** The outbox moved (a message queued, sent, failed or quarantined). Secret documents never enter the outbox. */
  'outbox.changed': z.object({
    /** Waiting to be sent, or being sent. */
    pending: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    quarantined: z.number().int().nonnegative(),
  }),
  /**
   * Hồ sơ reached the day of their handover reminder (30 calendar days before they are due to the archive). Like
   * `documents.changed`, a secret file is named only to a listener whose user may see it, and no one else hears of
   * it. Each file is announced once; the list itself is `records.handoverDue`.
   */
  'records.handoverDue': z.object({
    fileIds: z.array(z.string()),
  }),
  'sync.status': z.object({
    state: z.enum(['idle', 'syncing', 'offline', 'error', 'disabled']),
    pendingOutgoing: z.number().int().nonnegative(),
    lastSyncAt: z.string().nullable(),
    message: z.string().nullable(),
  }),
} as const;

export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;

/** The shape every transport carries: a discriminated union over the event names. */
export type EventEnvelope = { [E in EventName]: { readonly name: E; readonly payload: EventPayload<E> } }[EventName];

export function parseEventEnvelope(raw: unknown): EventEnvelope | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { name, payload } = raw as { name?: unknown; payload?: unknown };
  if (typeof name !== 'string' || !(name in eventSchemas)) return null;
  const parsed = eventSchemas[name as EventName].safeParse(payload);
  return parsed.success ? ({ name, payload: parsed.data } as EventEnvelope) : null;
}
