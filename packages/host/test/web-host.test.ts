import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServerSentEvents } from '@eoffice/contract';
import { composeServices } from '../src/compose-services.js';
import { startWebHost } from '../src/web/web-host.js';
import { useOpenWebHosts } from './open-web-hosts.js';
import { useTempDir } from './temp-dir.js';
import { writeTextPdf } from './text-pdf.js';

describe('web host', () => {
  const tempDir = useTempDir();
  const open = useOpenWebHosts();

  async function start() {
    const dataDir = await tempDir();
    const rendererDir = join(dataDir, 'renderer');
    await mkdir(rendererDir);
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>E-Office</title>');
    await writeFile(join(dataDir, 'secret.txt'), 'outside the renderer');
    const services = await composeServices({ dataDir });
    const host = await startWebHost({ services, rendererDir });
    open.push({ host, services });
    const base = `http://127.0.0.1:${host.port}`;
    const rpc = (headers: Record<string, string>, body = '{}') =>
      fetch(`${base}/rpc/system.info`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { host, services, base, dataDir, rpc };
  }

  it('prints a loopback URL carrying the token in the fragment', async () => {
    const { host } = await start();
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[A-Za-z0-9_-]{43}$`));
  });

  it('answers a contract call with the token and refuses one without it or with a wrong one', async () => {
    const { host, base } = await start();
    const needsSetup = (headers: Record<string, string>) => fetch(`${base}/rpc/users.needsSetup`, { method: 'POST', headers, body: '{}' });
    const ok = await needsSetup({ 'x-eoffice-token': host.token });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, result: { needsSetup: true } });

    expect((await needsSetup({})).status).toBe(401);
    expect((await needsSetup({ 'x-eoffice-token': `${host.token.slice(0, -1)}x` })).status).toBe(401);
  });

  it('answers system.info only to a signed-in caller, counting what that caller may see and never naming the data folder', async () => {
    const { host, rpc, base, services, dataDir } = await start();
    const letter = await writeTextPdf(join(dataDir, 'letter.pdf'), 'a letter');
    expect((await rpc({ 'x-eoffice-token': host.token })).status).toBe(401);
    expect((await rpc({ 'x-eoffice-token': host.token, 'x-eoffice-session': 'not-a-session' })).status).toBe(401);

    const call = async (method: string, input: unknown, session?: string) => {
      const reply = await fetch(`${base}/rpc/${method}`, {
        method: 'POST',
        headers: { 'x-eoffice-token': host.token, ...(session ? { 'x-eoffice-session': session } : {}) },
        body: JSON.stringify(input),
      });
      const body = (await reply.json()) as { ok: boolean; result: Record<string, unknown> };
      expect(body.ok).toBe(true);
      return body.result;
    };
    await call('users.setupFirstAdmin', { username: 'admin', fullName: 'Quản trị', password: 'mat-khau-admin' });
    const admin = (await call('users.login', { username: 'admin', password: 'mat-khau-admin' })) as { token: string };
    await call('registers.initAgency', { organId: '000.00.01.H99', name: 'Ủy ban' }, admin.token);
    await call('users.add', { username: 'vanthu', roles: ['clerk'], password: 'mat-khau-vanthu' }, admin.token);
    await call('users.add', { username: 'chuyenvien', roles: ['specialist'], password: 'mat-khau-chuyenvien' }, admin.token);
    const clerk = (await call('users.login', { username: 'vanthu', password: 'mat-khau-vanthu' })) as { token: string };
    const specialist = (await call('users.login', { username: 'chuyenvien', password: 'mat-khau-chuyenvien' })) as { token: string };
    // The services take a path from the CLI; this test is about what comes back.
    const receive = (secrecy: string) =>
      services.dispatch('documents.receive', {
        file: { path: letter }, source: 'paper', from: '000.00.17.H99', number: secrecy, symbol: 'CV',
        issuedDate: '2026-03-01', type: 'Công văn', subject: `Công văn ${secrecy}`, secrecy,
      }, { sessionToken: null, actingUsername: 'vanthu', face: 'test' });
    await receive('none');
    await receive('top-secret');

    const seenByClerk = await call('system.info', {}, clerk.token);
    expect(seenByClerk).toMatchObject({ dataDir: null, databasePath: null, documentCounts: { incoming: 2, total: 2 } });
    // The mode is the services' word, not the page's guess: this web host runs them on one machine.
    expect(seenByClerk.deployment).toEqual({ mode: 'standalone' });
    expect(seenByClerk.schemaVersion).toEqual(expect.any(Number));
    expect(await call('system.info', {}, specialist.token)).toMatchObject({ dataDir: null, documentCounts: { incoming: 1, total: 1 } });
  });

  it('refuses calls from another origin even with the token', async () => {
    const { host, rpc } = await start();
    const reply = await rpc({ 'x-eoffice-token': host.token, origin: 'http://evil.example' });
    expect(reply.status).toBe(401);
  });

  it('gives typed errors for bad JSON, bad input and unknown methods', async () => {
    const { host, rpc, base } = await start();
    const badJson = await rpc({ 'x-eoffice-token': host.token }, '{not json');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ ok: false, error: { code: 'E_INVALID_INPUT' } });
    const badInput = await rpc({ 'x-eoffice-token': host.token }, '{"extra":true}');
    expect(await badInput.json()).toMatchObject({ ok: false, error: { code: 'E_INVALID_INPUT' } });
    const unknown = await fetch(`${base}/rpc/system.format`, { method: 'POST', headers: { 'x-eoffice-token': host.token } });
    expect(unknown.status).toBe(404);
  });

  /** `fetch` normalises a path like `/%`; a raw request sends it as a client would. */
  function rawRequest(port: number, head: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(`${head}\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
      let reply = '';
      socket.on('data', (chunk: Buffer) => (reply += chunk.toString('utf8')));
      socket.on('end', () => resolve(reply));
      socket.on('error', reject);
    });
  }

  const logText = (dataDir: string) => readFile(join(dataDir, 'logs', 'eoffice.log'), 'utf8').catch(() => '');

  it('answers a malformed URL with 400 and logs no stack trace', async () => {
    const { host, dataDir } = await start();
    expect(await rawRequest(host.port, 'GET /% HTTP/1.1')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await rawRequest(host.port, 'GET /assets/%E0%A4%A HTTP/1.1')).toMatch(/^HTTP\/1\.1 400 /);
    const rpc = await rawRequest(host.port, `POST /rpc/system.%ZZ HTTP/1.1\r\nx-eoffice-token: ${host.token}\r\nContent-Length: 0`);
    expect(rpc).toMatch(/^HTTP\/1\.1 400 /);
    expect(rpc).toContain('"E_INVALID_INPUT"');
    expect(await logText(dataDir)).not.toMatch(/URIError|\n\s+at |"stack"/);
  });

  it('answers a date that is not a real YYYY-MM-DD with E_INVALID_INPUT, never a 500', async () => {
    const { host, base, dataDir } = await start();
    const call = (method: string, input: unknown) =>
      fetch(`${base}/rpc/${method}`, { method: 'POST', headers: { 'x-eoffice-token': host.token }, body: JSON.stringify(input) });
    const cases: Array<[string, unknown]> = [
      ['calendar.removeDay', { date: '2026-13-01' }],
      ['calendar.removeDay', { date: '2026-02-30' }],
      ['calendar.removeDay', { date: '26-1-5' }],
      ['search.query', { dateFrom: '2026-00-10' }],
      ['search.query', { dateTo: '2025-02-29' }],
      ['statistics.report', { from: '2026-99-99', to: '2026-12-31' }],
    ];
    for (const [method, input] of cases) {
      const reply = await call(method, input);
      expect({ method, input, status: reply.status }).toEqual({ method, input, status: 400 });
      expect(await reply.json()).toMatchObject({ ok: false, error: { code: 'E_INVALID_INPUT' } });
    }
    expect(await logText(dataDir)).not.toMatch(/RangeError|\n\s+at |"stack"/);
  });

  it('serves the UI with a CSP and never a file outside the renderer folder', async () => {
    const { base } = await start();
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('E-Office');
    const escape = await fetch(`${base}/%2e%2e/secret.txt`);
    expect(await escape.text()).not.toContain('outside the renderer');
  });

  it('streams service events to a client holding the token, and refuses the stream without it', async () => {
    const { host, base, services } = await start();
    expect((await fetch(`${base}/events`)).status).toBe(401);
    const abort = new AbortController();
    const response = await fetch(`${base}/events`, { headers: { 'x-eoffice-token': host.token }, signal: abort.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const received = new Promise<unknown>((resolve) => {
      void readServerSentEvents(response.body!, resolve).catch(() => {});
    });
    await expect.poll(() => services.events.listenerCount).toBe(1);
    services.events.emit('documents.changed', { documentIds: ['d1'], reason: 'registered' });
    expect(await received).toEqual({ name: 'documents.changed', payload: { documentIds: ['d1'], reason: 'registered' } });
    abort.abort();
  });
});
