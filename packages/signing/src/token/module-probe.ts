import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { moduleCandidates, type ModuleCandidate } from './known-modules.js';

export interface ProbedSlot {
  readonly slotDescription: string;
  readonly tokenPresent: boolean;
  readonly token?: { readonly label: string; readonly serial: string; readonly manufacturer: string; readonly model: string; readonly flags: number };
  readonly tokenError?: string;
}

/** What loading a PKCS#11 module in a throw-away child process showed. */
export type ModuleProbeResult =
  | {
      readonly status: 'ok';
      readonly path: string;
      readonly library: { readonly manufacturer: string; readonly description: string; readonly version: string; readonly cryptokiVersion: string };
      readonly slots: readonly ProbedSlot[];
    }
  | { readonly status: 'not-found'; readonly path: string; readonly detail: string }
  | { readonly status: 'not-a-shared-library'; readonly path: string; readonly detail: string }
  | { readonly status: 'wrong-architecture'; readonly path: string; readonly detail: string }
  | { readonly status: 'load-failed' | 'initialize-failed' | 'crashed' | 'timeout'; readonly path: string; readonly detail: string };

export type ModuleProbeStatus = ModuleProbeResult['status'];

const CHILD_SCRIPT = fileURLToPath(new URL('./module-probe-child.cjs', import.meta.url));

/**
 * Looks at the file header first (a clear answer for "not there", "not a library", "32-bit module in a 64-bit app"),
 * then loads it in a child process: C_Initialize, C_GetInfo, C_GetSlotList. A vendor module that crashes or hangs only
 * takes the child with it.
 */
export async function probeModule(modulePath: string, options: { timeoutMs?: number } = {}): Promise<ModuleProbeResult> {
  const header = await inspectHeader(modulePath);
  if (header) return header;
  return runChild(modulePath, options.timeoutMs ?? 15_000);
}

export interface ProbedCandidate extends ModuleCandidate {
  readonly result: ModuleProbeResult;
}

/** Probes the known modules of this platform plus `customPaths`, one at a time; absent files are left out. */
export async function probeKnownModules(customPaths: readonly string[] = []): Promise<ProbedCandidate[]> {
  const probed: ProbedCandidate[] = [];
  for (const candidate of moduleCandidates(process.platform, process.env, customPaths)) {
    const result = await probeModule(candidate.path);
    if (result.status === 'not-found' && candidate.vendor !== 'custom') continue;
    probed.push({ ...candidate, result });
  }
  return probed;
}

const ELF_MACHINES: Readonly<Record<string, number>> = { x64: 62, arm64: 183, ia32: 3, arm: 40 };
const PE_MACHINES: Readonly<Record<string, number>> = { x64: 0x8664, arm64: 0xaa64, ia32: 0x14c };

