import { z } from 'zod';
import { method } from '../define.js';
import { fileInputSchema } from './documents.js';

const confidence = z.number().min(0).max(1);
const suggestion = <T extends z.ZodType>(value: T) => z.object({ value, confidence }).nullable();

/** What page 1 of an incoming scan proposes for the receive form; the clerk confirms or corrects each field. */
export const receiveSuggestionsSchema = z.object({
  /** Where page 1's text came from: its own text layer, or Tesseract. */
  source: z.enum(['text-layer', 'ocr']),
  number: suggestion(z.string()),
  symbol: suggestion(z.string()),
  /** `YYYY-MM-DD`. */
  issuedDate: suggestion(z.string()),
  /** Matched against the directory by folded name. */
  issuer: suggestion(z.object({ code: z.string(), name: z.string() })),
  /** A document type code (`QĐ`, `cong-van`, …), as `documents.receive` takes it. */
  type: suggestion(z.string()),
  subject: suggestion(z.string()),
});
export type ReceiveSuggestionsOutput = z.infer<typeof receiveSuggestionsSchema>;

export const ocrFileStatusSchema = z.object({
  sha256: z.string(),
  status: z.enum(['pending', 'running', 'done', 'failed', 'unavailable']),
  reason: z.string().nullable(),
  pagesRead: z.number().int().nullable(),
  pagesFailed: z.number().int().nullable(),
  updatedAt: z.string(),
});

/** Nhận dạng chữ (OCR) of scanned documents: the receive form's proposals and each document's OCR status. */
export const ocrService = {
  suggest: method({
    summary: 'Đề xuất số, ký hiệu, ngày, cơ quan ban hành, loại, trích yếu từ trang 1 (không lưu gì) / receive-form proposals from page 1, nothing stored',
    input: z.object({ file: fileInputSchema }).strict(),
    output: receiveSuggestionsSchema,
  }),
  status: method({
    summary: 'Tình trạng nhận dạng chữ của các tệp một văn bản / OCR status of a document\'s files',
    input: z.object({ id: z.string().min(1).max(100) }).strict(),
    output: z.object({
      id: z.string(),
      /** `none`: no file needed OCR (every page has a text layer) or its text is not extracted yet. */
      status: z.enum(['none', 'pending', 'running', 'done', 'failed', 'unavailable']),
      files: z.array(ocrFileStatusSchema),
    }),
  }),
  copy: method({
    summary:
      'Bản sao để đọc: PDF/A-2b hai lớp (ảnh + chữ nhận dạng ẩn), ghi rõ là bản sao; bản gốc giữ nguyên / a searchable PDF/A-2b reader copy, marked as a copy; the original is untouched',
    /** `outPath` from the command line only (ARCHITECTURE.md, invariant 14); the pages get a file in their exports. */
    input: z.object({ id: z.string().min(1).max(100), outPath: z.string().min(1).max(4096).optional() }).strict(),
    output: z.object({
      id: z.string(),
      /** Where the copy was written: the path on the command line, the file's name for the app's pages. */
      path: z.string(),
      bytes: z.number().int(),
      pages: z.number().int(),
      /** The original it was made from, which stays the document of record. */
      originalSha256: z.string(),
    }),
  }),
};
