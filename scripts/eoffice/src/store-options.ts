import { resolve } from 'node:path';
import { composeServices, defaultDataDir, storeDatabaseFrom, type ComposedServices, type StoreDatabase } from '@eoffice/host';
import { createClient, createInProcessTransport, type EOfficeClient } from '@eoffice/contract';
import type { DocumentSigner } from '@eoffice/docs-core';
import type { CommandContext } from './command.js';

/** The data folder: `--data-dir`, else the user data folder the desktop app uses. */
export function dataDirOf(context: CommandContext): string {
  const given = context.values['data-dir'];
  return typeof given === 'string' && given.length > 0 ? resolve(given) : defaultDataDir(context.io.env);
}

/** The database: `--db URL`, else EOFFICE_DB_URL, else the data folder's SQLite file (host's store-database.ts). */
export function storeDatabaseOf(context: CommandContext): Promise<StoreDatabase> {
  const given = context.values.db;
  return storeDatabaseFrom({ url: typeof given === 'string' ? given : undefined, env: context.io.env });
}

/**
 * Opens the store (creating and migrating it), hands the command a typed client going through the same dispatcher
 * as the UI, and closes everything afterwards. Commands that hold a key (doc sign, doc issue) pass a signer.
 */
export async function withServices<T>(
  context: CommandContext,
  work: (client: EOfficeClient, services: ComposedServices) => Promise<T>,
  signer?: DocumentSigner,
): Promise<T> {
  // One-shot commands run no sync engine: only `eoffice sync` talks to the axis.
  const services = await composeServices({
    dataDir: dataDirOf(context),
    database: await storeDatabaseOf(context),
    exchange: null,
    ...(signer ? { signer } : {}),
  });
  try {
    const asUser = context.values.as;
    const transport = createInProcessTransport(services.dispatch, {
      sessionToken: null,
      actingUsername: typeof asUser === 'string' ? asUser : null,
      face: 'cli',
    });
    return await work(createClient(transport), services);
  } finally {
    await services.close();
  }
}
