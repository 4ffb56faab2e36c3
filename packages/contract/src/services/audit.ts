import { z } from 'zod';
import { method } from '../define.js';
import { isoDateSchema } from './documents.js';

export const auditReportSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  headId: z.number().int().nullable(),
  firstBroken: z.object({ id: z.number().int(), reason: z.string() }).nullable(),
  /**
   * The anchors kept outside the audited table (a file beside the SQLite database; a table on PostgreSQL): the entry
   * anchoring began at, how many, the newest. Null when verified without them.
   */
  anchors: z
    .object({
      anchoredFrom: z.number().int(),
      count: z.number().int(),
      lastId: z.number().int().nullable(),
      /**
       * PostgreSQL only: the app's own database role could still rewrite the anchor table (it owns the table or its
       * schema): the DBA's one-time hardening in the README has not been done. A warning, not a break.
       */
      rewritableByApp: z.boolean().optional(),
    })
    .nullable(),
});

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  /** The summaries of a secret document this reader may not see are left out; the entry itself is not. */
  redacted: z.boolean(),
});

/** Nhật ký hệ thống: hash-chained, append-only. */
export const auditService = {
  verify: method({ summary: 'Kiểm tra toàn vẹn nhật ký / verify the audit chain', input: z.object({}).strict(), output: auditReportSchema }),
  list: method({
    summary: 'Xem nhật ký / read the audit log',
    input: z.object({
      objectId: z.string().optional(),
      /** Who acted: a username (or `setup`, `system`), exactly as the entries name them. */
      actor: z.string().trim().min(1).max(64).optional(),
      /** Vietnam-time days, both ends included. */
      from: isoDateSchema.optional(),
      to: isoDateSchema.optional(),
      /** Entries older than this id: the next page, newest first. */
      beforeId: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    output: z.object({ entries: z.array(auditEntrySchema) }),
  }),
};
