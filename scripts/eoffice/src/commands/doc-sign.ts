import { ACTOR_OPTIONS, STORE_OPTIONS, type Command } from '../command.js';
import { dataDirOf, withServices } from '../store-options.js';
import { PKCS11_KEY_OPTIONS, PKCS11_KEY_USAGE, openPkcs11KeySource } from '../key-sources/pkcs11-key-source.js';
import { signingLibraryDocumentSigner, workDirOf } from '@eoffice/host';
import { printDocument } from './document-output.js';
import { asCliError } from './pdf-args.js';
import { defined, stringOption } from './option-values.js';

function signingCommand(word: 'sign' | 'issue', summary: string): Command {
  return {
    name: `doc ${word}`,
    summary,
    usage: `doc ${word} <id> ${PKCS11_KEY_USAGE} [--note T] --as USER [--data-dir DIR] [--json]`,
    options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, ...PKCS11_KEY_OPTIONS, note: { type: 'string' } },
    positionals: [1, 1],
    async run(context) {
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
    },
  };
}

export const docSignCommand = signingCommand('sign', 'Lãnh đạo ký số văn bản đi (token PKCS#11) / the leader signs');
export const docIssueCommand = signingCommand('issue', 'Cấp số và ký số cơ quan (văn thư, token PKCS#11) / number and seal');
