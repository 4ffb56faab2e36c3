import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './run-eoffice.js';

const COMMANDS = join(REPO_ROOT, 'scripts/eoffice/src/commands');

/** Each command module's exported runners: `export (async) function runXxx`. */
function exportedRunners(): { module: string; runner: string }[] {
  return readdirSync(COMMANDS)
    .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
    .flatMap((name) =>
      [...readFileSync(join(COMMANDS, name), 'utf8').matchAll(/^export (?:async )?function (run[A-Z]\w*)/gm)].map((match) => ({
        module: name.replace(/\.ts$/, ''),
        runner: match[1]!,
      })),
    );
}

describe('the command table', () => {
  // A rebase once resolved a conflict in the table by keeping one side: whole command groups (trust, user passwd…)
  // vanished while their modules and tests stayed. A runner nothing calls is a command nobody can reach.
  it('calls every runner a command module exports', () => {
    const sources = readdirSync(COMMANDS)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => ({ name, text: readFileSync(join(COMMANDS, name), 'utf8') }));
    const runners = exportedRunners();
    expect(runners.length).toBeGreaterThan(20);
    const unreached = runners.filter(({ module, runner }) =>
      !sources.some(({ name, text }) => name !== `${module}.ts` && new RegExp(`\\b${runner}\\b`).test(text)),
    );
    expect(unreached).toEqual([]);
  });
});
