import { z } from 'zod';

/**
 * Events pushed from the services to every face. Long work reports progress; the lists refresh on
 * `documents.changed`; the status bar shows `sync.status`.
 */
export const eventSchemas = {
  'job.progress': z.object({
    jobId: z.string(),
    label: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
  }),
  'documents.changed': z.object({
    documentIds: z.array(z.string()),
    reason: z.string(),
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
