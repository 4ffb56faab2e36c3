import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownModules, moduleCandidates } from '../../src/token/known-modules.js';
import { probeKnownModules, probeModule } from '../../src/token/module-probe.js';
import { makeDevToken, requireTool, type DevToken } from '../helpers/dev-token.js';

let dev: DevToken;
let scratch: string;

beforeAll(() => {
  dev = makeDevToken();
  scratch = mkdtempSync(path.join(tmpdir(), 'eoffice-probe-'));
});
afterAll(() => {
  dev?.remove();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('probing PKCS#11 modules in a child process', () => {
  it('SoftHSM2 answers C_GetInfo and shows the dev token', async () => {
    const result = await probeModule(dev.module);
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.library.manufacturer).toBe('SoftHSM');
    expect(result.library.cryptokiVersion).toMatch(/^2\.\d+$/);
    const labels = result.slots.map((slot) => slot.token?.label);
    expect(labels).toContain('EOFFICE-DEV');
    expect(result.slots.find((slot) => slot.token?.label === 'EOFFICE-DEV')?.token?.serial).toBe(dev.serial);
  });

  it('a missing file is "not-found"', async () => {
    const result = await probeModule(path.join(scratch, 'vnptca_p11_v8.so'));
    expect(result.status).toBe('not-found');
  });

  it('a text file and a directory are "not-a-shared-library"', async () => {
    const text = path.join(scratch, 'readme.so');
    writeFileSync(text, 'Đây không phải thư viện / this is not a library\n');
    expect((await probeModule(text)).status).toBe('not-a-shared-library');
    expect((await probeModule(scratch)).status).toBe('not-a-shared-library');
  });

  it('a Windows DLL on Linux is "not-a-shared-library", named as a DLL', async () => {
    const dll = path.join(scratch, 'viettel-ca_v6.dll');
    const header = Buffer.alloc(256);
    header.write('MZ', 0, 'latin1');
    writeFileSync(dll, header);
    const result = await probeModule(dll);
    expect(result.status).toBe('not-a-shared-library');
    if (result.status === 'not-a-shared-library') expect(result.detail).toContain('DLL');
  });

  it('a 32-bit ELF module (like FPT-CA fptca_v4.so) is "wrong-architecture" in a 64-bit process', async () => {
    // The real SoftHSM library with its ELFCLASS byte flipped to ELFCLASS32: everything else is a genuine library.
    const forged = path.join(scratch, 'fptca_v4.so');
    const bytes = readFileSync(dev.module);
    bytes[4] = 1;
    writeFileSync(forged, bytes);
    const result = await probeModule(forged);
    expect(result.status).toBe('wrong-architecture');
    if (result.status === 'wrong-architecture') expect(result.detail).toContain('32-bit');
  });

  it('an ELF with an invalid class byte is "not-a-shared-library"', async () => {
    const forged = path.join(scratch, 'broken-class.so');
    const bytes = readFileSync(dev.module).subarray(0, 4096);
    bytes[4] = 7;
    writeFileSync(forged, bytes);
    expect((await probeModule(forged)).status).toBe('not-a-shared-library');
  });

  it('a shared library that is not a PKCS#11 module fails to load in the child, and the parent lives on', async () => {
    // SoftHSM's own libcrypto: a genuine shared library of this architecture, with no C_GetFunctionList.
    const libcrypto = /libcrypto\.so\S* => (\S+)/.exec(spawnSync('ldd', [dev.module], { encoding: 'utf8' }).stdout)?.[1];
    expect(libcrypto, 'ldd must show SoftHSM linking libcrypto').toBeDefined();
    const copy = path.join(scratch, 'not-pkcs11.so');
    copyFileSync(libcrypto as string, copy);
    const result = await probeModule(copy);
    expect(result.status).toBe('load-failed');
  });

  it('a module that crashes inside C_GetFunctionList kills only the child: "crashed"', async () => {
    requireTool('gcc', 'gcc');
    const source = path.join(scratch, 'crashing.c');
    const library = path.join(scratch, 'crashing-p11.so');
    writeFileSync(source, '#include <signal.h>\nunsigned long C_GetFunctionList(void **list) { (void)list; raise(SIGSEGV); return 0; }\n');
    const compiled = spawnSync('gcc', ['-shared', '-fPIC', '-o', library, source], { encoding: 'utf8' });
    expect(compiled.status, compiled.stderr).toBe(0);
    const result = await probeModule(library);
    expect(result.status).toBe('crashed');
    if (result.status === 'crashed') expect(result.detail).toContain('SIGSEGV');
  });

  it('the known-module data has every vendor seen in the field and places Windows DLLs in System32 and SysWOW64', () => {
    const vendors = knownModules.map((known) => known.vendor).join(' | ');
    for (const vendor of ['VNPT-CA', 'Viettel-CA', 'FPT-CA', 'BKAV-CA', 'CA2', 'Feitian', 'SafeNet', 'bit4id']) expect(vendors).toContain(vendor);
    const windows = moduleCandidates('win32', { SystemRoot: 'C:\\Windows' });
    expect(windows.map((candidate) => candidate.path)).toContain('C:\\Windows\\System32\\vnptca_p11_v6.dll');
    expect(windows.map((candidate) => candidate.path)).toContain('C:\\Windows\\SysWOW64\\eTPKCS11.dll');
    const linux = moduleCandidates('linux', {}, ['/opt/custom/libp11.so']);
    expect(linux[0]).toEqual({ vendor: 'custom', path: '/opt/custom/libp11.so', verified: false });
    expect(linux.map((candidate) => candidate.path)).toContain('/usr/lib/fptca_v4.so');
  });

  it('probing the known locations plus a custom path reports SoftHSM2 ok and the custom path typed', async () => {
    const missing = path.join(scratch, 'custom-missing.so');
    const results = await probeKnownModules([missing]);
    expect(results.find((entry) => entry.path === missing)?.result.status).toBe('not-found');
    expect(results.find((entry) => entry.path === '/usr/lib/softhsm/libsofthsm2.so')?.result.status).toBe('ok');
  });
});
