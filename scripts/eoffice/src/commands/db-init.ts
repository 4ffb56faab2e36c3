import { ACTOR_OPTIONS, STORE_OPTIONS, type Command } from '../command.js';
import { withServices } from '../store-options.js';
import { defined, requiredString, stringOption } from './option-values.js';

export const dbInitCommand: Command = {
  name: 'db init',
  summary: 'Khởi tạo kho dữ liệu cho một cơ quan / set up the store for an agency',
  usage: 'db init --agency <OrganId> --name <tên cơ quan> [--abbr UBND] [--numbering single|per-type] [--data-dir DIR] [--as USER] [--json]',
  options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, agency: { type: 'string' }, name: { type: 'string' }, abbr: { type: 'string' }, numbering: { type: 'string' } },
  async run(context) {
    const agency = await withServices(context, (client) =>
      client.services.registers.initAgency(
        defined({
          organId: requiredString(context.values, 'agency'),
          name: requiredString(context.values, 'name'),
          abbreviation: stringOption(context.values, 'abbr'),
          numberingScheme: stringOption(context.values, 'numbering') as 'single' | 'per-type' | undefined,
        }) as { organId: string; name: string },
      ),
    );
    context.io.stdout(
      context.json
        ? `${JSON.stringify(agency)}\n`
        : `Đã khởi tạo ${agency.name} (${agency.organId}), ký hiệu ${agency.abbreviation}, đánh số ${agency.numberingScheme}\n`,
    );
    return 0;
  },
};
