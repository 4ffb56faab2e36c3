import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createHttpTransport, EOfficeError, type EOfficeClient, type EventEnvelope } from '@eoffice/contract';
import { makeDemoPdf, readWhole } from '@eoffice/docs-core';
import { makeDevToken, type DevToken } from '../../../signing/test/helpers/dev-token.js';
import { createLogger } from '../../src/logger.js';
import { connectWorkstation, type WorkstationServices } from '../../src/server-link/workstation-services.js';
import { startWebHost, type WebHost } from '../../src/web/web-host.js';
import { textPdf } from '../text-pdf.js';
import { fakeRenderer, linkTo, PASSWORD, seedAgency, signedInClient, START_WEB, startServe, type ServeProcess } from './agency-fixture.js';

/**
 * A workstation connected to its agency server (issue 10, items 3 and 4): the browser face's local web host passes
 * every call, file and event on to `eoffice serve` (its own process, pinned HTTPS), keeps the server's session to
 * itself, and keeps the tokens on this machine, so the leader signs with a token the server never sees.
 */
const SOFTHSM = '/usr/lib/softhsm/libsofthsm2.so';
const UPLOAD_LIMIT = 1024 * 1024;

interface Page {
  readonly client: EOfficeClient;
  /** The session the page holds: what the local host's users.login answered. */
  session(): string | null;
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<EOfficeError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error, `expected ${code}`).toBeInstanceOf(EOfficeError);
  expect((error as EOfficeError).code, (error as EOfficeError).message).toBe(code);
  return error as EOfficeError;
}

