import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createHttpTransport, type EOfficeClient } from '@eoffice/contract';
import { SESSION_COOKIE } from '../../src/agency-server/session-cookie.js';
import { composeServices, type ComposedServices } from '../../src/compose-services.js';
import { createLogger } from '../../src/logger.js';
import { connectWorkstation, type WorkstationServices } from '../../src/server-link/workstation-services.js';
import { startWebHost, type WebHost } from '../../src/web/web-host.js';
import { textPdf } from '../text-pdf.js';
import { fakeRenderer, linkTo, PASSWORD, seedAgency, signedInClient, startServe, type ServeProcess } from './agency-fixture.js';

/**
 * Each event stream hears as its own signed-in user (ARCHITECTURE.md, invariant 1): the clerk, who reads secret
 * documents, hears of a secret one by id; the specialist, who may not see it, hears nothing of it — asserted on the
 * raw bytes of the stream, so no field, placeholder or register kind gives it away — while a document everyone may
 * see reaches both. The agency server, a workstation's local host passing the server's stream on, and the loopback
 * web host of one machine with two sessions.
 */
const SECRET_SUBJECT = 'Phương án phòng thủ đảo Hòn Khoai';

interface RawStream {
  /** Every byte the stream carried so far, as text. */
  text(): string;
  /** Whether the server ended the stream. */
  ended(): boolean;
  close(): void;
}

/** An event stream read as raw bytes; resolves once the server said it is connected. */
function openStream(url: URL, headers: Record<string, string>): Promise<RawStream> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let text = '';
    let ended = false;
    const req = request(url, { headers, rejectUnauthorized: false, agent: false }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`events: ${response.statusCode}`));
      response.on('close', () => (ended = true));
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        if (text.startsWith(': connected')) resolve({ text: () => text, ended: () => ended, close: () => req.destroy() });
      });
    });
    req.on('error', (error) => (text ? undefined : reject(error)));
    req.end();
  });
}

/** A client whose uploads and calls carry `session()`. */
function clientOf(baseUrl: string, token: string, session: () => string | null): EOfficeClient {
  return createClient(createHttpTransport({ baseUrl, token, getSession: session }));
}

async function receive(client: EOfficeClient, n: number, fields: { secrecy?: 'secret'; subject: string }): Promise<string> {
  const receipt = await client.files.upload(textPdf(`cong van ${n}`), { name: 'cong-van.pdf' });
  const doc = await client.services.documents.receive({
    file: { uploadId: receipt.uploadId, name: 'cong-van.pdf' },
    from: '000.00.16.Z99', number: String(n), symbol: 'QĐ-SYT', issuedDate: '2026-03-02', type: 'QĐ', source: 'paper', ...fields,
  });
  await client.services.documents.verify({ id: doc.id });
  await client.services.documents.register({ id: doc.id });
  return doc.id;
}

/**
 * The clerk registers a secret document, then one everyone may see. Events reach a stream in order, so once the
 * second one is heard, anything about the first would have been heard before it.
 */
async function expectScoped(clerk: EOfficeClient, streams: { reader: RawStream; outsiders: readonly RawStream[] }, n: number): Promise<void> {
  const secret = await receive(clerk, n, { secrecy: 'secret', subject: `${SECRET_SUBJECT} ${n}` });
  const open = await receive(clerk, n + 1, { subject: `Về việc công khai ${n}` });
  for (const stream of [streams.reader, ...streams.outsiders]) {
    await expect.poll(() => stream.text().includes(open), { timeout: 20_000 }).toBe(true);
  }
  const reader = streams.reader.text();
  expect(reader).toContain(`"documentIds":["${secret}"]`);
  expect(reader).toContain('"kind":"secret"');
  for (const outsider of streams.outsiders.map((s) => s.text())) {
    expect(outsider).not.toContain(secret);
    expect(outsider).not.toContain(SECRET_SUBJECT);
    // Nor that something not named changed, nor the secret register.
    expect(outsider).not.toContain('"documentIds":[]');
    expect(outsider).not.toContain('"kind":"secret"');
    expect(outsider).toContain(`"documentIds":["${open}"]`);
  }
}

