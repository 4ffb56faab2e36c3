import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The folders and globs a tsconfig includes, relative to the repository (its `extends` never adds any here). */
function includesOf(configPath: string): string[] {
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) throw new Error(`${configPath}: ${ts.flattenDiagnosticMessageText(read.error.messageText, '\n')}`);
  const include = (read.config as { include?: string[] }).include ?? [];
  return include.map((entry) => relative(repoRoot, resolve(dirname(configPath), entry)));
}

/** The configs `pnpm typecheck` (the root script CI runs) checks, from its `tsc -p X` steps. */
function rootTypecheckConfigs(): string[] {
  const script = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.typecheck!;
  return [...script.matchAll(/tsc -p (\S+)/g)].map(([, target]) => {
    const path = join(repoRoot, target!);
    return path.endsWith('.json') ? path : join(path, 'tsconfig.json');
  });
}

/** Every tsconfig a workspace project has: packages/*, scripts/*, apps/*. */
function workspaceConfigs(): string[] {
  return ['packages', 'scripts', 'apps'].flatMap((group) =>
    readdirSync(join(repoRoot, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => {
        const folder = join(repoRoot, group, entry.name);
        return readdirSync(folder).filter((name) => /^tsconfig.*\.json$/.test(name)).map((name) => join(folder, name));
      }),
  );
}

describe('pnpm typecheck covers every project', () => {
  const checked = rootTypecheckConfigs();
  const covered = new Set(checked.flatMap(includesOf));

  it('checks configs that exist', () => {
    expect(checked.length).toBeGreaterThanOrEqual(4);
    for (const config of checked) expect(existsSync(config), config).toBe(true);
  });

  // The Node-side packages are checked as one program (tsconfig.node.json): a folder a package's own tsconfig
  // includes but the root program does not would go unchecked in CI while its own `pnpm run typecheck` passes.
  it.each(workspaceConfigs().map((config) => [relative(repoRoot, config), config]))('%s: each folder it includes is checked', (_name, config) => {
    if (checked.includes(config)) return;
    const missing = includesOf(config).filter((folder) => !covered.has(folder));
    expect(missing).toEqual([]);
  });
});
