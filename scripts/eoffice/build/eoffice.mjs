#!/usr/bin/env node
// `pnpm eoffice …`: runs the bundled CLI, rebuilding it first when a source file changed since it was built.
import { pathToFileURL } from 'node:url';
import { BUNDLE, buildCli, bundleIsStale } from './build-cli.mjs';

if (await bundleIsStale()) await buildCli();
await import(pathToFileURL(BUNDLE).href);
