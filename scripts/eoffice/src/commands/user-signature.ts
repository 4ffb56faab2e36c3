import { ACTOR_OPTIONS, STORE_OPTIONS, type Command } from '../command.js';
import { withServices } from '../store-options.js';
import { requiredString } from './option-values.js';

/** `eoffice user signature <username> --image F.png`: the user themself or an admin sets the signature image (ô 7c). */
export const userSignatureCommand: Command = {
  name: 'user signature',
  summary: 'Đặt ảnh chữ ký của chính mình (PNG xanh, nền trong suốt) / set your own signature image',
  usage: 'user signature <username> --image <chu-ky.png> --as USER [--data-dir DIR] [--json]',
  options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, image: { type: 'string' } },
  positionals: [1, 1],
  async run(context) {
    const username = context.positionals[0] as string;
    const result = await withServices(context, (client) =>
      client.services.users.setSignatureImage({ username, file: { path: requiredString(context.values, 'image') } }),
    );
    context.io.stdout(
      context.json
        ? `${JSON.stringify(result)}\n`
        : `Đã đặt ảnh chữ ký cho ${result.username} (${result.width}×${result.height}, sha256 ${result.sha256}) / signature image set\n`,
    );
    return 0;
  },
};
