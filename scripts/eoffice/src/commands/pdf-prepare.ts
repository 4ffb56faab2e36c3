import { preparePdf, type FieldBox } from '@eoffice/signing';
import { CliError, type Command } from '../command.js';
import { asCliError, parsePageRect } from './pdf-args.js';

/** `eoffice pdf prepare`: adds the empty số and date fields that the agency seal fills later. */
export const pdfPrepareCommand: Command = {
  name: 'pdf prepare',
  summary: 'Tạo ô số và ngày trống trước khi ký / add the empty number and date fields before signing',
  usage: 'pdf prepare <in.pdf> --out <out.pdf> [--number-rect p,x,y,w,h] [--date-rect p,x,y,w,h] [--json]',
  options: { out: { type: 'string' }, 'number-rect': { type: 'string' }, 'date-rect': { type: 'string' } },
  positionals: [1, 1],
  async run(context) {
    const input = context.positionals[0] as string;
    const out = context.values.out;
    if (typeof out !== 'string') throw new CliError('E_USAGE', `Thiếu --out / missing --out (eoffice ${pdfPrepareCommand.usage})`);
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
  },
};
