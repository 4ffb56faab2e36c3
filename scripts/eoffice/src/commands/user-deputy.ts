import type { DeputyPeriod } from '@eoffice/contract';
import { CliError, type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { requiredString, stringOption } from './option-values.js';

/** `--from`/`--to`: YYYY-MM-DD, or dd/MM/yyyy as people write it; the contract checks the date exists. */
function dateOption(context: CommandContext, name: string): string {
  const text = requiredString(context.values, name);
  const vietnamese = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  return vietnamese ? `${vietnamese[3]}-${vietnamese[2]!.padStart(2, '0')}-${vietnamese[1]!.padStart(2, '0')}` : text;
}

const dmy = (iso: string) => iso.split('-').reverse().join('/');

function periodLine(p: DeputyPeriod): string {
  const state = p.endedAt ? `đã kết thúc / ended ${p.endedAt}` : p.activeNow ? 'đang hiệu lực / active now' : 'chưa đến hoặc đã qua / not today';
  const namedBy = p.createdBy === p.leader.username ? '' : `  giao bởi / named by ${p.createdBy}`;
  return `#${p.id}  ${p.deputy.fullName} (${p.deputy.username}) ký thay ${p.leader.fullName} (${p.leader.username})  ${dmy(p.from)} → ${dmy(p.to)}  ${state}${namedBy}\n`;
}

/**
 * `eoffice user deputy set|list|end`: ký thay, a leader's deputy for a period (issue 11 item 5). `--for LEADER`: an
 * admin names or ends the deputy of a leader who is away and named none.
 */
export async function runUserDeputy(word: 'set' | 'list' | 'end', context: CommandContext): Promise<number> {
  const out = (json: unknown, text: string) => context.io.stdout(context.json ? `${JSON.stringify(json)}\n` : text);
  const leader = stringOption(context.values, 'for');
  const forLeader = leader === undefined ? {} : { leader };
  if (word === 'set') {
    const input = { deputy: requiredString(context.values, 'deputy'), from: dateOption(context, 'from'), to: dateOption(context, 'to'), ...forLeader };
    const period = await withServices(context, (client) => client.services.users.setDeputy(input));
    out(period, `Đã giao ký thay / deputy named: ${periodLine(period)}`);
    return 0;
  }
  if (word === 'list') {
    const { deputies } = await withServices(context, (client) => client.services.users.deputies({}));
    out({ deputies }, deputies.length === 0 ? 'Chưa có ký thay nào / no deputy period\n' : deputies.map(periodLine).join(''));
    return 0;
  }
  const given = context.positionals[0];
  const id = given === undefined ? undefined : Number(given);
  if (id !== undefined && (!Number.isInteger(id) || id <= 0)) throw new CliError('E_USAGE', `Cần số thứ tự (xem user deputy list) / give the period id: ${given}`);
  const { ended } = await withServices(context, (client) => client.services.users.endDeputy({ ...(id === undefined ? {} : { id }), ...forLeader }));
  out({ ended }, ended.map((p) => `Đã kết thúc / ended: ${periodLine(p)}`).join(''));
  return 0;
}