function runStartWeb(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [START_WEB, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('a workstation connected to the agency server', () => {
  let dir: string;
  let server: ServeProcess;
  let workstation: WorkstationServices;
  let host: WebHost;
  let token: DevToken;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eoffice-workstation-'));
    const dataDir = join(dir, 'server-data');
    await seedAgency(dataDir);
    const rendererDir = await fakeRenderer(dir);
    // The token is plugged into this workstation only: the server's SoftHSM2 looks at a configuration that is not there.
    token = makeDevToken();
    server = await startServe(dataDir, rendererDir, [], { SOFTHSM2_CONF: join(dir, 'no-token-on-the-server.conf') });
    workstation = connectWorkstation({ server: { url: server.url, fingerprint: server.fingerprint }, logger: createLogger({ logDir: join(dir, 'workstation-logs') }) });
    await workstation.check();
    host = await startWebHost({ services: workstation, rendererDir, uploadLimitBytes: UPLOAD_LIMIT });
    // Hang guards, not measures: the whole suite shares two cores with other work.
  }, 300_000);
  afterAll(async () => {
    await host?.close();
    await workstation?.close();
    await server?.stop();
    token?.remove();
    await rm(dir, { recursive: true, force: true });
  });

  /** The renderer as the browser runs it: the local host's per-launch token, and the session it signed in with. */
  async function page(username: string): Promise<Page> {
    let session: string | null = null;
    const client = createClient(createHttpTransport({ baseUrl: `http://127.0.0.1:${host.port}`, token: host.token, getSession: () => session }));
    session = (await client.services.users.login({ username, password: PASSWORD })).token;
    return { client, session: () => session };
  }

  it('signs in through the local host: the page holds a local handle the server does not know, never the server’s session', async () => {
    const answer = await fetch(`http://127.0.0.1:${host.port}/rpc/users.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-eoffice-token': host.token },
      body: JSON.stringify({ username: 'vanthu', password: PASSWORD }),
    });
    expect(answer.status).toBe(200);
    // No cookie of the server's reaches the loopback page (another local site could not use one, nor can this page).
    expect(answer.headers.getSetCookie()).toEqual([]);
    const handle = ((await answer.json()) as { result: { token: string } }).result.token;
    expect(handle).toMatch(/^[A-Za-z0-9_-]{43}$/);

    let session: string | null = handle;
    const local = createClient(createHttpTransport({ baseUrl: `http://127.0.0.1:${host.port}`, token: host.token, getSession: () => session }));
    expect((await local.services.users.me({})).username).toBe('vanthu');
    // system.info through the workstation: the server's answer, said as the server this workstation is connected to.
    const info = await local.services.system.info({});
    expect(info.deployment).toEqual({ mode: 'connected', server: workstation.link.url });
    expect(info.dataDir).toBeNull();

    // The handle is worth nothing at the server, and a server session is worth nothing at the local host.
    await expectCode(createClient(linkTo(server).transport(() => handle)).services.users.me({}), 'E_UNAUTHORIZED');
    const direct = await signedInClient(linkTo(server), 'vanthu');
    session = direct.token;
    await expectCode(local.services.users.me({}), 'E_UNAUTHORIZED');
    expect((await direct.client.services.users.me({})).username).toBe('vanthu');

    // Signing out here forgets the handle.
    session = handle;
    await local.services.users.logout({});
    await expectCode(local.services.users.me({}), 'E_UNAUTHORIZED');
  });

  it('registers a document through the local host: the file goes up as content, the number is the server’s, its event comes back, the file comes down', async () => {
    const clerk = await page('vanthu');
    const heard: EventEnvelope[] = [];
    const unsubscribe = clerk.client.onEvent((event) => heard.push(event));
    try {
      const pdf = textPdf('cong van den qua may tram');
      const receipt = await clerk.client.files.upload(pdf, { name: 'cong-van.pdf' });
      const received = await clerk.client.services.documents.receive({
        file: { uploadId: receipt.uploadId, name: 'cong-van.pdf' },
        source: 'paper',
        from: '000.00.16.Z99',
        number: '15',
        symbol: 'QĐ-SYT',
        issuedDate: '2026-03-02',
        type: 'QĐ',
        subject: 'Về việc báo cáo qua máy trạm',
      });
      await clerk.client.services.documents.verify({ id: received.id });
      const registered = await clerk.client.services.documents.register({ id: received.id });
      expect(registered.arrivalNumber).toBe(1);

      // The server holds it: another workstation's client, straight to the server, sees the same document.
      const other = await signedInClient(linkTo(server), 'vanthu');
      expect((await other.client.services.documents.show({ id: received.id })).arrivalNumber).toBe(1);

      await expect.poll(() => heard.some((e) => e.name === 'documents.changed' && JSON.stringify(e.payload).includes(received.id)), { timeout: 20_000 }).toBe(true);

      const main = registered.files.find((f) => f.role === 'scan' || f.role === 'main')!;
      expect(main.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
      const downloaded = await clerk.client.files.download({ documentId: received.id, sha256: main.sha256 });
      expect(Buffer.from(downloaded.bytes).equals(pdf)).toBe(true);
    } finally {
      unsubscribe();
    }
  });

  it('stops a file over the workstation’s limit as it streams, with E_TOO_LARGE', async () => {
    const clerk = await page('vanthu');
    async function* endless(): AsyncIterable<Uint8Array> {
      for (let i = 0; i < 64; i += 1) yield new Uint8Array(64 * 1024);
    }
    const context = { sessionToken: clerk.session(), actingUsername: null, face: 'http' as const };
    await expectCode(workstation.upload(endless(), { name: 'qua-lon.pdf' }, context, UPLOAD_LIMIT), 'E_TOO_LARGE');
    // Within the limit the same path works.
    const small = textPdf('vua du');
    const receipt = await workstation.upload(Readable.from([small]), { name: 'vua.pdf' }, context, UPLOAD_LIMIT);
    expect(receipt.size).toBe(small.length);
  });

  it('reads a file from the server no further than the workstation’s download limit', async () => {
    const limited = connectWorkstation({
      server: { url: server.url, fingerprint: server.fingerprint },
      logger: createLogger({ logDir: join(dir, 'limited-logs') }),
      downloadLimitBytes: 4096,
    });
    try {
      const login = await limited.dispatch('users.login', { username: 'vanthu', password: PASSWORD }, { sessionToken: null, actingUsername: null, face: 'http' });
      expect(login.ok).toBe(true);
      const context = { sessionToken: (login as { result: { token: string } }).result.token, actingUsername: null, face: 'http' as const };
      const fileOf = async (pdf: Buffer, name: string) => {
        const receipt = await limited.upload(Readable.from([pdf]), { name }, context, UPLOAD_LIMIT);
        const received = await limited.dispatch(
          'documents.receive',
          { file: { uploadId: receipt.uploadId, name }, source: 'paper', from: '000.00.16.Z99', number: name.length.toString(), symbol: 'QĐ-SYT', issuedDate: '2026-03-03', type: 'QĐ', subject: `Tệp ${name}` },
          context,
        );
        expect(received.ok, JSON.stringify(received)).toBe(true);
        const document = (received as { result: { id: string; files: Array<{ sha256: string }> } }).result;
        return { documentId: document.id, sha256: document.files[0]!.sha256 };
      };
      const large = textPdf(`tep lon ${'noi dung '.repeat(800)}`);
      expect(large.length).toBeGreaterThan(4096);
      await expectCode(limited.download(await fileOf(large, 'tep-lon.pdf'), context), 'E_TOO_LARGE');
      const small = textPdf('tep nho');
      const downloaded = await limited.download(await fileOf(small, 'nho.pdf'), context);
      expect((await readWhole(downloaded.content)).equals(small)).toBe(true);
    } finally {
      await limited.close();
    }
  });

  it('signs at the desk: the server prepares, the token on this workstation signs with the PIN, the server completes', async () => {
    const leader = await page('lanhdao');
    const specialist = await page('chuyenvien');
    const { modules } = await leader.client.services.tokens.modules({});
    const module = modules.find((m) => m.path === SOFTHSM);
    expect(module, JSON.stringify(modules)).toBeDefined();
    const { tokens } = await leader.client.services.tokens.certificates({ moduleId: module!.id });
    const dev = tokens.find((t) => t.label === token.token)!;
    expect(dev, JSON.stringify(tokens.map((t) => t.label))).toBeDefined();
    const cert = dev.certificates.find((c) => c.keyId === '01')!;
    await leader.client.services.certificates.add({ owner: 'person', certificate: cert.certificate });

    // Who may use the tokens is the server's answer about the session: a specialist may not.
    await expectCode(specialist.client.services.tokens.modules({}), 'E_FORBIDDEN');

    const draftPdf = await makeDemoPdf({
      issuer: 'Sở Nội vụ tỉnh Demo',
      numberLine: 'Số:          /QĐ-SNV',
      typeName: 'Quyết định',
      subject: 'Về việc ký số tại máy trạm',
      body: 'Điều 1. Thành lập Tổ công tác. Điều 2. Quyết định có hiệu lực kể từ ngày ký.',
      dateLine: 'Tỉnh Demo, ngày      tháng      năm 2026',
      signatureBlock: { lines: ['GIÁM ĐỐC'], name: 'Nguyễn Văn An' },
    });
    const upload = await specialist.client.files.upload(new Uint8Array(draftPdf), { name: 'du-thao.pdf' });
    const drafted = await specialist.client.services.documents.draft({
      type: 'QĐ',
      subject: 'Về việc ký số tại máy trạm',
      file: { uploadId: upload.uploadId, name: 'du-thao.pdf' },
      signer: 'lanhdao',
    });
    await specialist.client.services.documents.submit({ id: drafted.id });
    await leader.client.services.documents.approve({ id: drafted.id });

    const prepared = await leader.client.services.documents.prepareSigning({ id: drafted.id, kind: 'person', certificate: cert.certificate, chain: cert.chain });
    const { results } = await leader.client.services.tokens.signPrepared({
      moduleId: module!.id,
      token: { label: token.token, serial: token.serial },
      keyId: '01',
      pin: token.pin,
      jobId: 'ky-tai-may-tram',
      preparations: [{ preparationId: prepared.preparationId, documentId: prepared.documentId, dataToSign: prepared.items.map((i) => i.dataToSign), digest: prepared.items[0]!.digest }],
    });
    expect(results.map((r) => [r.status, r.error])).toEqual([['signed', null]]);
    expect(results[0]!.document!.state).toBe('signed');
    expect(results[0]!.document!.signatures.map((s) => [s.kind, s.valid])).toEqual([['person', true]]);

    // The server never had the token: asked itself, its SoftHSM2 shows no such token.
    const direct = await signedInClient(linkTo(server), 'lanhdao');
    const onServer = await direct.client.services.tokens.certificates({ moduleId: module!.id }).then((answer) => answer.tokens.map((t) => t.label), () => []);
    expect(onServer).not.toContain(token.token);
  });

  it('refuses to start against a server whose certificate is not the pinned one, with a typed error', async () => {
    const wrong = server.fingerprint.replace(/^../, server.fingerprint.startsWith('00') ? '01' : '00');
    const elsewhere = connectWorkstation({ server: { url: server.url, fingerprint: wrong }, logger: createLogger({ logDir: join(dir, 'wrong-logs') }) });
    await expectCode(elsewhere.check(), 'E_SERVER_CERT_MISMATCH');

    const refused = await runStartWeb(['--port', '0', '--data-dir', join(dir, 'start-web-data'), '--server', server.url, '--fingerprint', wrong]);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^E_SERVER_CERT_MISMATCH: Chứng thư máy chủ không khớp .* \/ the server's certificate does not match/);

    const malformed = await runStartWeb(['--port', '0', '--data-dir', join(dir, 'start-web-data'), '--server', server.url, '--fingerprint', 'AB:CD']);
    expect(malformed.code, malformed.stderr).toBe(2);
    expect(malformed.stderr).toMatch(/^E_USAGE: Dấu vân tay SHA-256/);
  }, 300_000);
});
