import { z } from 'zod';
import { method } from '../define.js';
import { isoDateSchema as isoDate } from './documents.js';

/**
 * A reporting period: explicit dates (both ends included), or a year with an optional quarter or month. Level
 * (1–3 of the directory) keeps only that level's row in `byLevel`.
 */
export const statisticsInputSchema = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    year: z.number().int().min(1900).max(9999).optional(),
    quarter: z.number().int().min(1).max(4).optional(),
    month: z.number().int().min(1).max(12).optional(),
    level: z.number().int().min(1).max(9).optional(),
  })
  .strict()
  .refine((input) => (input.from !== undefined && input.to !== undefined) !== (input.year !== undefined), {
    message: 'Cần --from và --to, hoặc --year / give from and to, or a year',
  })
  .refine((input) => input.year !== undefined || (input.quarter === undefined && input.month === undefined), {
    message: 'Quý/tháng cần năm / quarter or month needs a year',
  })
  .refine((input) => input.quarter === undefined || input.month === undefined, {
    message: 'Chọn quý hoặc tháng, không cả hai / quarter or month, not both',
  });

const rowShape = {
  received: z.number().int(),
  issued: z.number().int(),
  handledOnTime: z.number().int(),
  /** Handled in the period after the due date: the documents flagged `handled-late`. */
  handledLate: z.number().int(),
  /** Still open past due at the period's end (or now): the documents flagged `overdue`. */
  pendingOverdue: z.number().int(),
  /** handledLate / (handledOnTime + handledLate); null when nothing was handled. */
  lateRate: z.number().nullable(),
  fullyElectronic: z.number().int(),
  /** fullyElectronic / (received + issued); null when there is no document. */
  electronicShare: z.number().nullable(),
};

export const statisticsReportSchema = z.object({
  period: z.object({ from: isoDate, to: isoDate }),
  total: z.object(rowShape),
  /** `type`: the Decree 30 code (QĐ, cong-van); `typeName`: its Vietnamese name (Quyết định, Công văn), to show. */
  byType: z.array(z.object({ ...rowShape, type: z.string().nullable(), typeName: z.string().nullable() })),
  byLevel: z.array(z.object({ ...rowShape, level: z.number().int().nullable() })),
  /** The directory's endpoints (đầu mối) in all and per level: the reach of the exchange the shares are taken over. */
  directory: z.object({
    endpoints: z.number().int(),
    byLevel: z.array(z.object({ level: z.number().int(), endpoints: z.number().int() })),
  }),
});

export type StatisticsInput = z.input<typeof statisticsInputSchema>;
export type StatisticsReportOutput = z.infer<typeof statisticsReportSchema>;

/** Thống kê văn bản theo kỳ: received, issued, on time and late, the share handled fully electronically. */
export const statisticsService = {
  report: method({
    summary: 'Thống kê văn bản theo kỳ / document statistics for a period',
    input: statisticsInputSchema,
    output: statisticsReportSchema,
  }),
};
