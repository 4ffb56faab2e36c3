import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { CallContext } from '@eoffice/contract';
import { composeServices } from '../src/compose-services.js';
import { startWebHost, type WebHost, type WebHostOptions } from '../src/web/web-host.js';
import { useOpenWebHosts } from './open-web-hosts.js';
import { useTempDir } from './temp-dir.js';

/**
 * The loopback web host's own part (web-host.ts) at its edges (issue 15): where it listens, the refusal's words, the
 * upload limit it hands on, what it logs when a request fails, and the peer address it gives the services.
 */
describe('the web host at its edges', () => {
  const tempDir = useTempDir();
  const open = useOpenWebHosts();

  async function start(options: Partial<WebHostOptions> = {}) {
    const dataDir = await tempDir();
    const rendererDir = join(dataDir, 'renderer');
    await mkdir(rendererDir);
    await writeFile(join(rendererDir, 'index.html'), '<title>E-Office</title>');
    const logged: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) });
    const services = await composeServices({ dataDir, logger });
    const host = await startWebHost({ services, rendererDir, ...options });
    open.push({ host, services });
    return { host, services, logged };
  }

  /** Sends exactly `text` and reads the whole answer (the request asks the server to close). */
  function raw(port: number, text: string): Promise<{ status: number; reply: string }> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(text));
      let reply = '';
      socket.on('data', (chunk: Buffer) => (reply += chunk.toString('utf8')));
      socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0), reply }));
      socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    });
  }

  const bodyOf = (reply: string): unknown => {
    const body = reply.slice(reply.indexOf('\r\n\r\n') + 4);
    // A JSON answer is chunked: one chunk, then the last.
    return JSON.parse(body.slice(body.indexOf('\r\n') + 2, body.lastIndexOf('\r\n0\r\n')));
  };

  it('listens on 127.0.0.1 only, on the port asked for, and fails to start when that port is taken', async () => {
    const { host } = await start();
    // Another loopback address (Linux routes all of 127/8 to lo): nobody listens there.
    if (process.platform === 'linux') {
      const refused = await new Promise<string>((resolve) => {
        const socket = connect(host.port, '127.0.0.2', () => resolve('connected'));
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
        socket.on('connect', () => socket.destroy());
      });
      expect(refused).toBe('ECONNREFUSED');
    }
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      const dataDir = await tempDir();
      const services = await composeServices({ dataDir });
      try {
        await expect(startWebHost({ services, rendererDir: dataDir, port })).rejects.toMatchObject({ code: 'EADDRINUSE', port });
      } finally {
        await services.close();
      }
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('a call without the token is refused in both languages', async () => {
    const { host } = await start();
    const answer = await raw(host.port, `POST /rpc/users.needsSetup HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    expect([answer.status, bodyOf(answer.reply)]).toEqual([
      401,
      { ok: false, error: { code: 'E_UNAUTHORIZED', message: 'Thiếu hoặc sai mã truy cập / missing or wrong access token' } },
    ]);
  });

  it('hands its upload limit to the routes, and without one the contract’s 200 MiB holds', async () => {
    const upload = (host: WebHost, length: number) =>
      raw(host.port, `POST /upload HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nx-eoffice-token: ${host.token}\r\nx-eoffice-file-name: a.pdf\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`);
    const small = (await start({ uploadLimitBytes: 10 })).host;
    expect(bodyOf((await upload(small, 11)).reply)).toEqual({ ok: false, error: { code: 'E_TOO_LARGE', message: 'Tệp vượt quá giới hạn 0 MiB / file over the 10-byte limit' } });
    const usual = (await start()).host;
    expect(bodyOf((await upload(usual, 200 * 1024 * 1024 + 1)).reply)).toEqual({
      ok: false,
      error: { code: 'E_TOO_LARGE', message: 'Tệp vượt quá giới hạn 200 MiB / file over the 209715200-byte limit' },
    });
  });

  it('a request that fails (its client left mid-body) is logged as an error with its URL', async () => {
    const { host, logged } = await start();
    await new Promise<void>((resolve) => {
      const socket = connect(host.port, '127.0.0.1', () =>
        socket.write(`POST /rpc/users.needsSetup HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nx-eoffice-token: ${host.token}\r\nContent-Length: 100\r\n\r\n{"a":`, () => {
          socket.destroy();
          resolve();
        }));
    });
    await expect.poll(() => logged.filter((line) => line.msg === 'web host request failed').map((line) => [line.level, line.url])).toEqual([[50, '/rpc/users.needsSetup']]);
  });

  it('gives the services the call context: the session header as it came, the face, the peer’s address', async () => {
    // The real services, with each context the host hands them noted on the way (the source is read only by the sign-in
    // throttle, which would take 20 scrypt-checked failures to show it).
    const dataDir = await tempDir();
    await mkdir(join(dataDir, 'renderer'));
    const services = await composeServices({ dataDir });
    const seen: CallContext[] = [];
    const host = await startWebHost({
      services: { ...services, dispatch: (path, input, context) => (seen.push(context), services.dispatch(path, input, context)) },
      rendererDir: join(dataDir, 'renderer'),
    });
    open.push({ host, services });
    const call = (session: string) =>
      raw(host.port, `POST /rpc/users.needsSetup HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nx-eoffice-token: ${host.token}\r\n${session}Content-Length: 2\r\nConnection: close\r\n\r\n{}`);
    await call('');
    await call('x-eoffice-session: phien-1\r\n');
    expect(seen).toEqual([
      { sessionToken: null, actingUsername: null, face: 'http', source: '127.0.0.1' },
      { sessionToken: 'phien-1', actingUsername: null, face: 'http', source: '127.0.0.1' },
    ]);
  });
});
