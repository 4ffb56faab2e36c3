import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The integration tests use real tools, never stand-ins. When one is missing, this fails loudly and names the Debian
 * package to install (scripts/bootstrap installs them all).
 */
const TOOLS: ReadonlyArray<{ command: string; package: string }> = [
  { command: 'softhsm2-util', package: 'softhsm2' },
  { command: 'pkcs11-tool', package: 'opensc' },
  { command: 'pdfsig', package: 'poppler-utils' },
  { command: 'pdftotext', package: 'poppler-utils' },
  { command: 'qpdf', package: 'qpdf' },
  { command: 'certutil', package: 'libnss3-tools' },
  { command: 'sqlite3', package: 'sqlite3' },
  { command: 'openssl', package: 'openssl' },
  { command: 'chromium', package: 'chromium' },
];

const FILES: ReadonlyArray<{ path: string; package: string }> = [
  { path: '/usr/lib/softhsm/libsofthsm2.so', package: 'softhsm2' },
  { path: '/usr/share/fonts/truetype/croscore/Tinos-Regular.ttf', package: 'fonts-croscore' },
];

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('system tools the tests rely on', () => {
  it.each(TOOLS)('$command is installed (Debian package $package)', ({ command, package: debianPackage }) => {
    expect(onPath(command), `"${command}" is missing: apt-get install ${debianPackage}`).toBe(true);
  });

  it.each(FILES)('$path exists (Debian package $package)', ({ path, package: debianPackage }) => {
    expect(existsSync(path), `"${path}" is missing: apt-get install ${debianPackage}`).toBe(true);
  });
});