describe('event streams hear as their own user', () => {
  let dir: string;
  let server: ServeProcess;
  let workstation: WorkstationServices;
  let workstationHost: WebHost;
  let single: ComposedServices;
  let singleHost: WebHost;
  const streams: RawStream[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eoffice-event-scope-'));
    const rendererDir = await fakeRenderer(dir);
    await seedAgency(join(dir, 'server-data'));
    server = await startServe(join(dir, 'server-data'), rendererDir);
    workstation = connectWorkstation({ server: { url: server.url, fingerprint: server.fingerprint }, logger: createLogger({ logDir: join(dir, 'workstation-logs') }) });
    await workstation.check();
    workstationHost = await startWebHost({ services: workstation, rendererDir });
    await seedAgency(join(dir, 'single-data'));
    single = await composeServices({ dataDir: join(dir, 'single-data'), exchange: null });
    await single.startBackgroundJobs();
    singleHost = await startWebHost({ services: single, rendererDir });
  }, 300_000);
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await singleHost?.close();
    await single?.close();
    await workstationHost?.close();
    await workstation?.close();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const track = async (stream: Promise<RawStream>) => {
    const opened = await stream;
    streams.push(opened);
    return opened;
  };

  it('on the agency server: each session cookie’s stream hears only the documents its user may see', async () => {
    const link = linkTo(server);
    const clerk = await signedInClient(link, 'vanthu');
    const specialist = await signedInClient(link, 'chuyenvien');
    const events = new URL('/events', server.url);
    const reader = await track(openStream(events, { cookie: `${SESSION_COOKIE}=${clerk.token}` }));
    const outsider = await track(openStream(events, { cookie: `${SESSION_COOKIE}=${specialist.token}` }));
    await expectScoped(clerk.client, { reader, outsiders: [outsider] }, 1);
  });

  it('through a workstation: each page’s stream is the server’s stream of that page’s own session, never another’s', async () => {
    const base = `http://127.0.0.1:${workstationHost.port}`;
    const signIn = async (username: string) => {
      let session: string | null = null;
      const client = clientOf(base, workstationHost.token, () => session);
      session = (await client.services.users.login({ username, password: PASSWORD })).token;
      return { client, handle: session };
    };
    // The reader signs in first: a workstation that opened the server's stream with the first live session would
    // pass the reader's events to everyone.
    const clerk = await signIn('vanthu');
    const specialist = await signIn('chuyenvien');
    const events = new URL('/events', base);
    const local = { 'x-eoffice-token': workstationHost.token };
    const reader = await track(openStream(events, { ...local, 'x-eoffice-session': clerk.handle }));
    const outsider = await track(openStream(events, { ...local, 'x-eoffice-session': specialist.handle }));
    const signedOut = await track(openStream(events, local));
    await expectScoped(clerk.client, { reader, outsiders: [outsider] }, 11);
    expect(signedOut.text()).toBe(': connected\n\n');

    // Signing out ends the streams opened with that session (the page opens its next one as whoever signs in).
    await specialist.client.services.users.logout({});
    await expect.poll(() => outsider.ended(), { timeout: 20_000 }).toBe(true);
    expect(reader.ended()).toBe(false);
  });

  it('on the loopback web host of one machine with two sessions: the same', async () => {
    const base = `http://127.0.0.1:${singleHost.port}`;
    const signIn = async (username: string) => {
      let session: string | null = null;
      const client = clientOf(base, singleHost.token, () => session);
      session = (await client.services.users.login({ username, password: PASSWORD })).token;
      return { client, session };
    };
    const clerk = await signIn('vanthu');
    const specialist = await signIn('chuyenvien');
    const events = new URL('/events', base);
    const local = { 'x-eoffice-token': singleHost.token };
    const reader = await track(openStream(events, { ...local, 'x-eoffice-session': clerk.session }));
    const outsider = await track(openStream(events, { ...local, 'x-eoffice-session': specialist.session }));
    // A stream opened before signing in hears only what everyone may hear.
    const signedOut = await track(openStream(events, local));
    await expectScoped(clerk.client, { reader, outsiders: [outsider, signedOut] }, 21);
  });
});
