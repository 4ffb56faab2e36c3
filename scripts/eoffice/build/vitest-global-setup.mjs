// Before any test: the CLI bundle the CLI tests start (one build per run, skipped when nothing changed).
import { buildCli, bundleIsStale } from './build-cli.mjs';

export default async function setup() {
  if (await bundleIsStale()) await buildCli();
}
