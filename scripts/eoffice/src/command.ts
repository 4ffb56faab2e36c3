import type { ParseArgsConfig } from 'node:util';
// The errors module alone, not the contract's barrel: CliError is in the CLI's entry, which must not load zod and
// every schema to print --help.
import { exitCodeOf, type ErrorCode } from '@eoffice/contract/errors';

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
  /** The table entry being run, for messages that quote its usage (its module is loaded apart from the table). */
  readonly command: CommandSpec;
}

/**
 * What the shell needs before a command runs: `--help`, usage lines and the strict flag parser. `name` is one or
 * more words (`info`, `pdf prepare`, `doc receive`).
 */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options?: OptionSpecs;
  /** Positional arguments after the command words: [min, max]. Default [0, 0]. */
  readonly positionals?: readonly [number, number];
}

/**
 * One command of the CLI. `run` returns the exit code: 0 ok, 1 refused action or failed check. Bad input is thrown
 * as CliError / EOfficeError. In the command table `run` imports the command's module when called, so a command
 * loads its own libraries only.
 */
export interface Command extends CommandSpec {
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

/**
 * Options of commands that open the store: the data folder (blobs, logs; the SQLite file by default) and `--db URL`
 * (`sqlite:FILE` or `postgres://USER@HOST/DB`, default EOFFICE_DB_URL; the password never on the command line).
 */
export const STORE_OPTIONS: OptionSpecs = {
  'data-dir': { type: 'string' },
  db: { type: 'string' },
};

/** Options of commands that act as a user. */
export const ACTOR_OPTIONS: OptionSpecs = {
  as: { type: 'string' },
};

/**
 * The PKCS#11 key source shared by commands that sign: `--pkcs11 <module> (--token <label> | --serial <hex>)
 * [--key-id <hex>]`, PIN from `--pin-env NAME` or `--pin-stdin` only (never on the command line, where `ps` and shell
 * history would keep it). `--confirm-final-try` is the explicit "yes" needed when one PIN attempt is left. Declared
 * here, not in key-sources, because the command table needs the flags without loading the token library.
 */
export const PKCS11_KEY_OPTIONS: OptionSpecs = {
  pkcs11: { type: 'string' },
  token: { type: 'string' },
  serial: { type: 'string' },
  'key-id': { type: 'string' },
  'pin-env': { type: 'string' },
  'pin-stdin': { type: 'boolean' },
  'confirm-final-try': { type: 'boolean' },
};

export const PKCS11_KEY_USAGE =
  '--pkcs11 <module> (--token <label> | --serial <hex>) [--key-id <hex>] [--pin-env NAME | --pin-stdin] [--confirm-final-try]';

/** Flags that choose the key source of `eoffice sign`: a PKCS#12 file or a PKCS#11 token, each adding its own. */
export const SIGNER_OPTIONS: OptionSpecs = {
  p12: { type: 'string' },
  'pin-env': { type: 'string' },
  'pin-stdin': { type: 'boolean' },
  ...PKCS11_KEY_OPTIONS,
};

export const SIGNER_USAGE =
  '(--p12 <file> | --pkcs11 <module> (--token <label> | --serial <hex>) [--key-id <hex>] [--confirm-final-try]) (--pin-env NAME | --pin-stdin)';
