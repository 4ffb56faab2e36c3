import { execFileSync, spawnSync } from 'node:child_process';

/** Fails loudly (never skips) when a system tool the test needs is missing, naming its Debian package. */
export function requireTool(command: string, debianPackage: string): void {
  const probe = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(`Thiếu công cụ "${command}": cài gói Debian "${debianPackage}" / missing "${command}": apt-get install ${debianPackage}`);
  }
}

export interface RunResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(command: string, args: readonly string[], input?: Uint8Array): RunResult {
  const r = spawnSync(command, args, { input, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** `qpdf --check`: 0 = clean, 2 = errors, 3 = warnings. */
export function qpdfCheck(file: string): RunResult {
  requireTool('qpdf', 'qpdf');
  return run('qpdf', ['--check', file]);
}

export function qpdf(args: readonly string[]): void {
  requireTool('qpdf', 'qpdf');
  execFileSync('qpdf', [...args], { stdio: 'pipe' });
}
