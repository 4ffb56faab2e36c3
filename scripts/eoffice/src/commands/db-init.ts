import { type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { defined, requiredString, stringOption } from './option-values.js';

export async function runDbInit(context: CommandContext): Promise<number> {
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
}
