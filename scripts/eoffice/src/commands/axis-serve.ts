import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateDemoProvince } from '@eoffice/docs-core';
import { axisSecretFrom, axisSystemsSchema, parseAgencies, startAxisServer, type AxisSystem } from '@eoffice/exchange';
import { CliError, type CommandContext } from '../command.js';
import { stringOption } from './option-values.js';

/**
 * `eoffice axis serve`: a local VDXP axis on loopback for development, tests and demos. Runs until SIGINT/SIGTERM.
 * Without --systems every endpoint of the directory is its own system id, all with the secret of EOFFICE_AXIS_SECRET.
 */
export async function runAxisServe(context: CommandContext): Promise<number> {
  const port = intOption(context, 'port', 0, 65535) ?? 0;
  const data = stringOption(context.values, 'data');
  if (!data) throw new CliError('E_USAGE', `Thiếu --data / --data DIR is required: eoffice ${context.command.usage}`);
  const agenciesFile = stringOption(context.values, 'agencies');
  const agencies = parseAgencies(agenciesFile ? readJson(agenciesFile) : generateDemoProvince());
  const systemsFile = stringOption(context.values, 'systems');
  let systems: AxisSystem[];
  if (systemsFile) {
    const parsed = axisSystemsSchema.safeParse(readJson(systemsFile));
    if (!parsed.success) throw new CliError('E_INVALID_INPUT', `--systems không hợp lệ / invalid systems file: ${parsed.error.issues[0]?.message ?? ''}`);
    systems = parsed.data;
  } else {
    const secret = axisSecretFrom({ env: context.io.env });
    systems = agencies.map((a) => ({ systemId: a.code, secret, organIds: [a.code] }));
  }
  const failRate = Number(stringOption(context.values, 'fail-rate') ?? '0');
  if (!(failRate >= 0 && failRate <= 1)) throw new CliError('E_USAGE', '--fail-rate phải từ 0 đến 1 / must be between 0 and 1');
  const axis = await startAxisServer(
    {
      dataDir: resolve(data),
      systems,
      agencies,
      failRate,
      delayMs: intOption(context, 'delay-ms', 0, 600_000) ?? 0,
      dropAfterReceive: context.values['drop-after-receive'] === true,
    },
    port,
  );
  context.io.stdout(context.json ? `${JSON.stringify({ url: axis.url, port: axis.port, systems: systems.length, agencies: agencies.length })}\n` : `Trục liên thông cục bộ / local axis: ${axis.url} (${systems.length} hệ thống / systems)\n`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await axis.close();
  return 0;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError('E_FILE_UNREADABLE', `Không đọc được tệp JSON / cannot read the JSON file ${file}: ${(error as Error).message}`);
  }
}

function intOption(context: CommandContext, name: string, min: number, max: number): number | undefined {
  const raw = stringOption(context.values, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new CliError('E_USAGE', `--${name} phải là số nguyên ${min}–${max} / must be an integer`);
  return value;
}
