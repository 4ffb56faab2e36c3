import { z } from 'zod';
import { method } from '../define.js';
import { organIdSchema } from './documents.js';

export const registerEntrySchema = z.object({
  registerId: z.string(),
  number: z.number().int(),
  sequenceKey: z.string(),
  /** Số/ký hiệu as written in the register, or "05" for a số đến. */
  code: z.string().nullable(),
  documentId: z.string(),
  /** A void line stays shown: its number is never given again. */
  status: z.enum(['active', 'void', 'recalled']),
  note: z.string().nullable(),
  registeredAt: z.string(),
  registeredBy: z.string(),
  subject: z.string().nullable(),
});

/** Sổ đăng ký văn bản đi / đến and the agency set-up they depend on. */
export const registersService = {
  initAgency: method({
    summary: 'Khởi tạo cơ quan / set up the agency this database belongs to',
    input: z.object({
      organId: organIdSchema,
      name: z.string().trim().min(1).max(200),
      abbreviation: z.string().trim().min(1).max(20).optional(),
      numberingScheme: z.enum(['single', 'per-type']).default('single'),
    }),
    output: z.object({ organId: z.string(), name: z.string(), abbreviation: z.string(), numberingScheme: z.enum(['single', 'per-type']) }),
  }),
  entries: method({
    summary: 'Các dòng của sổ đăng ký / register lines',
    input: z.object({
      year: z.number().int().min(1900).max(9999),
      direction: z.enum(['incoming', 'outgoing']),
      kind: z.enum(['normal', 'secret', 'copy']).default('normal'),
    }),
    output: z.object({ entries: z.array(registerEntrySchema) }),
  }),
};


