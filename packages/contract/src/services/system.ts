import { z } from 'zod';
import { method } from '../define.js';

export const documentCountsSchema = z.object({
  incoming: z.number().int().nonnegative(),
  outgoing: z.number().int().nonnegative(),
  internal: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});

/**
 * Where the services answering this face run, said by the services rather than guessed by the page (issue 12):
 * `standalone` on one machine over its own data folder; `agency-server` the agency server itself (`eoffice serve`,
 * reached over HTTPS); `connected` a workstation that passes every call on to its agency server, named in `server`
 * (the address its administrator configured, never a credential). Which axis it exchanges through is sync.status's
 * `axis` (`demo` for the local demo axis).
 */
export const deploymentSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('standalone') }),
  z.object({ mode: z.literal('agency-server') }),
  z.object({ mode: z.literal('connected'), server: z.string().min(1) }),
]);

export type Deployment = z.infer<typeof deploymentSchema>;

export const systemInfoSchema = z.object({
  version: z.string(),
  /** null for a caller over HTTP: where the data lives is the machine's business, not a remote caller's. */
  dataDir: z.string().nullable(),
  databasePath: z.string().nullable(),
  schemaVersion: z.number().int().nonnegative(),
  /** Only the documents the caller may see; null for the CLI without --as (no one to count for). */
  documentCounts: documentCountsSchema.nullable(),
  deployment: deploymentSchema,
});

export type SystemInfo = z.infer<typeof systemInfoSchema>;

/**
 * What the app is and where its data lives: the status bar and `eoffice info` read it. Over HTTP and IPC it needs a
 * session; the CLI may ask without --as (version, schema and data folder, no counts).
 */
export const systemService = {
  info: method({
    summary: 'Phiên bản, thư mục dữ liệu, phiên bản lược đồ và số văn bản / version, data folder, schema, counts',
    input: z.object({}).strict(),
    output: systemInfoSchema,
  }),
};
