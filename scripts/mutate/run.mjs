#!/usr/bin/env node
// pnpm mutate [module ...]: StrykerJS over each named module (all, in the table's order, when none is named), one
// after the other. By hand only: mutation runs stay out of CI. Reports land in reports/mutation/ (git-ignored).
import { spawnSync } from 'node:child_process';
import { MUTATION_MODULES, mutationModule } from './modules.mjs';

const names = process.argv.slice(2);
for (const name of names.length > 0 ? names : Object.keys(MUTATION_MODULES)) {
  mutationModule(name);
  console.log(`\n== pnpm mutate ${name}`);
  const run = spawnSync('pnpm', ['exec', 'stryker', 'run', 'stryker.config.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, EOFFICE_MUTATE_MODULE: name, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
