import { CliError, type CliIo, type CommandContext, type OptionValues } from '../command.js';
import { withServices } from '../store-options.js';
import { requiredString, stringOption } from './option-values.js';

type OpenWork = {
  username: string;
  assignments: ReadonlyArray<{ documentId: string; subject: string | null; role: string; status: string; dueDate: string | null }>;
  drafts: ReadonlyArray<{ documentId: string; subject: string | null; state: string }>;
};

/**
 * `eoffice user passwd --as USER`: the acting user's own password. Both passwords come from stdin (two lines: current,
 * then new, with `--password-stdin`) or from environment variables (`--current-password-env`, `--password-env`),
 * never from the command line, where `ps` and the shell history would keep them.
 */
export async function runUserPasswd(context: CommandContext): Promise<number> {
  const { currentPassword, newPassword } = await readPasswords(context.values, context.io);
  await withServices(context, (client) => client.services.users.changePassword({ currentPassword, newPassword }));
  context.io.stdout(context.json ? `${JSON.stringify({ ok: true })}\n` : 'Đã đổi mật khẩu / password changed\n');
  return 0;
}

async function readPasswords(values: OptionValues, io: CliIo): Promise<{ currentPassword: string; newPassword: string }> {
  const currentEnv = stringOption(values, 'current-password-env');
  const newEnv = stringOption(values, 'password-env');
  const fromStdin = values['password-stdin'] === true;
  if (fromStdin && (currentEnv !== undefined || newEnv !== undefined)) {
    throw new CliError('E_USAGE', 'Dùng --password-stdin hoặc các biến môi trường, không cả hai / use --password-stdin or the environment variables, not both');
  }
  if (fromStdin) {
    const [currentPassword = '', newPassword = ''] = (await io.readStdin()).split(/\r?\n/);
    if (currentPassword === '' || newPassword === '') {
      throw new CliError('E_USAGE', 'stdin cần hai dòng: mật khẩu hiện tại, mật khẩu mới / stdin needs two lines: the current password, then the new one');
    }
    return { currentPassword, newPassword };
  }
  if (currentEnv === undefined || newEnv === undefined) {
    throw new CliError('E_USAGE', 'Cần --password-stdin, hoặc --current-password-env và --password-env / needs --password-stdin, or --current-password-env and --password-env');
  }
  return { currentPassword: fromEnvironment(io, currentEnv), newPassword: fromEnvironment(io, newEnv) };
}

function fromEnvironment(io: CliIo, name: string): string {
  const value = io.env[name];
  if (value === undefined || value === '') {
    throw new CliError('E_USAGE', `Biến môi trường ${name} trống / environment variable ${name} is empty`);
  }
  return value;
}

/**
 * `eoffice user reset <username> --as ADMIN`: a temporary password, printed once for the admin to hand over; the user
 * must replace it at the next sign-in. It is written to stdout only (never to a file or a log).
 */
export async function runUserReset(context: CommandContext): Promise<number> {
  const username = context.positionals[0] as string;
  const reset = await withServices(context, (client) => client.services.users.resetPassword({ username }));
  context.io.stdout(
    context.json
      ? `${JSON.stringify(reset)}\n`
      : `Mật khẩu tạm thời của ${reset.user.username} / temporary password: ${reset.temporaryPassword}\n` +
          'Người dùng phải đổi mật khẩu ở lần đăng nhập sau / the user must change it at the next sign-in\n',
  );
  return 0;
}

/** `eoffice user deactivate <username> --as ADMIN`: sessions end at once; the open work to reassign is listed. */
export async function runUserDeactivate(context: CommandContext): Promise<number> {
  const username = context.positionals[0] as string;
  const { user, openWork } = await withServices(context, (client) => client.services.users.deactivate({ username }));
  if (context.json) context.io.stdout(`${JSON.stringify({ user, openWork })}\n`);
  else context.io.stdout(`Đã khóa tài khoản ${user.username} / account deactivated\n${openWorkText(openWork)}`);
  return 0;
}

/** `eoffice user reactivate <username> --as ADMIN`. */
export async function runUserReactivate(context: CommandContext): Promise<number> {
  const username = context.positionals[0] as string;
  const user = await withServices(context, (client) => client.services.users.reactivate({ username }));
  context.io.stdout(context.json ? `${JSON.stringify(user)}\n` : `Đã mở lại tài khoản ${user.username} / account reactivated\n`);
  return 0;
}

/** `eoffice user open-work <username> --as ADMIN`: assignments and drafts still open, before a reassignment. */
export async function runUserOpenWork(context: CommandContext): Promise<number> {
  const username = context.positionals[0] as string;
  const work = await withServices(context, (client) => client.services.users.openWork({ username }));
  context.io.stdout(context.json ? `${JSON.stringify(work)}\n` : openWorkText(work));
  return 0;
}

/** `eoffice user reassign --from U --to V --as ADMIN`: every open assignment and draft of U moves to V (audited). */
export async function runUserReassign(context: CommandContext): Promise<number> {
  const from = requiredString(context.values, 'from');
  const to = requiredString(context.values, 'to');
  const moved = await withServices(context, (client) => client.services.users.reassign({ from, to }));
  context.io.stdout(
    context.json
      ? `${JSON.stringify(moved)}\n`
      : `Đã chuyển ${moved.assignments} phân công và ${moved.drafts} dự thảo từ ${moved.from} sang ${moved.to} / ` +
          `${moved.assignments} assignment(s) and ${moved.drafts} draft(s) moved\n`,
  );
  return 0;
}

function openWorkText(work: OpenWork): string {
  if (work.assignments.length === 0 && work.drafts.length === 0) return `${work.username}: không có việc đang mở / no open work\n`;
  const lines = [`Việc đang mở của ${work.username} / open work:`];
  for (const a of work.assignments) {
    lines.push(`  phân công / assignment  ${a.documentId}  ${a.role}  ${a.status}${a.dueDate ? `  hạn ${a.dueDate}` : ''}  ${a.subject ?? ''}`);
  }
  for (const d of work.drafts) lines.push(`  dự thảo / draft  ${d.documentId}  ${d.state}  ${d.subject ?? ''}`);
  return `${lines.join('\n')}\n`;
}
