import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EOfficeError } from '@eoffice/contract';
import { fingerprintOf, SERVER_CERT_FILE, SERVER_KEY_FILE } from '../../src/agency-server/server-certificate.js';
import { textPdf } from '../text-pdf.js';
import { fakeRenderer, linkTo, PASSWORD, seedAgency, signedInClient, startServe, type ServeProcess } from './agency-fixture.js';

/**
 * `eoffice serve` as the LAN meets it: its own process, HTTPS only, every API request refused without a live session
 * held in an HttpOnly cookie, authorised by that session's user exactly as in-process, no side effect from a
 * cross-site request, bodies over the limit refused unread, a graceful stop on SIGTERM.
 */
interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One HTTPS request as a browser or an attacker would send it, headers exactly as given (no pinning: raw checks). */
function raw(server: ServeProcess, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      { host: '127.0.0.1', port: server.port, method, path, headers, rejectUnauthorized: false, agent: false },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const json = { 'content-type': 'application/json' };
const call = (server: ServeProcess, path: string, input: unknown, headers: Record<string, string> = {}) =>
  raw(server, 'POST', `/rpc/${path}`, { ...json, ...headers }, JSON.stringify(input));

async function signIn(server: ServeProcess, username: string): Promise<{ cookie: string; setCookie: string; answer: RawAnswer }> {
  const answer = await call(server, 'users.login', { username, password: PASSWORD });
  expect(answer.status, answer.body).toBe(200);
  const setCookie = ([] as string[]).concat(answer.headers['set-cookie'] ?? [])[0] ?? '';
  return { cookie: setCookie.split(';')[0]!, setCookie, answer };
}

describe('eoffice serve: the agency server', () => {
  let dir: string;
  let dataDir: string;
  let rendererDir: string;
  let server: ServeProcess;

  beforeAll(async () => {
    // One server for the whole file (useTempDir would remove its folder after the first test).
    dir = await mkdtemp(join(tmpdir(), 'eoffice-serve-'));
    dataDir = join(dir, 'data');
    await seedAgency(dataDir);
    rendererDir = await fakeRenderer(dir);
    server = await startServe(dataDir, rendererDir);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('speaks HTTPS only, with a self-signed certificate made on the first start, kept 0600, whose fingerprint it printed', async () => {
    expect(server.certificateCreated).toBe(true);
    for (const file of [SERVER_CERT_FILE, SERVER_KEY_FILE]) expect((await stat(join(dataDir, file))).mode & 0o777).toBe(0o600);
    expect(server.fingerprint).toBe(fingerprintOf(await readFile(join(dataDir, SERVER_CERT_FILE), 'utf8')));
    expect(server.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(server.url).toBe(`https://127.0.0.1:${server.port}/`);

    const page = await raw(server, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('E-Office máy chủ');

    // Plain HTTP on the same port gets no answer of ours: the TLS server drops it.
    const plain = await new Promise<string>((resolve) => {
      const request = httpRequest({ host: '127.0.0.1', port: server.port, path: '/rpc/users.needsSetup', method: 'POST' }, (response) => resolve(`answered ${response.statusCode}`));
      request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      request.end('{}');
    });
    expect(plain).not.toMatch(/^answered 2/);
  });

  it('answers 401 to every API request without a live session, and signs in into an HttpOnly, Secure, SameSite=Strict cookie with an expiry', async () => {
    for (const [method, path, headers, body] of [
      ['POST', '/rpc/documents.list', json, '{}'],
      ['POST', '/rpc/system.info', json, '{}'],
      ['POST', '/rpc/users.setupFirstAdmin', json, JSON.stringify({ username: 'ke-la', fullName: 'Kẻ lạ', password: 'mat-khau-ke-la' })],
      ['GET', '/events', {}, undefined],
      ['GET', `/download?documentId=x&sha256=${'0'.repeat(64)}`, {}, undefined],
      ['POST', '/upload', { 'content-type': 'application/octet-stream', 'x-eoffice-file-name': 'a.pdf' }, '%PDF-1.4'],
      ['POST', '/rpc/documents.list', { ...json, cookie: '__Host-eoffice-session=bia-dat-ra-hoan-toan-khong-co-that' }, '{}'],
      ['POST', '/rpc/documents.list', { ...json, 'x-eoffice-session': 'bia-dat-ra-hoan-toan-khong-co-that' }, '{}'],
    ] as const) {
      const answer = await raw(server, method, path, headers, body);
      expect({ path, status: answer.status }).toEqual({ path, status: 401 });
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'E_UNAUTHORIZED' } });
    }
    // Wrong password: refused, no cookie.
    const wrong = await call(server, 'users.login', { username: 'vanthu', password: 'sai-mat-khau' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const { cookie, setCookie, answer } = await signIn(server, 'vanthu');
    expect(setCookie).toMatch(/^__Host-eoffice-session=[A-Za-z0-9_-]{40,}; /);
    const attributes = setCookie.split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['path=/', 'httponly', 'secure', 'samesite=strict']));
    const expires = attributes.find((part) => part.startsWith('expires='));
    const session = JSON.parse(answer.body) as { result: { token: string; expiresAt: string; user: { username: string } } };
    expect(new Date(expires!.slice('expires='.length)).getTime()).toBe(Math.floor(new Date(session.result.expiresAt).getTime() / 1000) * 1000);
    // The token lives in the cookie only: a script on the page never sees it.
    expect(session.result.token).toBe('');
    expect(answer.body).not.toContain(cookie.split('=')[1]);

    const me = await call(server, 'users.me', {}, { cookie });
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ ok: true, result: { username: 'vanthu' } });
    const info = JSON.parse((await call(server, 'system.info', {}, { cookie })).body) as { result: { dataDir: unknown; deployment: unknown } };
    // A remote caller is never told where the data lives; it is told it talks to the agency server.
    expect(info.result.dataDir).toBeNull();
    expect(info.result.deployment).toEqual({ mode: 'agency-server' });
  });

  it('makes a stolen session cookie useless once its user signs out, and ends the event stream it opened', async () => {
    const { cookie } = await signIn(server, 'lanhdao');
    const thief = { cookie };
    expect((await call(server, 'documents.list', {}, thief)).status).toBe(200);
    const stream = await new Promise<{ ended: Promise<void> }>((resolve, reject) => {
      const request = httpsRequest({ host: '127.0.0.1', port: server.port, path: '/events', headers: thief, rejectUnauthorized: false, agent: false }, (response) => {
        expect(response.statusCode).toBe(200);
        resolve({ ended: new Promise((done) => response.on('close', () => done())) });
        response.resume();
      });
      request.on('error', reject);
      request.end();
    });

    const logout = await call(server, 'users.logout', {}, { cookie });
    expect(logout.status).toBe(200);
    expect(([] as string[]).concat(logout.headers['set-cookie'] ?? [])[0]).toMatch(/^__Host-eoffice-session=; .*Max-Age=0/);
    await stream.ended;
    for (const path of ['documents.list', 'users.me', 'system.info']) {
      const answer = await call(server, path, {}, thief);
      expect({ path, status: answer.status }).toEqual({ path, status: 401 });
    }
    expect((await raw(server, 'GET', '/events', thief)).status).toBe(401);
  });

  it('authorises each call by the session’s user and role, as in-process: a specialist cannot act as the clerk or the admin', async () => {
    const link = linkTo(server);
    const specialist = await signedInClient(link, 'chuyenvien');
    const clerk = await signedInClient(link, 'vanthu');
    const upload = (client: typeof clerk.client) => client.files.upload(textPdf('cong van den'), { name: 'cong-van.pdf' });
    const receive = async (client: typeof clerk.client, n: number) =>
      client.services.documents.receive({
        file: { uploadId: (await upload(client)).uploadId, name: 'cong-van.pdf' },
        from: '000.00.16.Z99', number: String(n), symbol: 'QĐ-SYT', issuedDate: '2026-03-02', type: 'QĐ', subject: `Thử quyền ${n}`, source: 'paper',
      });
    const refusedWith = async (promise: Promise<unknown>) => promise.then(() => 'allowed', (error: unknown) => (error instanceof EOfficeError ? error.code : String(error)));

    expect(await refusedWith(receive(specialist.client, 1))).toBe('E_FORBIDDEN');
    expect(await refusedWith(specialist.client.services.users.add({ username: 'ke-gia-mao', roles: ['admin'], password: 'mat-khau-gia-mao' }))).toBe('E_FORBIDDEN');
    const received = await receive(clerk.client, 2);
    await clerk.client.services.documents.verify({ id: received.id });
    expect(await refusedWith(specialist.client.services.documents.register({ id: received.id }))).toBe('E_FORBIDDEN');
    // The session decides who calls; a body or a header naming someone else changes nothing.
    const asAdmin = await call(server, 'users.add', { username: 'ke-gia-mao', roles: ['admin'], password: 'mat-khau-gia-mao', as: 'admin' }, {
      'x-eoffice-session': specialist.token,
      'x-eoffice-as': 'admin',
    });
    expect(asAdmin.status).toBe(403);
    const registered = await clerk.client.services.documents.register({ id: received.id });
    expect(registered.arrivalNumber).toBe(1);
    expect((await specialist.client.services.users.me({})).roles).toEqual(['specialist']);
  });

  it('refuses what another site’s page could make a browser send: a foreign Origin, a cross-site fetch, a form or text body', async () => {
    const { cookie } = await signIn(server, 'vanthu');
    const logoutCases: Array<[string, Record<string, string>]> = [
      ['form body', { 'content-type': 'application/x-www-form-urlencoded', cookie }],
      ['text body', { 'content-type': 'text/plain', cookie }],
      ['no content type', { cookie }],
      ['foreign origin', { ...json, cookie, origin: 'https://evil.example' }],
      ['plain-http origin', { ...json, cookie, origin: `http://127.0.0.1:${server.port}` }],
      ['cross-site fetch', { ...json, cookie, 'sec-fetch-site': 'cross-site' }],
      ['same-site fetch', { ...json, cookie, 'sec-fetch-site': 'same-site' }],
    ];
    for (const [name, headers] of logoutCases) {
      const answer = await raw(server, 'POST', '/rpc/users.logout', headers, '{}');
      expect({ name, status: answer.status }).toEqual({ name, status: 403 });
    }
    const formUpload = await raw(server, 'POST', '/upload', { 'content-type': 'multipart/form-data; boundary=x', 'x-eoffice-file-name': 'a.pdf', cookie }, '--x--');
    expect(formUpload.status).toBe(403);
    // None of them signed the user out; our own page's request (same origin) does.
    expect((await call(server, 'users.me', {}, { cookie })).status).toBe(200);
    const own = await call(server, 'users.logout', {}, { cookie, origin: `https://127.0.0.1:${server.port}`, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(200);
    expect((await call(server, 'users.me', {}, { cookie })).status).toBe(401);
  });

  it('refuses a call body over the limit with 413, announced or streamed, without reading it to the end', async () => {
    const { cookie } = await signIn(server, 'vanthu');
    const announced = await new Promise<string>((resolve, reject) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: server.port, rejectUnauthorized: false }, () => {
        // Only the headers: a server that waited for 17 MiB would never answer.
        socket.write(`POST /rpc/documents.list HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nCookie: ${cookie}\r\nContent-Length: ${17 * 1048576}\r\n\r\n{`);
      });
      let reply = '';
      socket.on('data', (chunk: Buffer) => (reply += chunk.toString('utf8')));
      socket.on('close', () => resolve(reply));
      socket.on('error', reject);
    });
    expect(announced).toMatch(/^HTTP\/1\.1 413/);
    expect(announced).toContain('E_TOO_LARGE');
    const streamed = await raw(server, 'POST', '/rpc/documents.list', { ...json, cookie, 'transfer-encoding': 'chunked' }, Buffer.alloc(17 * 1048576, 0x20));
    expect(streamed.status).toBe(413);
    // The server is fine afterwards.
    expect((await call(server, 'users.me', {}, { cookie })).status).toBe(200);
  });

  it('refuses to talk to a server whose certificate is not the pinned one, before sending anything', async () => {
    const wrong = server.fingerprint.replace(/^../, server.fingerprint.startsWith('00') ? '01' : '00');
    const link = linkTo(server, wrong);
    const error = await signedInClient(link, 'vanthu').then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(EOfficeError);
    expect((error as EOfficeError).code).toBe('E_SERVER_CERT_MISMATCH');
    // The password never reached the server: the right link signs in at once (no failed attempt was counted).
    const right = await signedInClient(linkTo(server), 'vanthu');
    expect(right.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('on SIGTERM finishes the upload in flight, answers it, exits 0, and keeps its certificate for the next start', async () => {
    const { cookie } = await signIn(server, 'vanthu');
    const pdf = textPdf('tai len dang do');
    const answered = new Promise<RawAnswer>((resolve, reject) => {
      const request = httpsRequest(
        {
          host: '127.0.0.1', port: server.port, method: 'POST', path: '/upload', rejectUnauthorized: false, agent: false,
          headers: { 'content-type': 'application/octet-stream', 'x-eoffice-file-name': 'dang-do.pdf', 'content-length': String(pdf.length), cookie },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
        },
      );
      request.on('error', reject);
      // Half the file, then the stop signal, then (once the server says it is stopping) the rest.
      request.write(pdf.subarray(0, 100), () => {
        server.child.stderr!.on('data', () => {
          if (server.stderr().includes('stopping') && !request.writableEnded) request.end(pdf.subarray(100));
        });
        server.child.kill('SIGTERM');
      });
    });
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    const answer = await answered;
    expect(answer.status, answer.body).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, result: { name: 'dang-do.pdf', size: pdf.length } });
    expect(await exited).toBe(0);

    server = await startServe(dataDir, rendererDir);
    expect(server.certificateCreated).toBe(false);
    expect(server.fingerprint).toBe(fingerprintOf(await readFile(join(dataDir, SERVER_CERT_FILE), 'utf8')));
    // Sessions are the store's: the one signed in before the restart still works.
    expect((await call(server, 'users.me', {}, { cookie })).status).toBe(200);
  });
});
