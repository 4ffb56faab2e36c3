import type { Command } from '../command.js';
import { infoCommand } from './info.js';

/** Every command of the CLI. Add one line per command module. */
export const commands: readonly Command[] = [
  infoCommand,
];
