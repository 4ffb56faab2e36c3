import { readFile, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ACTOR_OPTIONS, CliError, STORE_OPTIONS, type Command } from '../command.js';
import { withServices } from '../store-options.js';
import { requiredString, stringOption } from './option-values.js';

export const directoryImportCommand: Command = {
  name: 'directory import',
  summary: 'Nhập danh bạ đầu mối từ tệp JSON, tất cả hoặc không / import the directory from JSON, all or nothing',
  usage: 'directory import <file.json> [--replace] --as ADMIN [--data-dir DIR] [--json]',
  options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, replace: { type: 'boolean' } },
  positionals: [1, 1],
  async run(context) {
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
  },
};

export const directoryExportCommand: Command = {
  name: 'directory export',
  summary: 'Xuất danh bạ ra tệp JSON / export the directory to a JSON file',
  usage: 'directory export --out FILE --as USER [--data-dir DIR] [--json]',
  options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, out: { type: 'string' } },
  async run(context) {
    const out = resolve(requiredString(context.values, 'out'));
    const file = await withServices(context, (client) => client.services.directory.export({}));
    const temp = `${out}.${process.pid}.part`;
    await writeFile(temp, `${JSON.stringify(file, null, 2)}\n`);
    await rename(temp, out);
    context.io.stdout(
      context.json ? `${JSON.stringify({ out, endpoints: file.endpoints.length })}\n` : `${file.endpoints.length} đầu mối → ${out}\n`,
    );
    return 0;
  },
};

export const directorySearchCommand: Command = {
  name: 'directory search',
  summary: 'Tìm đầu mối theo mã hoặc tên / find endpoints by code or name',
  usage: 'directory search <text> [--limit N] --as USER [--data-dir DIR] [--json]',
  options: { ...STORE_OPTIONS, ...ACTOR_OPTIONS, limit: { type: 'string' } },
  positionals: [1, 1],
  async run(context) {
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
  },
};
