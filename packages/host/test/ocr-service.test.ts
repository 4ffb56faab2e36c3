import { createHash } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EOfficeError, createClient, createHttpTransport, createInProcessTransport } from '@eoffice/contract';
import { composeServices } from '../src/compose-services.js';
import { startWebHost } from '../src/web/web-host.js';
import { useOpenWebHosts } from './open-web-hosts.js';
import { useTempDir } from './temp-dir.js';
import { textPdf } from './text-pdf.js';

const PASSWORD = 'mat-khau-dai-du';

/**
 * The OCR contract methods as a page calls them (real SQLite, real loopback HTTP): `ocr.suggest` takes the file's
 * content (an upload), never a path, and only from a clerk; `ocr.status` answers about a document the caller may not
 * see exactly as about a missing one. The real engine is exercised by scripts/eoffice/test/cli-ocr.test.ts.
 */
describe('ocr.suggest and ocr.status over the web host', () => {
  const tempDir = useTempDir();
  const open = useOpenWebHosts();

  async function start() {
    const dir = await tempDir();
    const dataDir = join(dir, 'data');
    const rendererDir = join(dir, 'renderer');
    await mkdir(rendererDir);
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>E-Office</title>');
    const services = await composeServices({ dataDir });
    const host = await startWebHost({ services, rendererDir });
    open.push({ host, services });
    const local = (username: string | null) =>
      createClient(createInProcessTransport(services.dispatch, { sessionToken: null, actingUsername: username, face: 'test' }));
    await local(null).services.registers.initAgency({ organId: '000.00.01.Z99', name: 'Ủy ban nhân dân tỉnh Demo', abbreviation: 'UBND' });
    await local(null).services.users.add({ username: 'admin', roles: ['admin'], password: PASSWORD });
    for (const [username, role] of [['vanthu', 'clerk'], ['chuyenvien', 'specialist']] as const) {
      await local('admin').services.users.add({ username, roles: [role], password: PASSWORD });
    }
    const signIn = async (username: string) => {
      let session: string | null = null;
      const client = createClient(createHttpTransport({ baseUrl: `http://127.0.0.1:${host.port}`, token: host.token, getSession: () => session }));
      session = (await client.services.users.login({ username, password: PASSWORD })).token;
      return client;
    };
    return { dataDir, local, signIn };
  }

  async function codeOf(call: Promise<unknown>): Promise<string> {
    const error: unknown = await call.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EOfficeError);
    return (error as EOfficeError).code;
  }

  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  it('proposes from uploaded content (page 1 has a text layer: no engine needed), stores nothing, uses the upload once', async () => {
    const { dataDir, signIn, local } = await start();
    const clerk = await signIn('vanthu');
    const pdf = textPdf('So: 12/STC-NS   Ha Noi, ngay 30 thang 11 nam 2026');
    const receipt = await clerk.files.upload(pdf, { name: 'cong-van.pdf', sha256: sha256(pdf) });
    const proposed = await clerk.services.ocr.suggest({ file: { uploadId: receipt.uploadId, name: receipt.name } });
    expect(proposed).toMatchObject({ source: 'text-layer', number: { value: '12' }, symbol: { value: 'STC-NS' }, issuedDate: { value: '2026-11-30' } });
    await expect(stat(join(dataDir, 'uploads', receipt.uploadId))).rejects.toThrow();
    expect((await local('vanthu').services.documents.list({})).documents).toHaveLength(0);

    // A page may not name a path, whether or not it exists.
    expect(await codeOf(clerk.services.ocr.suggest({ file: { path: join(dataDir, 'eoffice.sqlite') } }))).toBe('E_PATH_NOT_ALLOWED');
    expect(await codeOf(clerk.services.ocr.suggest({ file: { path: '/no/such.pdf' } }))).toBe('E_PATH_NOT_ALLOWED');
  });

  it('refuses suggestions to anyone but a clerk', async () => {
    const { signIn } = await start();
    const specialist = await signIn('chuyenvien');
    const pdf = textPdf('So: 12/STC-NS ngay 30 thang 11 nam 2026');
    const receipt = await specialist.files.upload(pdf, { name: 'a.pdf' });
    expect(await codeOf(specialist.services.ocr.suggest({ file: { uploadId: receipt.uploadId, name: 'a.pdf' } }))).toBe('E_FORBIDDEN');
  });

  it('answers a document\'s OCR status to who may see it, and E_NOT_FOUND alike for a secret one and a missing one', async () => {
    const { signIn } = await start();
    const clerk = await signIn('vanthu');
    const receive = async (secrecy: 'none' | 'secret') => {
      const pdf = textPdf(`Cong van ${secrecy} so 12 ve viec bao cao tinh hinh`);
      const receipt = await clerk.files.upload(pdf, { name: 'cv.pdf' });
      return clerk.services.documents.receive({
        file: { uploadId: receipt.uploadId, name: receipt.name }, from: '000.00.02.Z99', number: '12', symbol: 'STC-NS', issuedDate: '2026-11-30',
        type: 'Công văn', subject: 'Về việc báo cáo tình hình', secrecy,
      });
    };
    const open = await receive('none');
    const secret = await receive('secret');
    // Text layer only: nothing for OCR to do.
    expect(await clerk.services.ocr.status({ id: open.id })).toEqual({ id: open.id, status: 'none', files: [] });
    const specialist = await signIn('chuyenvien');
    expect(await codeOf(specialist.services.ocr.status({ id: secret.id }))).toBe('E_NOT_FOUND');
    expect(await codeOf(specialist.services.ocr.status({ id: 'khong-co-van-ban-nay' }))).toBe('E_NOT_FOUND');
  });
});
