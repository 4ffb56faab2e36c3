#!/usr/bin/env node
// pnpm mutate [module ...] [-- stryker options]: StrykerJS over each named module (all, in the table's order, when
// none is named), one after the other. By hand only: mutation runs stay out of CI. Reports land in reports/mutation/
// (git-ignored). Options after `--` go to `stryker run` as they are, e.g. a part of a module that finishes in one
// sitting, with its own incremental file so the next part does not overwrite it:
//   pnpm mutate verifier-cms -- --mutate 'packages/signing/src/verify/cms/signature-timestamp.ts' \
//     --incrementalFile reports/mutation/verifier-cms.signature-timestamp.incremental.json
import { spawnSync } from 'node:child_process';
import { MUTATION_MODULES, mutationModule } from './modules.mjs';

const args = process.argv.slice(2);
const split = args.indexOf('--');
const names = split < 0 ? args : args.slice(0, split);
const strykerOptions = split < 0 ? [] : args.slice(split + 1);
for (const name of names.length > 0 ? names : Object.keys(MUTATION_MODULES)) {
  mutationModule(name);
  console.log(`\n== pnpm mutate ${name} ${strykerOptions.join(' ')}`);
  const run = spawnSync('pnpm', ['exec', 'stryker', 'run', 'stryker.config.mjs', ...strykerOptions], {
    stdio: 'inherit',
    env: { ...process.env, EOFFICE_MUTATE_MODULE: name, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
