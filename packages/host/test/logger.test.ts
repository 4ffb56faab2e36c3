import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
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

  it('rotates by size while the process keeps writing, not only when it opens the log', async () => {
    const logDir = await tempDir();
    const logger = createLogger({ logDir, maxBytes: 4096, keep: 2 });
    const line = 'x'.repeat(200);
    for (let index = 0; index < 100; index += 1) logger.info({ index, line }, 'một dòng');
    logger.flush();
    expect((await readdir(logDir)).sort()).toEqual(['eoffice.log', 'eoffice.log.1', 'eoffice.log.2']);
    for (const name of ['eoffice.log', 'eoffice.log.1', 'eoffice.log.2']) {
      // A file reaches the limit with its last line, never far beyond.
      expect((await stat(join(logDir, name))).size).toBeLessThan(4096 + 400);
    }
    const indexes = async (name: string) =>
      (await readFile(join(logDir, name), 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as { index: number }).index);
    const current = await indexes('eoffice.log');
    const previous = await indexes('eoffice.log.1');
    expect(current.at(-1)).toBe(99);
    // Nothing lost between the rolled file and the new one.
    expect(current[0]).toBe(previous.at(-1)! + 1);
  });

  it('stays bounded when two processes share the log folder (two loggers on one file)', async () => {
    const logDir = await tempDir();
    const loggers = [createLogger({ logDir, maxBytes: 4096, keep: 2 }), createLogger({ logDir, maxBytes: 4096, keep: 2 })];
    for (let index = 0; index < 400; index += 1) loggers[index % 2]!.info({ index, line: 'y'.repeat(200) }, 'một dòng');
    for (const logger of loggers) logger.flush();
    expect((await readdir(logDir)).sort()).toEqual(['eoffice.log', 'eoffice.log.1', 'eoffice.log.2']);
    // The writer whose file the other rotated follows it at its own next limit: at worst twice the limit.
    for (const name of await readdir(logDir)) expect((await stat(join(logDir, name))).size).toBeLessThan(2 * 4096 + 800);
  });
});
