import { resolve } from 'node:path';
import { CliError, type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { defined, requiredString, stringOption, wholeNumberOption } from './option-values.js';
import { fileLine, printJsonOr, resolveFileIds, vnDate } from './records-options.js';

/** Files due for handover (nộp lưu) within N days (30 by default, the reminder's lead), overdue ones included. */
export async function runHandoverDue(context: CommandContext): Promise<number> {
  const input = defined({ withinDays: wholeNumberOption(context.values, 'within') });
  const { files } = await withServices(context, (client) => client.services.records.handoverDue(input));
  printJsonOr(context, { files }, () =>
    files.length === 0
      ? 'Không có hồ sơ đến hạn nộp lưu / no files due for handover\n'
      : files.map((d) => `${vnDate(d.dueDate)}${d.overdue ? ' (quá hạn / overdue)' : ''}  ${fileLine(d.file)}\n`).join(''),
  );
  return 0;
}

export async function runHandoverKeep(context: CommandContext): Promise<number> {
  const until = requiredString(context.values, 'until');
  const reason = requiredString(context.values, 'reason');
  const file = await withServices(context, async (client) => {
    const [id] = await resolveFileIds(client, [context.positionals[0] as string]);
    return client.services.records.keep({ id: id!, until, reason });
  });
  printJsonOr(context, file, () => `Giữ lại đến ${vnDate(file.handover.keptUntil)}: ${fileLine(file)}\n`);
  return 0;
}

export async function runHandoverPackage(context: CommandContext): Promise<number> {
  const typeText = stringOption(context.values, 'type');
  if (typeText !== undefined && typeText !== 'SIP' && typeText !== 'AIP') {
    throw new CliError('E_INVALID_INPUT', `--type phải là SIP hoặc AIP / --type must be SIP or AIP: ${typeText}`);
  }
  const out = stringOption(context.values, 'out');
  const result = await withServices(context, async (client) => {
    const ids = await resolveFileIds(client, context.positionals);
    return client.services.records.handoverPackage({ ids, ...(typeText ? { type: typeText } : {}), ...(out !== undefined ? { outDir: resolve(out) } : {}) });
  });
  printJsonOr(context, result, () =>
    [
      ...result.packages.map((p) => `${p.fileCode}: ${p.documents} văn bản → ${p.path}  sha256 ${p.sha256}`),
      `Mục lục hồ sơ nộp lưu / handover list: ${result.list}`,
      `Biên bản giao nhận / minutes: ${result.minutes}`,
      '',
    ].join('\n'),
  );
  return 0;
}

export async function runHandoverAccept(context: CommandContext): Promise<number> {
  const note = stringOption(context.values, 'note');
  const { files } = await withServices(context, async (client) => {
    const ids = await resolveFileIds(client, context.positionals);
    return client.services.records.accept({ ids, ...(note !== undefined ? { note } : {}) });
  });
  printJsonOr(context, { files }, () => `Lưu trữ cơ quan đã nhận / accepted:\n${files.map((f) => `${fileLine(f)}\n`).join('')}`);
  return 0;
}

/**
 * `eoffice handover profile [--csip-profile URL] [--mets-type T] [--other-type T] [--representation NAME]
 * [--descriptive-type T] [--package-type SIP|AIP] [--reset]`: the agency's handover package profile (Circular 05/2025's
 * unverified details). Without a flag it shows the profile; with flags an admin changes those fields, audited by the
 * service; `handover package` reads it.
 */
export async function runHandoverProfile(context: CommandContext): Promise<number> {
  const text = (name: string) => stringOption(context.values, name);
  const packageType = text('package-type');
  if (packageType !== undefined && packageType !== 'SIP' && packageType !== 'AIP') {
    throw new CliError('E_USAGE', `--package-type là SIP hoặc AIP / --package-type is SIP or AIP: "${packageType}"`);
  }
  const change = defined({
    profile: text('csip-profile'),
    type: text('mets-type'),
    otherType: text('other-type'),
    representation: text('representation'),
    descriptiveType: text('descriptive-type'),
    packageType: packageType as 'SIP' | 'AIP' | undefined,
    reset: context.values.reset === true ? true : undefined,
  });
  const profile = await withServices(context, (client) =>
    Object.keys(change).length === 0 ? client.services.records.packageProfile({}) : client.services.records.setPackageProfile(change),
  );
  printJsonOr(context, profile, () =>
    [
      `Hồ sơ CSIP / CSIP profile (METS@PROFILE): ${profile.profile}`,
      `Loại nội dung / METS@TYPE: ${profile.type} (csip:OTHERTYPE: ${profile.otherType})`,
      `Thư mục bản gốc / representation: representations/${profile.representation}/`,
      `Siêu dữ liệu mô tả / descriptive OTHERMDTYPE: ${profile.descriptiveType}`,
      `Loại gói mặc định / default package: ${profile.packageType}`,
      '',
    ].join('\n'),
  );
  return 0;
}
