import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../launcher/electron-binary.js';

const DESKTOP_PACKAGE = fileURLToPath(new URL('../package.json', import.meta.url));
const LAUNCHER = fileURLToPath(new URL('../launcher/start-desktop.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../..', import.meta.url));

describe('pnpm start without Electron’s binary (issue 12, item 16)', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  const temp = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eoffice-start-'));
    dirs.push(dir);
    return dir;
  };

  it('finds the binary where the electron package says it is, and says why not where it is missing', async () => {
    // This machine installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1: the package has no binary.
    const missing = findElectronBinary(DESKTOP_PACKAGE, {});
    expect(missing.found).toBe(false);
    // The package's own override (a folder with the binary) is honoured: a real executable file there is found.
    const dist = await temp();
    await writeFile(join(dist, 'electron'), '#!/bin/sh\nexit 0\n');
    await chmod(join(dist, 'electron'), 0o755);
    expect(findElectronBinary(DESKTOP_PACKAGE, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toEqual({ found: true, path: join(dist, 'electron') });
    expect(findElectronBinary(DESKTOP_PACKAGE, { ELECTRON_OVERRIDE_DIST_PATH: join(dist, 'nothing-here') }).found).toBe(false);
  });

  it('says so in one line and serves the app in the browser on the same data folder, with no stack trace', async () => {
    const dir = await temp();
    const dataDir = join(dir, 'data');
    const rendererDir = join(dir, 'renderer');
    await mkdir(rendererDir);
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>E-Office</title>');
    const child = spawn(process.execPath, ['--import', 'tsx', LAUNCHER, '--data-dir', dataDir, '--port', '0', '--renderer-dir', rendererDir, '--no-open'], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString('utf8');
          const match = /^E-Office web: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m.exec(stdout);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`the launcher ended (${code}) before the web line: ${stderr}`)));
      });
      expect(stdout.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^E-Office web: /)]);
      expect(stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^Không có Electron .*: starting the browser face instead$/)]);
      expect(stderr).not.toMatch(/\n\s+at /);
      // The browser face answers with the app, on the data folder named (created owner-only).
      const page = await fetch(new URL('/', url));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>E-Office</title>');
      expect((await stat(join(dataDir, 'eoffice.sqlite'))).isFile()).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 180_000);
});
