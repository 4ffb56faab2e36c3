import { z } from 'zod';
import { method } from '../define.js';
import { fileInputSchema, organIdSchema } from './documents.js';

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

/** The most lines one `registers.entries` page holds. */
export const REGISTER_PAGE_MAX = 5000;

/** A stored signature or seal image: its blob and size in pixels. */
export const imageSetSchema = z.object({ sha256: z.string(), width: z.number().int(), height: z.number().int() });

/** Sổ đăng ký văn bản đi / đến and the agency set-up they depend on. */
export const registersService = {
  agency: method({
    summary: 'Thông tin cơ quan: mã định danh, tên, chữ viết tắt, cách đánh số, địa danh, ảnh con dấu / the agency as set up',
    input: z.object({}).strict(),
    output: z.object({
      /** Null until `initAgency` ran (a fresh data folder). */
      agency: z
        .object({ organId: z.string(), name: z.string(), abbreviation: z.string(), numberingScheme: z.enum(['single', 'per-type']) })
        .nullable(),
      issuingPlace: z.string().nullable(),
      /** The seal image's facts, not its bytes and never where it is stored. */
      seal: imageSetSchema.nullable(),
    }),
  }),
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
      /**
       * A page of at most `limit` lines, in register order (sequence, number), after the line `after` names: the
       * screen shows the first page of a 100,000-line register at once and reads the rest behind it. Without
       * `limit`, every line (as before). A line the caller may not see is never counted into a page.
       */
      limit: z.number().int().min(1).max(REGISTER_PAGE_MAX).optional(),
      after: z.object({ sequenceKey: z.string().max(100), number: z.number().int() }).strict().optional(),
      /** With `limit`: skip this many visible lines first (the window a user scrolled to, before the pages reach it). */
      offset: z.number().int().min(0).max(100_000_000).optional(),
      /**
       * Search as you type over every line of the register (not only those a screen has loaded), folded: "dat dai"
       * finds "Đất đai". Every word must be in the line's number, code, subject, registrar or note. With it, the
       * page and `total` count the matching lines only.
       */
      query: z.string().trim().max(200).optional(),
    }).refine((input) => input.offset === undefined || input.limit !== undefined, {
      message: 'offset cần limit / offset needs a limit',
    }),
    output: z.object({
      entries: z.array(registerEntrySchema),
      /** The lines of the whole register the caller may see (every page), so a screen can size its list at once. */
      total: z.number().int().nonnegative(),
    }),
  }),
  print: method({
    summary: 'In sổ đăng ký ra PDF (Phụ lục IV) / print a register to PDF (Decree 30, Phụ lục IV)',
    input: z.object({
      year: z.number().int().min(1900).max(9999),
      direction: z.enum(['incoming', 'outgoing']),
      kind: z.enum(['normal', 'secret', 'copy']).default('normal'),
      /**
       * Where to write the PDF: only the command line on the machine names a path. Other faces get a new file in the
       * data folder's `exports/` (a page must not make the service write anywhere on disk).
       */
      outPath: z.string().min(1).max(4096).optional(),
    }),
    output: z.object({
      path: z.string(),
      entries: z.number().int(),
      voided: z.number().int(),
      bytes: z.number().int(),
      /** The audit chain's head printed on the register (cover and every page): what `audit verify` can check it against. */
      auditHead: z.object({ id: z.number().int(), hash: z.string() }).nullable(),
    }),
  }),
  setAgencySeal: method({
    summary: 'Đặt ảnh con dấu cơ quan (PNG đỏ, nền trong suốt, đúng kích thước thật) / set the agency seal image',
    input: z.object({ file: fileInputSchema }),
    output: imageSetSchema,
  }),
  setIssuingPlace: method({
    summary: 'Đặt địa danh ghi trước ngày ban hành / set the place written before the issue date',
    input: z.object({ place: z.string().trim().min(1).max(100) }),
    output: z.object({ place: z.string() }),
  }),
};


