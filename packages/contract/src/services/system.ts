import { z } from 'zod';
import { method } from '../define.js';

export const documentCountsSchema = z.object({
  incoming: z.number().int().nonnegative(),
  outgoing: z.number().int().nonnegative(),
  internal: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});

export const systemInfoSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  documentCounts: documentCountsSchema,
});

export type SystemInfo = z.infer<typeof systemInfoSchema>;

/** What the app is and where its data lives: the status bar and `eoffice info` read it. */
export const systemService = {
  info: method({
    summary: 'Phiên bản, thư mục dữ liệu, phiên bản lược đồ và số văn bản / version, data folder, schema, counts',
    input: z.object({}).strict(),
    output: systemInfoSchema,
  }),
};
