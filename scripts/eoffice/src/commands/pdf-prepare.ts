import { preparePdf, type FieldBox } from '@eoffice/signing';
import { CliError, type CommandContext } from '../command.js';
import { asCliError, checkOutPath, parsePageRect } from './pdf-args.js';

/** `eoffice pdf prepare`: adds the empty số and date fields that the agency seal fills later. */
export async function runPdfPrepare(context: CommandContext): Promise<number> {
  const input = context.positionals[0] as string;
  const out = context.values.out;
  if (typeof out !== 'string') throw new CliError('E_USAGE', `Thiếu --out / missing --out (eoffice ${context.command.usage})`);
  checkOutPath(out);
  const box = (flag: string): FieldBox | undefined => {
    const v = context.values[flag];
    return typeof v === 'string' ? parsePageRect(v, `--${flag}`) : undefined;
  };
  try {
    const result = preparePdf({ input, output: out, numberBox: box('number-rect'), dateBox: box('date-rect') });
    context.io.stdout(context.json ? `${JSON.stringify({ out: result.output, fields: result.fields })}\n` : `Đã tạo trường / fields added: ${result.fields.join(', ')} → ${result.output}\n`);
    return 0;
  } catch (error) {
    throw asCliError(error);
  }
}
