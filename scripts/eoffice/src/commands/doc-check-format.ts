import { type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';

/** `doc check-format <id>`: what the approval will find missing from the draft (Phụ lục I); exit 1 when anything is. */
export async function runDocCheckFormat(context: CommandContext): Promise<number> {
  const id = context.positionals[0] as string;
  const result = await withServices(context, (client) => client.services.documents.checkFormat({ id }));
  if (context.json) {
    context.io.stdout(`${JSON.stringify(result)}\n`);
  } else if (!result.ran) {
    context.io.stdout(`Không kiểm tra được thể thức / the format check could not run: ${result.reason ?? ''}\n`);
  } else if (result.findings.length === 0) {
    context.io.stdout('Thể thức đầy đủ theo Phụ lục I / the draft has every part Phụ lục I requires\n');
  } else {
    context.io.stdout('Thiếu / missing:\n');
    for (const finding of result.findings) context.io.stdout(`  - ${finding.label} [${finding.element}]\n`);
  }
  return result.ran && result.findings.length > 0 ? 1 : 0;
}
