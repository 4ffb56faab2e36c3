import { parseArgs } from 'node:util';
import { CliError, GLOBAL_OPTIONS, type CliIo, type Command } from './command.js';

/**
 * Finds the command named by the leading words, parses its flags strictly (an unknown flag is a usage error, exit 2)
 * and runs it. Errors become one line `E_CODE: message` on stderr, and with --json also
 * `{"error":{"code","message"}}` on stdout.
 */
export async function runCli(argv: readonly string[], commands: readonly Command[], io: CliIo): Promise<number> {
  const wantsJson = argv.includes('--json');
  try {
    const words = leadingWords(argv);
    const command = findCommand(words, commands);
    if (!command) {
      if (words.length === 0 || argv.includes('--help') || argv.includes('-h')) {
        io.stdout(renderHelp(commands));
        return words.length === 0 && !argv.includes('--help') && !argv.includes('-h') ? 2 : 0;
      }
      throw new CliError('E_USAGE', `Không có lệnh "${words.join(' ')}" / unknown command (eoffice --help)`);
    }
    const rest = argv.slice(command.name.split(' ').length);
    const { values, positionals } = parseFlags(command, rest);
    if (values.help) {
      io.stdout(`${command.summary}\n\nCách dùng / usage: eoffice ${command.usage}\n`);
      return 0;
    }
    const [min, max] = command.positionals ?? [0, 0];
    if (positionals.length < min || positionals.length > max) {
      throw new CliError('E_USAGE', `Sai số tham số / wrong number of arguments: eoffice ${command.usage}`);
    }
    return await command.run({ values, positionals, json: values.json === true, io, command });
  } catch (error) {
    // Loaded only on failure: it knows the contract's errors, and the contract (with zod) is no part of `--help`.
    const { describeError } = await import('./exit-codes.js');
    const reported = describeError(error);
    io.stderr(`${reported.code}: ${reported.message}\n`);
    if (wantsJson) io.stdout(`${JSON.stringify({ error: { code: reported.code, message: reported.message } })}\n`);
    return reported.exitCode;
  }
}

function leadingWords(argv: readonly string[]): string[] {
  const words: string[] = [];
  for (const token of argv) {
    if (token.startsWith('-')) break;
    words.push(token);
  }
  return words;
}

function findCommand(words: readonly string[], commands: readonly Command[]): Command | undefined {
  let best: Command | undefined;
  for (const command of commands) {
    const name = command.name.split(' ');
    const matches = name.length <= words.length && name.every((word, index) => words[index] === word);
    if (matches && (!best || name.length > best.name.split(' ').length)) best = command;
  }
  return best;
}

function parseFlags(command: Command, args: readonly string[]) {
  try {
    const parsed = parseArgs({
      args: [...args],
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    return { values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals };
  } catch (error) {
    // parseArgs explains at length how to pass '-' positionals; the first sentence is the useful part.
    const first = (error as Error).message.split('. ')[0] ?? 'bad arguments';
    throw new CliError('E_USAGE', `Tham số không hợp lệ / ${first} (eoffice ${command.usage})`);
  }
}

export function renderHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = [...commands]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'eoffice: E-Office Desktop từ dòng lệnh / from the command line',
    '',
    'Cách dùng / usage: eoffice <lệnh> [tuỳ chọn] [--json]',
    '',
    'Lệnh / commands:',
    ...lines,
    '',
    'Mã thoát / exit codes: 0 thành công / ok; 1 bị từ chối hoặc kiểm tra không đạt / refused or failed check;',
    '2 sai cú pháp hoặc dữ liệu / bad usage or input.',
    '',
  ].join('\n');
}
