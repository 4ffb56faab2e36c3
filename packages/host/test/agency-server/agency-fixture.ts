import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type CallContext, type EOfficeClient } from '@eoffice/contract';
import { composeServices } from '../../src/compose-services.js';
import { connectToServer, type ServerLink } from '../../src/server-link/server-link.js';
import type { StoreDatabase } from '../../src/store-database.js';

/** The bundled CLI (vitest's global set-up builds it when a source changed), run as its own process. */
const CLI_BUNDLE = fileURLToPath(new URL('../../../../scripts/eoffice/dist/eoffice.mjs', import.meta.url));

export const AGENCY = '000.00.02.Z99';
export const PASSWORD = 'mat-khau-may-chu-1';

/** One agency's users, each with a password (the server signs in with passwords only). */
export const USERS = [
  { username: 'admin', roles: ['admin'] },
  { username: 'vanthu', roles: ['clerk'], fullName: 'Nguyễn Thị Văn Thư' },
  { username: 'lanhdao', roles: ['leader'], fullName: 'Nguyễn Văn An', position: 'Giám đốc' },
  { username: 'chuyenvien', roles: ['specialist'], fullName: 'Trần Chuyên Viên' },
] as const;

const setup: CallContext = { sessionToken: null, actingUsername: null, face: 'test' };

/**
 * A data folder with the agency and its users, made in-process and closed before a server opens it; the store is the
 * folder's SQLite file, or the PostgreSQL database given.
 */
export async function seedAgency(dataDir: string, database: StoreDatabase = {}): Promise<void> {
  const services = await composeServices({ dataDir, exchange: null, database });
  try {
    const call = async (path: string, input: unknown, context: CallContext) => {
      const reply = await services.dispatch(path, input, context);
      if (!reply.ok) throw new Error(`${path}: ${reply.error.code} ${reply.error.message}`);
      return reply.result;
    };
    await call('registers.initAgency', { organId: AGENCY, name: 'Sở Nội vụ tỉnh Demo', abbreviation: 'SNV' }, setup);
    await call('users.add', { ...USERS[0], password: PASSWORD }, setup);
    for (const user of USERS.slice(1)) await call('users.add', { ...user, password: PASSWORD }, { ...setup, actingUsername: 'admin' });
  } finally {
    await services.close();
  }
}

/** A renderer folder with a page of its own, so `/` is seen to be served. */
export async function fakeRenderer(dir: string): Promise<string> {
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>E-Office máy chủ</title>');
  return rendererDir;
}

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  readonly fingerprint: string;
  readonly certificateCreated: boolean;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, then its exit code. */
  stop(): Promise<number | null>;
}

/** `eoffice serve` as its own process on a free loopback port; resolves once it printed its address. */
export function startServe(dataDir: string, rendererDir: string, extra: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI_BUNDLE, 'serve', '--listen', '127.0.0.1:0', '--data-dir', dataDir, '--renderer-dir', rendererDir, '--json', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise<ServeProcess>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (!out.includes('\n')) return;
      const printed = JSON.parse(out.split('\n')[0]!) as { url: string; port: number; fingerprint: string; certificateCreated: boolean };
      resolve({
        child,
        ...printed,
        stderr: () => err,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
    void exited.then((code) => reject(new Error(`eoffice serve exited ${code} before it started: ${err}`)));
  });
}

/** A workstation's typed client: the link's pinned HTTPS transport, signed in as `username`. */
export async function signedInClient(link: ServerLink, username: string, password = PASSWORD): Promise<{ client: EOfficeClient; token: string }> {
  let session: string | null = null;
  const client = createClient(link.transport(() => session));
  const signedIn = await client.services.users.login({ username, password });
  session = signedIn.token;
  return { client, token: signedIn.token };
}

export function linkTo(server: ServeProcess, fingerprint = server.fingerprint): ServerLink {
  return connectToServer({ url: server.url, fingerprint });
}

/**
 * `pnpm start:web`'s bundle (scripts/eoffice/dist, rebuilt by vitest's global set-up when a source changed): under tsx
 * each start spent 3.5-4.5 s of CPU compiling the host, the bundle 0.7 s.
 */
export const START_WEB = fileURLToPath(new URL('../../../../scripts/eoffice/dist/start-web.mjs', import.meta.url));

export interface WorkstationProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:PORT` of its loopback web host. */
  readonly origin: string;
  /** The per-launch token the page sends. */
  readonly token: string;
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * `pnpm start:web --server URL --fingerprint FP` as its own process (the browser face of one workstation, its own
 * HTTPS client of the server); resolves once it printed its URL.
 */
export function startWorkstation(server: Pick<ServeProcess, 'url' | 'fingerprint'>, dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<WorkstationProcess> {
  const child = spawn(
    process.execPath,
    [START_WEB, '--port', '0', '--data-dir', dataDir, '--server', server.url, '--fingerprint', server.fingerprint],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise<WorkstationProcess>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /^E-Office web: (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)$/m.exec(out);
      if (!match) return;
      resolve({
        child,
        origin: match[1]!,
        token: match[2]!,
        stderr: () => err,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    void exited.then(() => reject(new Error(`start:web exited ${child.exitCode} before it started: ${err}`)));
  });
}
