import { type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';

/** `eoffice user unlock <username> --as ADMIN`: opens an account that repeated failed sign-ins locked. */
export async function runUserUnlock(context: CommandContext): Promise<number> {
  const username = context.positionals[0] as string;
  const user = await withServices(context, (client) => client.services.users.unlock({ username }));
  context.io.stdout(context.json ? `${JSON.stringify(user)}\n` : `Đã mở khóa tài khoản ${user.username} / account unlocked\n`);
  return 0;
}
