import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * The shared, read-only fixtures beside the checkout (never copied into the repo): `../shared/fixtures` from the
 * checkout, or from a folder above it when the checkout is a copy nested inside another (StrykerJS's sandbox under
 * `.stryker-tmp/`).
 */
function findFixtures(): string {
  for (let dir = repoRoot; ; dir = path.dirname(dir)) {
    const candidate = path.resolve(dir, '../shared/fixtures');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(repoRoot, '../shared/fixtures');
  }
}

export const fixturesDir = findFixtures();
export const fixture = (...parts: string[]): string => path.join(fixturesDir, ...parts);
export { repoRoot };
