import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A private temporary folder per test, removed after it. */
export function useWorkDir(): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'eoffice-exchange-'));
    made.push(dir);
    return dir;
  };
}

/** The shared fixtures, by path (never copied into the repository). */
export const FIXTURES = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures');
export const EDXML_FIXTURES = join(FIXTURES, 'edxml');
