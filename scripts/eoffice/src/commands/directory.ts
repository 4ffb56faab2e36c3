import { readFile, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError, type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { checkOutPath } from './pdf-args.js';
import { requiredString, stringOption } from './option-values.js';

export async function runDirectoryImport(context: CommandContext): Promise<number> {
  const path = resolve(context.positionals[0] as string);
  let file: unknown;
  try {
    file = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError('E_INVALID_INPUT', `Không đọc được tệp JSON ${path} / cannot read JSON: ${(error as Error).message}`);
  }
  // The contract validates the shape; docs-core checks codes and the tree.
  const result = await withServices(context, (client) =>
    client.services.directory.import({ file: file as never, replace: context.values.replace === true }),
  );
  context.io.stdout(
    context.json
      ? `${JSON.stringify(result)}\n`
      : `Đã nhập ${result.inserted} mới, ${result.updated} cập nhật, ${result.removed} bỏ; tổng ${result.total} đầu mối / imported\n`,
  );
  return 0;
}

export async function runDirectoryExport(context: CommandContext): Promise<number> {
  const out = resolve(requiredString(context.values, 'out'));
  checkOutPath(out);
  const file = await withServices(context, (client) => client.services.directory.export({}));
  const temp = `${out}.${process.pid}.part`;
  await writeFile(temp, `${JSON.stringify(file, null, 2)}\n`);
  await rename(temp, out);
  context.io.stdout(
    context.json ? `${JSON.stringify({ out, endpoints: file.endpoints.length })}\n` : `${file.endpoints.length} đầu mối → ${out}\n`,
  );
  return 0;
}

export async function runDirectorySearch(context: CommandContext): Promise<number> {
  const limitText = stringOption(context.values, 'limit');
  if (limitText !== undefined && !/^\d+$/.test(limitText)) throw new CliError('E_INVALID_INPUT', `--limit phải là số / must be a number`);
  const { matches } = await withServices(context, (client) =>
    client.services.directory.search({ text: context.positionals[0] as string, ...(limitText ? { limit: Number(limitText) } : {}) }),
  );
  context.io.stdout(
    context.json
      ? `${JSON.stringify(matches)}\n`
      : matches.length === 0
        ? 'Không tìm thấy / nothing found\n'
        : matches.map((m) => `${m.code}  ${m.name}${m.parentName ? `  (${m.parentName})` : ''}\n`).join(''),
  );
  return 0;
}
