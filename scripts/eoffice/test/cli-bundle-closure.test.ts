import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BUNDLE } from './run-eoffice.js';

/** Every file a bundle file loads before it runs: its static imports, followed through the chunks. */
function staticClosure(start: string): string[] {
  const seen = new Set<string>();
  const pending = [start];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, target] of source.matchAll(/^(?:import|export)\s(?:[^;]*?\sfrom\s)?["'](\.[^"']+)["']/gm)) pending.push(join(dirname(file), target!));
  }
  return [...seen];
}

/** The sources a bundle file was made from, by esbuild's `// path` lines: `node_modules/.pnpm/pdf-lib@…`, `packages/docs-core/src/…`. */
function sourcesOf(files: readonly string[]): string[] {
  return files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/^\/\/ (\S+)$/gm)].map(([, path]) => path!.replace(/^(\.\.\/)+/, '')));
}

const chunk = (command: string) => {
  const chunks = join(dirname(CLI_BUNDLE), 'chunks');
  const named = readdirSync(chunks).filter((name) => name.startsWith(`${command}-`) && name.endsWith('.mjs'));
  // Old builds' chunks linger for an hour: the one the entry names is the current one.
  const entry = readFileSync(CLI_BUNDLE, 'utf8');
  const current = named.filter((name) => entry.includes(`./chunks/${name}`));
  expect(current, `the entry names one ${command} chunk`).toHaveLength(1);
  return join(chunks, current[0]!);
};

// `--help` and a usage error load only the command table (README, "CLI start-up"): one import of the docs-core
// barrel from the table's modules made every `eoffice` start load the stores, kysely, zod and pdf-lib (0.55 s of CPU
// against 0.12 s). The table may use the contract's error codes, nothing else of the packages.
describe('what an eoffice start loads before the command runs', () => {
  it('the entry: the command table, the error codes, no library', () => {
    const sources = sourcesOf(staticClosure(CLI_BUNDLE));
    expect(sources).toContain('src/commands/index.ts');
    expect(sources.filter((path) => path.startsWith('node_modules/'))).toEqual([]);
    expect(sources.filter((path) => path.startsWith('packages/') && !path.startsWith('packages/contract/src/errors'))).toEqual([]);
  });

  it('verify: the PDF reader and the verifier, never pdf-lib, fontkit or the stores', () => {
    const sources = sourcesOf(staticClosure(chunk('verify')));
    expect(sources.some((path) => path.startsWith('packages/signing/src/verify/'))).toBe(true);
    const drawingOrStores = sources.filter((path) => /node_modules\/\.pnpm\/(pdf-lib|@pdf-lib\+fontkit|kysely|sqlite3)@|^packages\/docs-core\//.test(path));
    expect(drawingOrStores).toEqual([]);
  });

  // A store command composes every service, so it loads the stores, the contract and the ports; the PDF drawing
  // (pdf-lib), the CMS builder (node-forge) and the Decree 30 layouts load when a document is drawn or signed: they
  // were ~2 MB of the 4.8 MB a command like this parsed and evaluated at each start.
  // The record-file and register commands check --out with the signing package's light subpath: through its barrel
  // they loaded the same ~2 MB (`files list` 0.80 → 0.59-0.64 s of CPU).
  it.each([
    ['doc list', 'doc-show'],
    ['files list', 'record-files'],
    ['register print', 'register-print'],
  ])('a store command (%s): the stores and the ports, never pdf-lib, node-forge or the signing layouts', (_command, chunkName) => {
    // (appearance/resource-files.ts only names the resources folder, where the shipped trust anchors are.)
    const sources = sourcesOf(staticClosure(chunk(chunkName)));
    expect(sources.some((path) => path.startsWith('packages/docs-core/src/store/'))).toBe(true);
    expect(sources.some((path) => path.startsWith('packages/host/src/signing-ports'))).toBe(true);
    const drawingOrSigning = sources.filter((path) =>
      /node_modules\/\.pnpm\/(pdf-lib|@pdf-lib\+|node-forge)@|^packages\/signing\/src\/(decree30|appearance\/(?!resource-files)|signer|ltv)\//.test(path),
    );
    expect(drawingOrSigning).toEqual([]);
  });

  // `demo draft` draws with pdf-lib, which docs-core loads on first use; it signs nothing.
  it('demo draft: no node-forge, no signing layouts before it runs', () => {
    const sources = sourcesOf(staticClosure(chunk('demo-draft')));
    expect(sources.filter((path) => /node_modules\/\.pnpm\/node-forge@|^packages\/signing\/src\/(decree30|signer|ltv)\//.test(path))).toEqual([]);
  });

  it('the closure follows imports into chunks (a signing command reaches pdf-lib)', () => {
    const files = staticClosure(chunk('sign'));
    expect(files.map((file) => basename(file)).filter((name) => name.startsWith('chunk-')).length).toBeGreaterThan(0);
    expect(sourcesOf(files).some((path) => path.startsWith('node_modules/.pnpm/pdf-lib@'))).toBe(true);
  });
});
