import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** The shared, read-only fixtures beside the checkout (never copied into the repo). */
export const fixturesDir = path.resolve(repoRoot, '../shared/fixtures');
export const fixture = (...parts: string[]): string => path.join(fixturesDir, ...parts);
export { repoRoot };
