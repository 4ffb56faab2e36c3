import { type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { requiredString } from './option-values.js';

/** `eoffice agency seal --image F.png`: an admin or a clerk sets the agency seal image (ô 8, red, actual size). */
export async function runAgencySeal(context: CommandContext): Promise<number> {
  const result = await withServices(context, (client) => client.services.registers.setAgencySeal({ file: { path: requiredString(context.values, 'image') } }));
  context.io.stdout(
    context.json ? `${JSON.stringify(result)}\n` : `Đã đặt ảnh con dấu (${result.width}×${result.height}, sha256 ${result.sha256}) / seal image set\n`,
  );
  return 0;
}

/** `eoffice agency place "Hà Nội"`: the place written before the date of issue (ô 4). */
export async function runAgencyPlace(context: CommandContext): Promise<number> {
  const result = await withServices(context, (client) => client.services.registers.setIssuingPlace({ place: context.positionals[0] as string }));
  context.io.stdout(context.json ? `${JSON.stringify(result)}\n` : `Địa danh / place: ${result.place}\n`);
  return 0;
}
