import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { useTempDir } from './temp-dir.js';

describe('createLogger', () => {
  const tempDir = useTempDir();

  it('writes structured JSON lines and never the value of a secret field', async () => {
    const logDir = await tempDir();
    const logger = createLogger({ logDir });
    logger.info({ pin: '123456', token: { label: 'EOFFICE-DEV' }, request: { password: 'hunter2', user: 'vanthu' } }, 'đăng nhập');
    logger.flush();
    const text = await readFile(join(logDir, 'eoffice.log'), 'utf8');
    const entry = JSON.parse(text.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(entry.msg).toBe('đăng nhập');
    expect(text).not.toContain('123456');
    expect(text).not.toContain('hunter2');
    expect(text).toContain('vanthu');
  });

  it('rotates a large log when opened and keeps a bounded number of old files', async () => {
    const logDir = await tempDir();
    for (let round = 0; round < 4; round += 1) {
      await writeFile(join(logDir, 'eoffice.log'), 'x'.repeat(2048));
      createLogger({ logDir, maxBytes: 1024, keep: 2 }).flush();
    }
    const files = (await readdir(logDir)).sort();
    expect(files).toEqual(['eoffice.log', 'eoffice.log.1', 'eoffice.log.2']);
  });
});
