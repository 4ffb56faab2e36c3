import { z } from 'zod';
import { method } from '../define.js';

const countsSchema = z.object({
  sent: z.number().int().nonnegative(),
  retrying: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  quarantined: z.number().int().nonnegative(),
});

const receivedCountsSchema = z.object({
  stored: z.number().int().nonnegative(),
  statuses: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  quarantined: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
});

export const syncPassSchema = z.object({
  at: z.string(),
  sent: countsSchema,
  received: receivedCountsSchema,
  error: z.string().nullable(),
  ok: z.boolean(),
});

/** An outgoing message that did not leave: waiting for its next try, stopped after the last one, or never sendable. */
export const outboxProblemSchema = z.object({
  id: z.number().int(),
  documentId: z.string(),
  kind: z.enum(['document', 'status']),
  businessType: z.number().int().nullable(),
  statusCode: z.string().nullable(),
  recipient: z.string(),
  state: z.enum(['pending', 'sending', 'failed', 'quarantined']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

/** A received message that could not be taken in: kept with its error for the clerk, never blocking the queue. */
export const quarantinedMessageSchema = z.object({
  axisDocId: z.string(),
  messageType: z.enum(['edoc', 'status']),
  sender: z.string().nullable(),
  receivedAt: z.string(),
  errorCode: z.string().nullable(),
  error: z.string().nullable(),
});

export const syncStatusSchema = z.object({
  /** False when this face runs no sync engine (no axis configured): the queues still show. */
  configured: z.boolean(),
  pollIntervalMs: z.number().int().nullable(),
  /** The axis this face exchanges through (its address and this agency's system code), never its secret; null when none. */
  axis: z.object({
    url: z.string(),
    systemId: z.string(),
    /** The local demo axis of a demo-province agency (README: `pnpm start`): nothing sent there leaves this machine. */
    demo: z.boolean(),
  }).nullable(),
  lastSyncAt: z.string().nullable(),
  lastOkAt: z.string().nullable(),
  lastPass: syncPassSchema.nullable(),
  outgoing: z.object({
    pending: z.number().int().nonnegative(),
    sent: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    quarantined: z.number().int().nonnegative(),
  }),
  incoming: z.object({
    stored: z.number().int().nonnegative(),
    applied: z.number().int().nonnegative(),
    duplicates: z.number().int().nonnegative(),
    quarantined: z.number().int().nonnegative(),
  }),
  problems: z.array(outboxProblemSchema),
  quarantine: z.array(quarantinedMessageSchema),
});

/** What each recipient of a sent document answered (01 đã đến, 03 đã tiếp nhận, 02 từ chối, …). */
export const deliverySchema = z.object({
  recipient: z.string(),
  recipientName: z.string().nullable(),
  /** The document message: waiting, sent to the axis, stopped or quarantined. */
  message: z.enum(['pending', 'sending', 'sent', 'failed', 'quarantined']),
  statuses: z.array(z.object({ code: z.string(), description: z.string(), at: z.string(), receivedAt: z.string() })),
});

export type SyncStatus = z.infer<typeof syncStatusSchema>;
export type SyncPass = z.infer<typeof syncPassSchema>;
export type Delivery = z.infer<typeof deliverySchema>;

/** Liên thông: the sync with the national axis, for the status bar, the clerk's queue screen and the sent document. */
export const syncService = {
  status: method({
    summary: 'Tình trạng liên thông: hàng đợi, lần đồng bộ cuối, lỗi, cách ly / sync status: queues, last sync, errors, quarantine',
    input: z.object({}).strict(),
    output: syncStatusSchema,
  }),
  syncNow: method({
    summary: 'Đồng bộ ngay: gửi và nhận một lượt / sync now: one send and receive pass',
    input: z.object({}).strict(),
    output: syncPassSchema,
  }),
  setPollInterval: method({
    summary: 'Đặt chu kỳ đồng bộ (giây) / set the poll interval in seconds',
    input: z.object({ seconds: z.number().int().min(5).max(86_400) }).strict(),
    output: z.object({ pollIntervalMs: z.number().int() }),
  }),
  retry: method({
    summary: 'Gửi lại hoặc nhận lại thông điệp lỗi, cách ly / retry failed or quarantined messages',
    input: z
      .object({
        outboxIds: z.array(z.number().int().positive()).max(10_000).default([]),
        axisDocIds: z.array(z.string().min(1).max(200)).max(10_000).default([]),
      })
      .strict(),
    output: z.object({ outbox: z.number().int().nonnegative(), quarantine: z.number().int().nonnegative() }),
  }),
  deliveries: method({
    summary: 'Trạng thái xử lý của từng nơi nhận văn bản đã gửi / what each recipient of a sent document answered',
    input: z.object({ id: z.string().min(1).max(100) }).strict(),
    output: z.object({ id: z.string(), deliveries: z.array(deliverySchema) }),
  }),
};
