import { createHash } from 'node:crypto';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EOfficeError, createClient, createHttpTransport, createInProcessTransport, type EOfficeClient } from '@eoffice/contract';
import { composeServices } from '../src/compose-services.js';
import { startWebHost } from '../src/web/web-host.js';
import { useOpenWebHosts } from './open-web-hosts.js';
import { useTempDir } from './temp-dir.js';
import { textPdf } from './text-pdf.js';

const PASSWORD = 'mat-khau-dai-du';

/**
 * Pages send file content, never a path (issue 13 item 3): uploads over the web host with a session, the uploaded
 * file used by a contract method, downloads checked against what the caller may see. Real SQLite, real loopback HTTP.
 */
describe('file transfer for callers that may not name a path', () => {
  const tempDir = useTempDir();
  const open = useOpenWebHosts();

  async function start(uploadLimitBytes?: number) {
    const dir = await tempDir();
    const dataDir = join(dir, 'data');
    const rendererDir = join(dir, 'renderer');
    await mkdir(rendererDir);
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>E-Office</title>');
    const services = await composeServices({ dataDir });
    const host = await startWebHost({ services, rendererDir, ...(uploadLimitBytes ? { uploadLimitBytes } : {}) });
    open.push({ host, services });
    const local = (username: string | null) =>
      createClient(createInProcessTransport(services.dispatch, { sessionToken: null, actingUsername: username, face: 'test' }));
    await local(null).services.registers.initAgency({ organId: '000.00.01.Z99', name: 'Ủy ban nhân dân tỉnh Demo', abbreviation: 'UBND' });
    await local(null).services.users.add({ username: 'admin', roles: ['admin'], password: PASSWORD });
    for (const [username, role] of [['vanthu', 'clerk'], ['vanthu2', 'clerk'], ['chuyenvien', 'specialist']] as const) {
      await local('admin').services.users.add({ username, roles: [role], password: PASSWORD });
    }
    const base = `http://127.0.0.1:${host.port}`;
    /** A browser-like client signed in as `username`, over the real HTTP transport. */
    const signIn = async (username: string) => {
      let session: string | null = null;
      const client = createClient(createHttpTransport({ baseUrl: base, token: host.token, getSession: () => session }));
      session = (await client.services.users.login({ username, password: PASSWORD })).token;
      return { client, session: session as string };
    };
    return { host, services, dataDir, base, signIn };
  }

  const receiveInput = (file: { uploadId: string; name: string } | { path: string }, secrecy: 'none' | 'secret' = 'none') => ({
    file, from: '000.00.02.H99', number: '12', symbol: 'STC-NS', issuedDate: '2026-11-30', type: 'Công văn',
    subject: 'Về việc báo cáo tình hình', secrecy,
  });

  async function codeOf(call: Promise<unknown>): Promise<{ code: string; message: string }> {
    const error: unknown = await call.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EOfficeError);
    return { code: (error as EOfficeError).code, message: (error as EOfficeError).message };
  }

  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
  const filesUnder = async (folder: string) => (await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => [])).filter((e) => e.isFile()).length;

  it('receives a document from uploaded bytes, downloads it back, and uses each upload once, only by its uploader', async () => {
    const { signIn, dataDir } = await start();
    const { client: clerk } = await signIn('vanthu');
    const pdf = textPdf('Cong van so 12');
    const receipt = await clerk.files.upload(pdf, { name: 'công-văn-12.pdf', sha256: sha256(pdf) });
    expect(receipt).toMatchObject({ name: 'công-văn-12.pdf', size: pdf.length, sha256: sha256(pdf) });

    // Staged privately until used.
    const staged = await stat(join(dataDir, 'uploads', receipt.uploadId));
    expect(staged.mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'uploads'))).mode & 0o777).toBe(0o700);

    // Another user holding the id gets nothing from it.
    const { client: otherClerk } = await signIn('vanthu2');
    expect((await codeOf(otherClerk.services.documents.receive(receiveInput({ uploadId: receipt.uploadId, name: 'x.pdf' })))).code).toBe('E_NOT_FOUND');

    const document = await clerk.services.documents.receive(receiveInput({ uploadId: receipt.uploadId, name: receipt.name }));
    const main = document.files.find((file) => file.role === 'main');
    expect(main).toMatchObject({ name: 'công-văn-12.pdf', sha256: sha256(pdf), size: pdf.length });
    await expect(stat(join(dataDir, 'uploads', receipt.uploadId))).rejects.toThrow();
    expect((await codeOf(clerk.services.documents.receive(receiveInput({ uploadId: receipt.uploadId, name: 'again.pdf' })))).code).toBe('E_NOT_FOUND');

    const downloaded = await clerk.files.download({ documentId: document.id, sha256: sha256(pdf) });
    expect(Buffer.from(downloaded.bytes).equals(pdf)).toBe(true);
    expect(downloaded).toMatchObject({ name: 'công-văn-12.pdf', mediaType: 'application/pdf' });
  });

  it('refuses a path from a page before looking at it: an existing and a missing file read the same', async () => {
    const { signIn, dataDir } = await start();
    const { client: clerk } = await signIn('vanthu');
    const existing = await codeOf(clerk.services.documents.receive(receiveInput({ path: join(dataDir, 'eoffice.sqlite') })));
    const missing = await codeOf(clerk.services.documents.receive(receiveInput({ path: '/no/such/file.pdf' })));
    expect(existing.code).toBe('E_PATH_NOT_ALLOWED');
    expect(missing).toEqual(existing);
    expect((await codeOf(clerk.services.users.setSignatureImage({ username: 'vanthu', file: { path: '/etc/passwd' } }))).code).toBe('E_PATH_NOT_ALLOWED');
  });

  it('keeps nothing of an upload without a session, over the limit, or with a wrong hash', async () => {
    const { signIn, dataDir, base, host } = await start(4096);
    const { session } = await signIn('vanthu');
    const post = (body: Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string>) =>
      fetch(`${base}/upload`, { method: 'POST', body, headers: { 'x-eoffice-token': host.token, 'x-eoffice-file-name': 'a.pdf', ...headers }, duplex: 'half' } as RequestInit);
    const small = textPdf('nho');

    expect((await post(small, {})).status).toBe(401);
    const wrongHash = await post(small, { 'x-eoffice-session': session, 'x-eoffice-sha256': '0'.repeat(64) });
    expect(wrongHash.status).toBe(400);
    expect(await wrongHash.json()).toMatchObject({ ok: false, error: { code: 'E_HASH_MISMATCH' } });
    // Announced too large (content-length), and too large while streaming (no length announced).
    expect((await post(new Uint8Array(5000), { 'x-eoffice-session': session })).status).toBe(413);
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i += 1) controller.enqueue(new Uint8Array(1000));
        controller.close();
      },
    });
    const streamed = await post(chunks, { 'x-eoffice-session': session });
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ ok: false, error: { code: 'E_TOO_LARGE' } });
    expect(await filesUnder(join(dataDir, 'uploads'))).toBe(0);
    // And within the limit it is kept.
    expect((await post(small, { 'x-eoffice-session': session })).status).toBe(200);
    expect(await filesUnder(join(dataDir, 'uploads'))).toBe(2);
  });

  it('refuses a main file that is not a PDF before storing anything', async () => {
    const { signIn, dataDir } = await start();
    const { client: clerk } = await signIn('vanthu');
    const before = await filesUnder(join(dataDir, 'blobs'));
    const receipt = await clerk.files.upload(new TextEncoder().encode('root:x:0:0:root:/root:/bin/bash\n'), { name: 'passwd.pdf' });
    expect((await codeOf(clerk.services.documents.receive(receiveInput({ uploadId: receipt.uploadId, name: receipt.name })))).code).toBe('E_PDF_UNREADABLE');
    expect(await filesUnder(join(dataDir, 'blobs'))).toBe(before);
  });

  it('answers a download of a document the caller may not see exactly as one of a missing document', async () => {
    const { signIn } = await start();
    const { client: clerk } = await signIn('vanthu');
    const pdf = textPdf('Mat');
    const receipt = await clerk.files.upload(pdf, { name: 'mat.pdf' });
    const secret = await clerk.services.documents.receive(receiveInput({ uploadId: receipt.uploadId, name: receipt.name }, 'secret'));
    const { client: specialist } = await signIn('chuyenvien');
    const hidden = await codeOf(specialist.files.download({ documentId: secret.id, sha256: sha256(pdf) }));
    const missing = await codeOf(specialist.files.download({ documentId: 'no-such-document', sha256: sha256(pdf) }));
    expect(hidden.code).toBe('E_NOT_FOUND');
    // The message names the id asked for, and nothing else.
    expect(hidden.message.replace(secret.id, '<id>')).toBe(missing.message.replace('no-such-document', '<id>'));
    // A visible document's file that is not among its files is not served either.
    expect((await codeOf(clerk.files.download({ documentId: secret.id, sha256: 'a'.repeat(64) }))).code).toBe('E_NOT_FOUND');
  });

  it('gives a page the printout by name, never the data folder, and only to who printed it', async () => {
    const { signIn, dataDir } = await start();
    const { client: clerk } = await signIn('vanthu');
    const printed = await clerk.services.registers.print({ year: 2026, direction: 'incoming' });
    expect(printed.path).not.toContain(dataDir);
    expect(printed.path).toMatch(/^so-van-ban-den-2026(-\d+)?\.pdf$/);
    const file = await clerk.files.download({ export: printed.path });
    expect(Buffer.from(file.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const { client: other } = await signIn('vanthu2');
    expect((await codeOf(other.files.download({ export: printed.path }))).code).toBe('E_NOT_FOUND');
  });
});

export type { EOfficeClient };
