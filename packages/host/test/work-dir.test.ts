import { existsSync } from 'node:fs';
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeServices } from '../src/compose-services.js';
import { sweepWorkDir, workDirOf } from '../src/work-dir.js';
import { useTempDir } from './temp-dir.js';

describe('the data folder\'s tmp/', () => {
  const tempDir = useTempDir();

  it('is swept of what crashed processes left (older than a day) and keeps what a running one uses', async () => {
    const dataDir = await tempDir();
    const work = workDirOf(dataDir);
    await mkdir(join(work, 'eoffice-sign-old'), { recursive: true });
    await writeFile(join(work, 'eoffice-sign-old', 'in.pdf'), '%PDF-1.7 mật');
    await mkdir(join(work, 'eoffice-sign-running'));
    const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000);
    await utimes(join(work, 'eoffice-sign-old'), twoDaysAgo, twoDaysAgo);

    expect(await sweepWorkDir(dataDir)).toBe(1);
    expect(await readdir(work)).toEqual(['eoffice-sign-running']);

    // Every face sweeps it when it starts.
    await utimes(join(work, 'eoffice-sign-running'), twoDaysAgo, twoDaysAgo);
    const services = await composeServices({ dataDir });
    try {
      expect(existsSync(join(work, 'eoffice-sign-running'))).toBe(false);
    } finally {
      await services.close();
    }
  });
});
