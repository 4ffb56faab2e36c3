#!/usr/bin/env node
// `pnpm start:web`: runs the bundled browser face (packages/host/src/start-web.ts), rebuilding the bundle first when a
// source file changed since it was built, as `pnpm eoffice` does for the CLI.
import { pathToFileURL } from 'node:url';
import { START_WEB_BUNDLE, buildCli, bundleIsStale } from './build-cli.mjs';

if (await bundleIsStale()) await buildCli();
await import(pathToFileURL(START_WEB_BUNDLE).href);
