import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient, createInProcessTransport, type DocumentView, type EOfficeClient } from '@eoffice/contract';
import { makeDemoPdf } from '@eoffice/docs-core';
import { composeServices, signingLibraryDocumentSigner, type ComposedServices, type ExchangeConfiguration } from '../../host/src/index.js';
import { Pkcs12Signer } from '../../signing/src/index.js';
import { makeTestIdentity, type TestIdentity } from '../../signing/test/helpers/test-pki.js';

/** One agency's data folder over the composition every face uses, with a real PKCS#12 key under a test CA. */
export interface Endpoint {
  readonly organId: string;
  /** The agency's name, as `db init` set it (what its drafts print as the issuing agency). */
  readonly name?: string;
  readonly dataDir: string;
  readonly services: ComposedServices;
  as(username: string | null): EOfficeClient;
  close(): Promise<void>;
}

export async function makeIdentity(dir: string, commonName: string, folderName = 'pki', organization?: string): Promise<TestIdentity> {
  const folder = join(dir, folderName);
  await mkdir(folder, { recursive: true });
  return makeTestIdentity(folder, 'ec-p256', commonName, 'ec-p256', organization);
}

/** The agency's seal key beside the leader's: Decree 30 binds a person's signature and the seal to different certificates. */
const sealIdentities = new Map<string, Promise<TestIdentity>>();
export function sealIdentityOf(dataDir: string, agencyName = 'UBND tỉnh Demo'): Promise<TestIdentity> {
  let seal = sealIdentities.get(dataDir);
  if (!seal) {
    // CN = O = the agency's name: an organisation's certificate, which the receiver's arrival check (Điều 21) takes
    // for the sender's seal when the name matches the sending endpoint.
    seal = makeIdentity(join(dataDir, '..'), agencyName, `pki-seal-${dataDir.split('/').at(-1) ?? 'x'}`, agencyName);
    sealIdentities.set(dataDir, seal);
  }
  return seal;
}

export async function openEndpoint(dataDir: string, identity: TestIdentity, exchange: ExchangeConfiguration | null = null): Promise<Endpoint & { services: ComposedServices }> {
  const seal = await sealIdentityOf(dataDir);
  const workDir = join(dataDir, '..', 'sign-work');
  const person = signingLibraryDocumentSigner(Pkcs12Signer.fromFile(identity.p12, identity.password), { workDir });
  const agencyKey = signingLibraryDocumentSigner(Pkcs12Signer.fromFile(seal.p12, seal.password), { workDir });
  const signer = {
    signAsPerson: (request: Parameters<typeof person.signAsPerson>[0]) => person.signAsPerson(request),
    sealAsAgency: (request: Parameters<typeof agencyKey.sealAsAgency>[0]) => agencyKey.sealAsAgency(request),
    stampAttachment: (request: Parameters<NonNullable<typeof agencyKey.stampAttachment>>[0]) => agencyKey.stampAttachment!(request),
  };
  const services = await composeServices({ dataDir, signer, trustAnchors: [identity.rootPem, seal.rootPem], exchange });
  const as = (username: string | null): EOfficeClient =>
    createClient(createInProcessTransport(services.dispatch, { sessionToken: null, actingUsername: username, face: 'test' }));
  const organId = (await services.store.db.selectFrom('app_settings').select('value').where('key', '=', 'agency.organ_id').executeTakeFirst())?.value ?? '';
  return { organId, dataDir, services, as, close: () => services.close() };
}

/** A new agency with admin, vanthu (clerk), lanhdao (leader) and chuyenvien (specialist). */
export async function makeEndpoint(dataDir: string, organId: string, name: string, identity: TestIdentity, exchange: ExchangeConfiguration | null = null): Promise<Endpoint> {
  // Each endpoint seals with its own agency certificate, named as the endpoint is.
  await sealIdentityOf(dataDir, name);
  const endpoint = await openEndpoint(dataDir, identity, exchange);
  const { as } = endpoint;
  await as(null).services.registers.initAgency({ organId, name, abbreviation: 'UBND' });
  await as(null).services.users.add({ username: 'admin', roles: ['admin'] });
  const admin = as('admin').services.users;
  await admin.add({ username: 'vanthu', roles: ['clerk'], fullName: 'Nguyễn Thị Văn Thư', unit: 'VP' });
  await admin.add({ username: 'lanhdao', roles: ['leader'], fullName: 'Nguyễn Văn An', position: 'Chủ tịch' });
  await admin.add({ username: 'chuyenvien', roles: ['specialist'], fullName: 'Trần Chuyên Viên', unit: 'VP' });
  await as('lanhdao').services.certificates.add({ owner: 'person', certificate: await readFile(identity.leafPem, 'utf8') });
  await as('vanthu').services.certificates.add({ owner: 'agency', certificate: await readFile((await sealIdentityOf(dataDir)).leafPem, 'utf8') });
  return { ...endpoint, organId, name };
}

/** Drafts, signs and issues a công văn to `to` (signed by the leader, sealed by the clerk); not yet dispatched. */
export async function issueDocument(endpoint: Endpoint, to: readonly string[], options: { secrecy?: 'none' | 'secret'; subject?: string } = {}): Promise<DocumentView> {
  const file = join(endpoint.dataDir, '..', `du-thao-${Date.now()}-${Math.random().toString(36).slice(2)}.pdf`);
  const subject = options.subject ?? 'V/v thử liên thông văn bản';
  // The draft names its own agency: the format check before approval (Phụ lục I) looks for it.
  const agencyName = endpoint.name ?? 'Ủy ban nhân dân tỉnh Demo';
  await writeFile(
    file,
    await makeDemoPdf({
      issuer: agencyName,
      numberLine: 'Số:          /UBND-VP',
      typeName: 'Công văn',
      subject,
      body: 'Kính gửi các cơ quan. Nội dung thử liên thông văn bản điện tử.',
      dateLine: 'Tỉnh Demo, ngày      tháng      năm 2026',
      signatureBlock: { lines: ['TM. Ủy ban nhân dân', 'Chủ tịch'], name: 'Nguyễn Văn An' },
    }),
  );
  const { as } = endpoint;
  const draft = await as('chuyenvien').services.documents.draft({
    type: 'Công văn', subject, file: { path: file }, attachments: [], to: [...to], urgency: 'normal', secrecy: options.secrecy ?? 'none',
    signer: 'lanhdao', language: 'Tiếng Việt', direction: 'outgoing', authority: 'TM', // "TM. Ủy ban nhân dân", as printed
  });
  await as('chuyenvien').services.documents.submit({ id: draft.id });
  await as('lanhdao').services.documents.approve({ id: draft.id });
  await as('lanhdao').services.documents.sign({ id: draft.id });
  return as('vanthu').services.documents.issue({ id: draft.id });
}
