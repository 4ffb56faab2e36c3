import { ACTOR_OPTIONS, STORE_OPTIONS, type Command } from '../command.js';
import { withServices } from '../store-options.js';
import { requiredString } from './option-values.js';

/** `eoffice agency seal --image F.png`: an admin or a clerk sets the agency seal image (ô 8, red, actual size). */
export const agencySealCommand: Command = {
  name: 'agency seal',
  summary: 'Đặt ảnh con dấu cơ quan (PNG đỏ, nền trong suốt, đúng kích thước thật) / set the agency seal image',
  usage: 'agency seal --image <con-dau.png> --as USER [--data-dir DIR] [--json]',
  options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, image: { type: 'string' } },
  positionals: [0, 0],
  async run(context) {
    const result = await withServices(context, (client) => client.services.registers.setAgencySeal({ file: { path: requiredString(context.values, 'image') } }));
    context.io.stdout(
      context.json ? `${JSON.stringify(result)}\n` : `Đã đặt ảnh con dấu (${result.width}×${result.height}, sha256 ${result.sha256}) / seal image set\n`,
    );
    return 0;
  },
};

/** `eoffice agency place "Hà Nội"`: the place written before the date of issue (ô 4). */
export const agencyPlaceCommand: Command = {
  name: 'agency place',
  summary: 'Đặt địa danh ghi trước ngày ban hành / set the place written before the issue date',
  usage: 'agency place <địa danh> --as ADMIN [--data-dir DIR] [--json]',
  options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS },
  positionals: [1, 1],
  async run(context) {
    const result = await withServices(context, (client) => client.services.registers.setIssuingPlace({ place: context.positionals[0] as string }));
    context.io.stdout(context.json ? `${JSON.stringify(result)}\n` : `Địa danh / place: ${result.place}\n`);
    return 0;
  },
};
