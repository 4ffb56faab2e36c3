import { X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTrustAnchors, trustAnchorFileReads } from '../../src/certificates/index.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeTestIdentity } from '../helpers/test-pki.js';

// The trust anchors are read at each verification, and an unchanged file is not read again (trust-anchors.ts): these
// tests hold the cache to its promise that any change to a trust file or folder counts from the next check on.
const tempDir = useTempDir('eoffice-trust-reread-');
let rootA = '';
let rootB = '';
let counter = 0;

beforeAll(() => {
  const dir = tempDir();
  rootA = readFileSync(makeTestIdentity(join(dir, mkdirOnce(dir, 'a')), 'ec-p256', 'A').rootPem, 'latin1');
  rootB = readFileSync(makeTestIdentity(join(dir, mkdirOnce(dir, 'b')), 'ec-p256', 'B').rootPem, 'latin1');
});

function mkdirOnce(dir: string, name: string): string {
  mkdirSync(join(dir, name));
  return name;
}

/** A fresh folder per test. */
function folder(): string {
  const dir = join(tempDir(), `case-${(counter += 1)}`);
  mkdirSync(dir);
  return dir;
}

/** SHA-256 fingerprints (openssl's reading, not ours) of the certificates in a PEM text. */
function fingerprints(...pems: string[]): string[] {
  return pems.map((pem) => new X509Certificate(pem).fingerprint256);
}

async function loaded(paths: string[]): Promise<{ fingerprints: string[]; reads: number }> {
  const before = trustAnchorFileReads();
  const anchors = await loadTrustAnchors(paths);
  return { fingerprints: anchors.map((a) => new X509Certificate(a.der).fingerprint256), reads: trustAnchorFileReads() - before };
}

/** Past the window in which a reading of a just-changed file is not kept (the file clock's tick). */
const settle = () => sleep(150);

/** The same PEM with one base64 character of the signature changed: the same length, another certificate. */
function sameSizeOther(pem: string): string {
  const end = pem.indexOf('-----END');
  const at = pem.lastIndexOf('\n', end - 2) - 5;
  const swapped = pem[at] === 'A' ? 'B' : 'A';
  return pem.slice(0, at) + swapped + pem.slice(at + 1);
}

describe('trust anchors read at each verification, a file read again only when it changed', () => {
  it('an unchanged file is read once, and gives the same anchors each time', async () => {
    const file = join(folder(), 'root.pem');
    writeFileSync(file, rootA);
    await settle();
    expect(await loaded([file])).toEqual({ fingerprints: fingerprints(rootA), reads: 1 });
    expect(await loaded([file])).toEqual({ fingerprints: fingerprints(rootA), reads: 0 });
    expect(await loaded([file])).toEqual({ fingerprints: fingerprints(rootA), reads: 0 });
  });

  it('a file rewritten in place with the same size and its modification time put back is read again', async () => {
    const file = join(folder(), 'root.pem');
    // A whole second, so that putting it back after the rewrite gives the very same time.
    const mtime = 1_700_000_000;
    writeFileSync(file, rootA);
    utimesSync(file, mtime, mtime);
    await settle();
    const before = statSync(file);
    expect((await loaded([file])).fingerprints).toEqual(fingerprints(rootA));
    const other = sameSizeOther(rootA);
    expect(other.length).toBe(rootA.length);
    expect(fingerprints(other)).not.toEqual(fingerprints(rootA));
    writeFileSync(file, other);
    utimesSync(file, mtime, mtime);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(statSync(file).size).toBe(before.size);
    expect(await loaded([file])).toEqual({ fingerprints: fingerprints(other), reads: 1 });
  });

  it('a file replaced by a rename (the same size and modification time) is read again', async () => {
    const dir = folder();
    const file = join(dir, 'root.pem');
    const mtime = 1_700_000_000;
    writeFileSync(file, rootA);
    utimesSync(file, mtime, mtime);
    await settle();
    expect((await loaded([file])).fingerprints).toEqual(fingerprints(rootA));
    const other = sameSizeOther(rootA);
    writeFileSync(join(dir, 'next.tmp'), other);
    utimesSync(join(dir, 'next.tmp'), mtime, mtime);
    renameSync(join(dir, 'next.tmp'), file);
    expect(await loaded([file])).toEqual({ fingerprints: fingerprints(other), reads: 1 });
  });

  it('a root added to a trust folder counts from the next check, one removed stops counting', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'a.pem'), rootA);
    await settle();
    expect((await loaded([dir])).fingerprints).toEqual(fingerprints(rootA));
    writeFileSync(join(dir, 'b.pem'), rootB);
    // Only the new file is read; the one read before is unchanged.
    expect(await loaded([dir])).toEqual({ fingerprints: fingerprints(rootA, rootB), reads: 1 });
    await settle();
    expect((await loaded([dir])).reads).toBe(1);
    // Both kept now (the readings of a folder's files do not push each other out): neither is read again.
    expect(await loaded([dir])).toEqual({ fingerprints: fingerprints(rootA, rootB), reads: 0 });
    rmSync(join(dir, 'a.pem'));
    expect((await loaded([dir])).fingerprints).toEqual(fingerprints(rootB));
  });

  it('a reading taken within a clock tick of the change is not kept: the next check reads the file again', async () => {
    const file = join(folder(), 'root.pem');
    writeFileSync(file, rootA);
    expect((await loaded([file])).reads).toBe(1);
    expect((await loaded([file])).reads).toBe(1);
    await settle();
    expect((await loaded([file])).reads).toBe(1);
    expect((await loaded([file])).reads).toBe(0);
  });
});
