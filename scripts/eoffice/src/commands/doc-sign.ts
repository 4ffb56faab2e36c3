import type { CommandContext } from '../command.js';
import { dataDirOf, withServices } from '../store-options.js';
import { openPkcs11KeySource } from '../key-sources/pkcs11-key-source.js';
import { signingLibraryDocumentSigner, workDirOf } from '@eoffice/host';
import { printDocument } from './document-output.js';
import { asCliError } from './pdf-args.js';
import { defined, stringOption } from './option-values.js';

/** `doc sign` (the leader signs) and `doc issue` (number and agency seal): the same key source, another service step. */
export async function runDocSigning(word: 'sign' | 'issue', context: CommandContext): Promise<number> {
  const id = context.positionals[0] as string;
  const key = await openPkcs11KeySource(context.values, context.io).catch((error: unknown) => {
    throw asCliError(error);
  });
  try {
    const signer = signingLibraryDocumentSigner(key, { workDir: workDirOf(dataDirOf(context)) });
    const input = { id, ...defined({ note: stringOption(context.values, 'note') }) };
    const doc = await withServices(
      context,
      (client) => (word === 'sign' ? client.services.documents.sign(input) : client.services.documents.issue(input)),
      signer,
    );
    printDocument(context, doc);
    return 0;
  } finally {
    await key.close();
  }
}