async function inspectHeader(modulePath: string): Promise<ModuleProbeResult | undefined> {
  let header: Buffer;
  try {
    const file = await open(modulePath, 'r');
    try {
      const stat = await file.stat();
      if (!stat.isFile()) return { status: 'not-a-shared-library', path: modulePath, detail: 'không phải tệp / not a regular file' };
      header = Buffer.alloc(Math.min(4096, stat.size));
      await file.read(header, 0, header.length, 0);
    } finally {
      await file.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { status: 'not-found', path: modulePath, detail: 'không có tệp / no such file' };
    }
    if (code === 'EISDIR') return { status: 'not-a-shared-library', path: modulePath, detail: 'là thư mục / a directory' };
    return { status: 'load-failed', path: modulePath, detail: (error as Error).message };
  }
  if (header.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) return inspectElf(modulePath, header);
  if (header.subarray(0, 2).toString('latin1') === 'MZ') return inspectPe(modulePath, header);
  const machO = header.length >= 4 ? header.readUInt32BE(0) : 0;
  const isMachO = [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(machO);
  if (isMachO && process.platform === 'darwin') return undefined;
  return {
    status: 'not-a-shared-library',
    path: modulePath,
    detail: isMachO ? 'thư viện macOS / a macOS library' : 'không phải thư viện dùng chung / not a shared library',
  };
}

function inspectElf(modulePath: string, header: Buffer): ModuleProbeResult | undefined {
  if (process.platform === 'win32' || process.platform === 'darwin') {
    return { status: 'not-a-shared-library', path: modulePath, detail: 'thư viện Linux (ELF) / a Linux (ELF) library' };
  }
  const elfClass = header[4];
  const bits = elfClass === 1 ? 32 : elfClass === 2 ? 64 : undefined;
  const processBits = ['x64', 'arm64', 'ppc64', 's390x', 'riscv64', 'loong64'].includes(process.arch) ? 64 : 32;
  if (bits === undefined) {
    return { status: 'not-a-shared-library', path: modulePath, detail: `ELFCLASS không hợp lệ / invalid ELF class byte ${elfClass ?? '?'}` };
  }
  if (bits !== processBits) {
    return {
      status: 'wrong-architecture',
      path: modulePath,
      detail: `ELF ${bits}-bit, tiến trình ${processBits}-bit: cần cầu nối ${bits}-bit / needs a ${bits}-bit bridge process`,
    };
  }
  if (header.length < 20) return { status: 'not-a-shared-library', path: modulePath, detail: 'ELF header cắt cụt / truncated ELF header' };
  const littleEndian = header[5] !== 2;
  const type = littleEndian ? header.readUInt16LE(16) : header.readUInt16BE(16);
  const machine = littleEndian ? header.readUInt16LE(18) : header.readUInt16BE(18);
  if (type !== 3) return { status: 'not-a-shared-library', path: modulePath, detail: `ELF e_type ${type} (cần / need ET_DYN 3)` };
  const expected = ELF_MACHINES[process.arch];
  if (expected !== undefined && machine !== expected) {
    return { status: 'wrong-architecture', path: modulePath, detail: `ELF e_machine ${machine}, tiến trình / process ${process.arch}` };
  }
  return undefined;
}

function inspectPe(modulePath: string, header: Buffer): ModuleProbeResult | undefined {
  if (process.platform !== 'win32') {
    return { status: 'not-a-shared-library', path: modulePath, detail: 'thư viện Windows (DLL) / a Windows DLL' };
  }
  const peOffset = header.length >= 0x40 ? header.readUInt32LE(0x3c) : 0;
  if (peOffset + 6 > header.length) return undefined; // let the loader judge a header we cannot read
  const machine = header.readUInt16LE(peOffset + 4);
  const expected = PE_MACHINES[process.arch];
  if (expected !== undefined && machine !== expected) {
    const bits = machine === 0x14c ? 32 : 64;
    return {
      status: 'wrong-architecture',
      path: modulePath,
      detail: `DLL ${bits}-bit (machine 0x${machine.toString(16)}), tiến trình / process ${process.arch}`,
    };
  }
  return undefined;
}

function runChild(modulePath: string, timeoutMs: number): Promise<ModuleProbeResult> {
  return new Promise((resolve) => {
    // Electron's binary acts as plain Node with this variable; plain Node ignores it.
    const child = spawn(process.execPath, [CHILD_SCRIPT, modulePath], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ status: 'crashed', path: modulePath, detail: error.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        resolve({ status: 'timeout', path: modulePath, detail: `không trả lời sau / no answer after ${timeoutMs} ms` });
        return;
      }
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        resolve({ ...parsed, path: modulePath } as ModuleProbeResult);
      } catch {
        resolve({
          status: 'crashed',
          path: modulePath,
          detail: `tiến trình thăm dò dừng / probe exited (code ${code ?? '-'}, signal ${signal ?? '-'}): ${stderr.trim().slice(0, 500)}`,
        });
      }
    });
  });
}
