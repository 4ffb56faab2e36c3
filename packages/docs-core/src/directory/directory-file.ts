import { z } from 'zod';

/**
 * The directory as a JSON file (DESIGN.md §2.10: the directory is data, and so is its level structure — 3 levels in
 * the demo province, 2 after the 2025 reform removed districts). Import and export use this one shape.
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
    endpoints: z.array(directoryEndpointSchema),
  })
  .strict();

export type DirectoryLevel = z.infer<typeof directoryLevelSchema>;
export type DirectoryEndpoint = z.infer<typeof directoryEndpointSchema>;
export type DirectoryFile = z.infer<typeof directoryFileSchema>;
export type DirectoryFileInput = z.input<typeof directoryFileSchema>;
