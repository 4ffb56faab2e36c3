import { CliError, type CommandContext } from '../command.js';
import { withServices } from '../store-options.js';
import { defined, listOption, stringOption } from './option-values.js';

export async function runUserAdd(context: CommandContext): Promise<number> {
  const roles = listOption(context.values, 'role');
  if (roles.length === 0) throw new CliError('E_USAGE', 'Cần ít nhất một --role / at least one --role');
  const passwordEnv = stringOption(context.values, 'password-env');
  let password: string | undefined;
  if (passwordEnv) {
    password = context.io.env[passwordEnv];
    if (!password) throw new CliError('E_INVALID_INPUT', `Biến môi trường ${passwordEnv} trống / environment variable ${passwordEnv} is empty`);
  }
  const user = await withServices(context, (client) =>
    client.services.users.add(
      defined({
        username: context.positionals[0] as string,
        roles: roles as Array<'clerk'>,
        fullName: stringOption(context.values, 'full-name'),
        position: stringOption(context.values, 'position'),
        unit: stringOption(context.values, 'unit'),
        password,
      }) as { username: string; roles: Array<'clerk'> },
    ),
  );
  context.io.stdout(context.json ? `${JSON.stringify(user)}\n` : `Đã thêm ${user.username} (${user.roles.join(', ')})\n`);
  return 0;
}
