import { z } from 'zod';
import { method } from '../define.js';

/**
 * The directory as a JSON file (ARCHITECTURE.md, invariant 11: the directory is data, and so is its level structure — 3 levels in
 * the demo province, 2 after the 2025 reform removed districts). Import, export and the CLI share this one shape;
 * docs-core checks the codes (mã định danh) and the tree.
 */
export const DIRECTORY_FILE_FORMAT = 'eoffice-directory';

export const directoryLevelSchema = z
  .object({
    level: z.number().int().min(1).max(4),
    /** What the level is called, e.g. "Tỉnh", "Sở, huyện", "Phòng, xã". */
    name: z.string().trim().min(1).max(100),
  })
  .strict();

export const directoryEndpointSchema = z
  .object({
    /** Mã định danh `XXX.YY.ZZ.Lnn` (Decision 20/2020/QĐ-TTg). */
    code: z.string().trim().min(1).max(13),
    name: z.string().trim().min(1).max(200),
    parentCode: z.string().trim().min(1).max(13).nullable(),
    level: z.number().int().min(1).max(4),
    /** Free classification (province, department, district, commune, unit…). */
    kind: z.string().trim().min(1).max(50).optional(),
  })
  .strict();

export const directoryFileSchema = z
  .object({
    format: z.literal(DIRECTORY_FILE_FORMAT),
    version: z.literal(1),
    /** True for generated demo data; shown to the user so nobody mistakes it for a real catalogue. */
    demo: z.boolean().default(false),
    description: z.string().max(1000).optional(),
    levels: z.array(directoryLevelSchema).min(1).max(4),
    endpoints: z.array(directoryEndpointSchema).max(100_000),
  })
  .strict();

export const directoryMatchSchema = directoryEndpointSchema.extend({ parentName: z.string().nullable() });

export type DirectoryLevel = z.infer<typeof directoryLevelSchema>;
export type DirectoryEndpoint = z.infer<typeof directoryEndpointSchema>;
export type DirectoryFile = z.infer<typeof directoryFileSchema>;
export type DirectoryFileInput = z.input<typeof directoryFileSchema>;

/** Danh bạ đầu mối: agencies and units with their codes. */
export const directoryService = {
  import: method({
    summary: 'Nhập danh bạ từ tệp JSON (tất cả hoặc không) / import the directory, all or nothing',
    input: z.object({ file: directoryFileSchema, replace: z.boolean().default(false) }).strict(),
    output: z.object({
      inserted: z.number().int().nonnegative(),
      updated: z.number().int().nonnegative(),
      removed: z.number().int().nonnegative(),
      total: z.number().int().nonnegative(),
    }),
  }),
  export: method({
    summary: 'Xuất danh bạ ra JSON / export the directory',
    input: z.object({}).strict(),
    output: directoryFileSchema,
  }),
  search: method({
    summary: 'Tìm đầu mối theo mã hoặc tên (không dấu cũng được) / find endpoints by code or folded name',
    input: z.object({ text: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.object({ matches: z.array(directoryMatchSchema) }),
  }),
};
