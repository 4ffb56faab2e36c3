import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext } from '@eoffice/contract';
import { createUser, systemClock } from '@eoffice/docs-core';
import { composeServices, type ComposedServices } from '../src/compose-services.js';
import { contractRoutes, type ContractRoutes } from '../src/web/contract-routes.js';
import { rawRequest, rawStreaming, type RawAnswer } from './raw-http.js';
import { useTempDir } from './temp-dir.js';
import { textPdf } from './text-pdf.js';

/**
 * Files over the contract's HTTP routes (issue 15), on raw sockets so every header byte is ours: an upload's name
 * (percent-encoded) and hash (any case) as the services receive them, the size limit at its edge, a download's
 * headers, a refused or failed transfer's answer, and what is logged. The access policy is the routes' own
 * interface, here one that names the clerk as a test face does (a session is the policy's business, not the routes').
 */
const setup: CallContext = { sessionToken: null, actingUsername: null, face: 'test' };
const clerk: CallContext = { sessionToken: null, actingUsername: 'vanthu', face: 'test' };
const LIMIT = 16;

/** Sends exactly these bytes (keeping our side open: a half-closed request is abandoned) and reads one answer. */
const raw = (port: number, head: string, body: Buffer | string = ''): Promise<RawAnswer> =>
  rawRequest(port, Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body)]));

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('files over the contract routes', () => {
  const tempDir = useTempDir();
  const open: Array<{ server: Server; services: ComposedServices; routes: ContractRoutes }> = [];
  afterEach(async () => {
    for (const { server, services, routes } of open.splice(0)) {
      routes.endStreams();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await services.close();
    }
  });

  async function start() {
    const dataDir = await tempDir();
    const logged: Array<{ level: number; msg: string }> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as { level: number; msg: string }) });
    const services = await composeServices({ dataDir, logger });
    await services.dispatch('registers.initAgency', { organId: '000.00.02.Z99', name: 'Sở Nội vụ tỉnh Demo' }, setup);
    await createUser(services.store.db, systemClock(), 'setup', { username: 'vanthu', roles: ['clerk'] });
    const routes = contractRoutes({ services, rendererDir: join(dataDir, 'renderer'), access: { page: () => true, caller: async () => clerk }, uploadLimitBytes: LIMIT });
    const server = createServer((request, response) => void routes.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    open.push({ server, services, routes });
    const port = (server.address() as AddressInfo).port;
    const upload = (body: Buffer | string, headers: string) =>
      raw(port, `POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`, body);
    const download = (query: string) => raw(port, `GET /download?${query} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    /** Log lines from the routes themselves (the services log their own start-up). */
    const routeLog = () => logged.filter((line) => ['download cut', 'file transfer failed'].includes(line.msg)).map((line) => [line.level, line.msg]);
    return { port, dataDir, services, upload, download, routeLog };
  }

  const json = (answer: RawAnswer): unknown => JSON.parse(answer.body.toString('utf8'));

  it('an upload: the name percent-decoded, an upper-case hash taken as the same hash, exactly the limit accepted', async () => {
    const { upload } = await start();
    const bytes = Buffer.from('0123456789abcdef');
    expect(bytes.length).toBe(LIMIT);
    const answer = await upload(bytes, `x-eoffice-file-name: ${encodeURIComponent('công văn.pdf')}\r\nx-eoffice-sha256: ${sha256(bytes).toUpperCase()}\r\n`);
    expect([answer.status, answer.headers['content-type'], answer.headers['cache-control']]).toEqual([200, 'application/json; charset=utf-8', 'no-store']);
    expect(json(answer)).toEqual({ ok: true, result: { uploadId: expect.any(String), name: 'công văn.pdf', size: LIMIT, sha256: sha256(bytes) } });
  });

  it('an upload refused: an undecodable or blank name, bytes that do not match the hash, a body that outgrows the limit', async () => {
    const { upload, port, routeLog } = await start();
    const malformed = { ok: false, error: { code: 'E_INVALID_INPUT', message: 'Thiếu tên tệp hoặc mã băm sai dạng / missing file name or malformed SHA-256 (x-eoffice-file-name)' } };
    for (const name of ['%E0%A4%A', '%20%20']) {
      const answer = await upload('abc', `x-eoffice-file-name: ${name}\r\n`);
      expect([name, answer.status, answer.headers.connection, json(answer)]).toEqual([name, 400, 'close', malformed]);
    }
    const mismatch = await upload('abc', `x-eoffice-file-name: a.pdf\r\nx-eoffice-sha256: ${sha256(Buffer.from('abd'))}\r\n`);
    expect([mismatch.status, mismatch.headers.connection, (json(mismatch) as { error: { code: string } }).error.code]).toEqual([400, 'close', 'E_HASH_MISMATCH']);
    // No length announced: the services' count refuses it while it streams.
    const body = '0123456789abcdefg';
    const streamed = await raw(port, `POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nx-eoffice-file-name: a.pdf\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
      `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`);
    expect([streamed.status, json(streamed)]).toEqual([413, { ok: false, error: { code: 'E_TOO_LARGE', message: 'Tệp vượt quá giới hạn 0 MiB / file over the 16-byte limit' } }]);
    // Typed refusals are answers, not faults: nothing logged.
    expect(routeLog()).toEqual([]);
  });

  it('an upload refused while its body still streams in: the answer arrives and the connection closes cleanly, no reset', async () => {
    const { port } = await start();
    // The services stop reading at the first chunk past the limit; the client is still sending megabytes. Were the
    // request destroyed there, its socket would close on unread bytes (RST: EPIPE here, and under load the answer lost,
    // as the call body's 413 once was in CI); the lingering close reads and drops the rest instead.
    const mib = Buffer.alloc(1024 * 1024, 0x20);
    const chunk = Buffer.concat([Buffer.from(`${mib.length.toString(16)}\r\n`), mib, Buffer.from('\r\n')]);
    const answer = await rawStreaming(port, 'POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nx-eoffice-file-name: a.pdf\r\nTransfer-Encoding: chunked\r\n\r\n',
      [chunk, chunk, chunk, chunk, Buffer.from('0\r\n\r\n')]);
    expect({ status: answer.status, error: answer.error }).toEqual({ status: 413, error: null });
    expect(answer.reply).toContain('"E_TOO_LARGE"');
  });

  it('an upload that fails for no typed reason is E_INTERNAL in general words, and logged as an error', async () => {
    const { upload, dataDir, routeLog } = await start();
    // The staging folder's place taken by a file: the services fail with a plain Node error.
    await writeFile(join(dataDir, 'uploads'), 'not a folder');
    const answer = await upload('abc', 'x-eoffice-file-name: a.pdf\r\n');
    expect([answer.status, answer.headers.connection, json(answer)]).toEqual([500, 'close', { ok: false, error: { code: 'E_INTERNAL', message: 'Lỗi nội bộ / internal error' } }]);
    expect(routeLog()).toEqual([[50, 'file transfer failed']]);
  });

  it('a printout downloads with its length, its name percent-encoded, no hash, no-store and nosniff', async () => {
    const { download, dataDir } = await start();
    const bytes = textPdf('So van ban den');
    await mkdir(join(dataDir, 'exports', 'vanthu'), { recursive: true });
    await writeFile(join(dataDir, 'exports', 'vanthu', 'sổ-đến.pdf'), bytes);
    const answer = await download(`export=${encodeURIComponent('sổ-đến.pdf')}`);
    expect(answer.status).toBe(200);
    expect(answer.headers).toEqual({
      'content-type': 'application/pdf',
      'content-length': String(bytes.length),
      'x-eoffice-file-name': encodeURIComponent('sổ-đến.pdf'),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      date: expect.any(String),
      connection: 'close',
    });
    expect(answer.body.equals(bytes)).toBe(true);
  });

  it('a document\'s file downloads with the SHA-256 it is stored under; a file it lacks is 404 and logs nothing', async () => {
    const { download, services, dataDir, routeLog } = await start();
    const bytes = textPdf('Cong van den');
    const path = join(dataDir, 'in.pdf');
    await writeFile(path, bytes);
    const received = await services.dispatch('documents.receive', {
      file: { path }, from: '000.00.16.Z99', number: '7', symbol: 'CV', issuedDate: '2026-03-02', type: 'Công văn', subject: 'Về việc tải tệp', source: 'paper',
    }, clerk);
    if (!received.ok) throw new Error(JSON.stringify(received.error));
    const id = (received.result as { id: string }).id;
    const answer = await download(`documentId=${id}&sha256=${sha256(bytes)}`);
    expect([answer.status, answer.headers['x-eoffice-sha256'], answer.headers['content-length']]).toEqual([200, sha256(bytes), String(bytes.length)]);
    expect(answer.body.equals(bytes)).toBe(true);
    const missing = await download(`documentId=${id}&sha256=${'a'.repeat(64)}`);
    expect([missing.status, json(missing)]).toEqual([404, { ok: false, error: { code: 'E_NOT_FOUND', message: 'Không tìm thấy tệp / file not found' } }]);
    expect(routeLog()).toEqual([]);
  });

  it('a stored file changed on disk: the answer has begun, so the connection is cut before the file is complete, and it is logged', async () => {
    const { download, services, dataDir, routeLog } = await start();
    const bytes = textPdf('Cong van hong');
    const path = join(dataDir, 'in.pdf');
    await writeFile(path, bytes);
    const received = await services.dispatch('documents.receive', {
      file: { path }, from: '000.00.16.Z99', number: '8', symbol: 'CV', issuedDate: '2026-03-02', type: 'Công văn', subject: 'Về việc tệp hỏng', source: 'paper',
    }, clerk);
    if (!received.ok) throw new Error(JSON.stringify(received.error));
    const digest = sha256(bytes);
    const damaged = Buffer.from(bytes);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 2) ^ 1, damaged.length - 2);
    await writeFile(services.store.blobs.pathOf(digest), damaged);
    const answer = await download(`documentId=${(received.result as { id: string }).id}&sha256=${digest}`);
    // Never a complete-looking file: the last chunk is held until the hash is checked (this one-chunk file: the
    // connection is cut before even the head, which Node sends with the first bytes, left).
    expect(answer.body.length).toBeLessThan(bytes.length);
    expect(routeLog()).toEqual([[40, 'download cut']]);
  });
});
