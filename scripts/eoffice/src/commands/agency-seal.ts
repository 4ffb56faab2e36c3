import { CliError, type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { defined, requiredString, stringOption } from './option-values.js';

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

/**
 * `eoffice agency signing [--level B-B|B-T] [--tsa-url URL|none] [--tsa-unreachable fail|sign-without]
 * [--ltv-on-close on|off]`: the agency's long-term signing policy (issue 16 item 6). Without a flag it shows the
 * policy; with flags an admin changes those fields, audited by the service.
 */
export async function runAgencySigning(context: CommandContext): Promise<number> {
  const values = context.values;
  const text = (name: string) => stringOption(values, name);
  const level = text('level');
  if (level !== undefined && level !== 'B-B' && level !== 'B-T') throw new CliError('E_USAGE', `--level là B-B hoặc B-T / --level is B-B or B-T: "${level}"`);
  const unreachable = text('tsa-unreachable');
  if (unreachable !== undefined && unreachable !== 'fail' && unreachable !== 'sign-without') {
    throw new CliError('E_USAGE', `--tsa-unreachable là fail hoặc sign-without / --tsa-unreachable is fail or sign-without: "${unreachable}"`);
  }
  const onClose = text('ltv-on-close');
  if (onClose !== undefined && onClose !== 'on' && onClose !== 'off') throw new CliError('E_USAGE', `--ltv-on-close là on hoặc off / --ltv-on-close is on or off: "${onClose}"`);
  const tsaUrl = text('tsa-url');
  const change = defined({
    level: level as 'B-B' | 'B-T' | undefined,
    tsaUrl: tsaUrl === undefined ? undefined : tsaUrl === 'none' ? null : tsaUrl,
    tsaUnreachable: unreachable as 'fail' | 'sign-without' | undefined,
    ltvOnClose: onClose === undefined ? undefined : onClose === 'on',
  });
  const policy = await withServices(context, (client) =>
    Object.keys(change).length === 0 ? client.services.trust.signingPolicy({}) : client.services.trust.setSigningPolicy(change),
  );
  context.io.stdout(
    context.json
      ? `${JSON.stringify(policy)}\n`
      : `Mức ký / level: ${policy.level}\nMáy chủ dấu thời gian / TSA: ${policy.tsaUrl ?? '(chưa đặt / none)'}\n` +
          `Khi TSA không liên lạc được / TSA unreachable: ${policy.tsaUnreachable === 'fail' ? 'không ký / fail' : 'ký B-B kèm cảnh báo / sign B-B with a warning'}\n` +
          `LTV khi đóng hồ sơ / LTV on closing a file: ${policy.ltvOnClose ? 'có / on' : 'không / off'}\n`,
  );
  return 0;
}
