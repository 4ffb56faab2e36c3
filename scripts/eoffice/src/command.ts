import type { ParseArgsConfig } from 'node:util';
import { exitCodeOf, type ErrorCode } from '@eoffice/contract';

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** Where a command writes: stdout for results, stderr for people. Tests capture both. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly env: NodeJS.ProcessEnv;
}

export interface CommandContext {
  readonly values: OptionValues;
  readonly positionals: readonly string[];
  /** `--json`: machine output on stdout. */
  readonly json: boolean;
  readonly io: CliIo;
}

/**
 * One command of the CLI. `name` is one or more words (`info`, `pdf prepare`, `doc receive`). `run` returns the
 * exit code: 0 ok, 1 refused action or failed check. Bad input is thrown as CliError / EOfficeError.
 */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options?: OptionSpecs;
  /** Positional arguments after the command words: [min, max]. Default [0, 0]. */
  readonly positionals?: readonly [number, number];
  run(context: CommandContext): Promise<number>;
}

/**
 * An error the CLI reports as `E_CODE: message`. The exit code comes from the contract's table (2 for bad input, 1 for
 * refused actions and failures) unless given.
 */
export class CliError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: 1 | 2;

  /** The exit code is the code's class in the contract's table, never chosen per call: the list is closed. */
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'CliError';
    this.code = code;
    this.exitCode = exitCodeOf(code);
  }
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: OptionSpecs = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** Options of commands that open the store. */
export const STORE_OPTIONS: OptionSpecs = {
  'data-dir': { type: 'string' },
};

/** Options of commands that act as a user. */
export const ACTOR_OPTIONS: OptionSpecs = {
  as: { type: 'string' },
};
