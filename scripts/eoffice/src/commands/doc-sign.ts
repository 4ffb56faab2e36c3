import type { CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { openPkcs11KeySource } from '../key-sources/pkcs11-key-source.js';
import { printDocument } from './document-output.js';
import { asCliError } from './pdf-args.js';
import { defined, stringOption } from './option-values.js';

/**
 * `doc sign` (the leader signs), `doc issue` (number and agency seal) and `doc copy` (the agency signs an electronic
 * copy, numbered when stored) take the one signing path of every face:
 * the services prepare the revision for this key's certificate, the key signs the data to sign here, the services
 * embed, verify and store (documents.prepareSigning → completeSigning). A failure drops the preparation at once.
 */
export async function runDocSigning(word: 'sign' | 'issue' | 'copy', context: CommandContext): Promise<number> {
  const id = context.positionals[0] as string;
  // The contract validates the form (E_INVALID_INPUT names the three); here it is only passed on.
  const form = word === 'copy' ? { form: (stringOption(context.values, 'form') ?? '') as 'SY' } : {};
  const key = await openPkcs11KeySource(context.values, context.io).catch((error: unknown) => {
    throw asCliError(error);
  });
  try {
    const doc = await withServices(context, async (client) => {
      const documents = client.services.documents;
      const prepared = await documents.prepareSigning({
        id,
        kind: word === 'sign' ? 'person' : word === 'issue' ? 'agency' : 'copy',
        ...form,
        certificate: Buffer.from(key.certificate).toString('base64'),
        chain: key.chain.map((der) => Buffer.from(der).toString('base64')),
      });
      try {
        const signatures: string[] = [];
        for (const item of prepared.items) {
          const signature = await key.sign(Buffer.from(item.dataToSign, 'base64'), item.digest).catch((error: unknown) => {
            throw asCliError(error);
          });
          signatures.push(Buffer.from(signature).toString('base64'));
        }
        return await documents.completeSigning({ preparationId: prepared.preparationId, signatures, ...defined({ note: stringOption(context.values, 'note') }) });
      } catch (error) {
        await documents.cancelSigning({ preparationId: prepared.preparationId }).catch(() => undefined);
        throw error;
      }
    });
    printDocument(context, doc);
    return 0;
  } finally {
    await key.close();
  }
}
