import { type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { requiredString } from './option-values.js';

/** `eoffice user signature <username> --image F.png`: the user themself or an admin sets the signature image (ô 7c). */
export async function runUserSignature(context: CommandContext): Promise<number> {
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
}
