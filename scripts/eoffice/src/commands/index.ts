import type { Command } from '../command.js';
import { infoCommand } from './info.js';
import { tokenCheckCommand } from './token-check.js';
import { tokenListCommand } from './token-list.js';
import { tokenProbeCommand } from './token-probe.js';
import { verifyCommand } from './verify.js';

/** Every command of the CLI. Add one line per command module. */
export const commands: readonly Command[] = [
  infoCommand,
  tokenListCommand,
  tokenCheckCommand,
  tokenProbeCommand,
  verifyCommand,
];
