import { CliError, type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { checkOutPath } from './pdf-args.js';
import { requiredString, stringOption } from './option-values.js';

const DIRECTIONS: Record<string, 'incoming' | 'outgoing'> = { in: 'incoming', incoming: 'incoming', out: 'outgoing', outgoing: 'outgoing' };
const KINDS: Record<string, 'normal' | 'secret' | 'copy'> = { normal: 'normal', secret: 'secret', mat: 'secret', copy: 'copy', sao: 'copy' };

export async function runRegisterPrint(context: CommandContext): Promise<number> {
  const yearText = requiredString(context.values, 'year');
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText)) throw new CliError('E_INVALID_INPUT', `--year phải là năm 4 chữ số / --year must be a 4-digit year: ${yearText}`);
  const direction = DIRECTIONS[requiredString(context.values, 'direction')];
  if (!direction) throw new CliError('E_INVALID_INPUT', '--direction phải là in hoặc out / --direction must be in or out');
  const kindText = stringOption(context.values, 'kind') ?? 'normal';
  const kind = KINDS[kindText];
  if (!kind) throw new CliError('E_INVALID_INPUT', `--kind phải là normal, secret hoặc copy / --kind must be normal, secret or copy: ${kindText}`);
  const outPath = requiredString(context.values, 'out');
  checkOutPath(outPath);
  const result = await withServices(context, (client) => client.services.registers.print({ year, direction, kind, outPath }));
  if (context.json) {
    context.io.stdout(`${JSON.stringify(result)}\n`);
  } else {
    context.io.stdout(`Đã in sổ ${direction === 'outgoing' ? 'văn bản đi' : 'văn bản đến'} năm ${year}: ${result.entries} dòng (${result.voided} số bị hủy) → ${result.path}\n`);
    if (result.auditHead) context.io.stdout(`Đầu chuỗi nhật ký khi in / audit head: mục ${result.auditHead.id}, ${result.auditHead.hash}\n`);
  }
  return 0;
}
