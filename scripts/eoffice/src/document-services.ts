import { composeServices } from '@eoffice/desktop/node';
import { createClient, createInProcessTransport, type EOfficeClient } from '@eoffice/contract';
import type { DocumentSigner } from '@eoffice/docs-core';
import type { CommandContext } from './command.js';
import { signingLibraryVerifier } from './signing-ports.js';
import { dataDirOf } from './store-options.js';

/**
 * Like withServices, with packages/signing plugged into docs-core's ports: the verifier always, a signer when the
 * command holds a key (doc sign, doc issue).
 */
export async function withDocumentServices<T>(
  context: CommandContext,
  work: (client: EOfficeClient) => Promise<T>,
  signer?: DocumentSigner,
): Promise<T> {
  const services = await composeServices({ dataDir: dataDirOf(context), verifier: signingLibraryVerifier(), ...(signer ? { signer } : {}) });
  try {
    const asUser = context.values.as;
    const transport = createInProcessTransport(services.dispatch, {
      sessionToken: null,
      actingUsername: typeof asUser === 'string' ? asUser : null,
      face: 'cli',
    });
    return await work(createClient(transport));
  } finally {
    await services.close();
  }
}
