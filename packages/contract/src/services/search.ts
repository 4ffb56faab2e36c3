import { z } from 'zod';
import { method } from '../define.js';
import { isoDateSchema as isoDate } from './documents.js';

export const searchQuerySchema = z
  .object({
    /** Words in a run form one phrase; commas or quotes separate phrases. Diacritics optional: "dat dai". */
    text: z.string().max(500).optional(),
    direction: z.enum(['incoming', 'outgoing', 'internal']).optional(),
    year: z.number().int().min(1900).max(9999).optional(),
    type: z.string().min(1).max(20).optional(),
    dateFrom: isoDate.optional(),
    dateTo: isoDate.optional(),
    issuerCode: z.string().min(1).max(13).optional(),
    state: z.string().min(1).max(30).optional(),
    urgency: z.string().min(1).max(30).optional(),
    order: z.enum(['newest', 'oldest']).default('newest'),
    limit: z.number().int().min(1).max(100).default(20),
    /** `nextCursor` of the previous page. */
    cursor: z.string().max(60).optional(),
  })
  .strict();

export const searchHitSchema = z.object({
  id: z.string(),
  direction: z.string(),
  date: z.string(),
  type: z.string().nullable(),
  number: z.string().nullable(),
  symbol: z.string().nullable(),
  subject: z.string().nullable(),
  issuerCode: z.string().nullable(),
  issuerName: z.string().nullable(),
  state: z.string().nullable(),
  urgency: z.string().nullable(),
  /** Matched with the diacritics as typed, not only folded. */
  exact: z.boolean(),
});

export type SearchQueryInput = z.input<typeof searchQuerySchema>;
export type SearchHitOutput = z.infer<typeof searchHitSchema>;

/** Tìm kiếm văn bản: full text over number, symbol, subject, issuer, signer and the text of the PDFs. */
export const searchService = {
  query: method({
    summary: 'Tìm văn bản (mới nhất trước, khớp đúng dấu xếp trước) / search documents, newest first',
    input: searchQuerySchema,
    output: z.object({ hits: z.array(searchHitSchema), nextCursor: z.string().nullable() }),
  }),
};
