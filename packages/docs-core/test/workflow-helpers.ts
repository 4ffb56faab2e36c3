import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FixedClock } from '../src/clock/index.js';
import { bindCertificate } from '../src/certificates/certificate-bindings.js';
import type { CertificateFacts, DocumentSigner, SignatureVerifier, VerificationReport, VerifiedSignature } from '../src/ports/index.js';
import { createDocsCoreServices } from '../src/services/docs-core-services.js';
import type { PostgresConnection } from '../src/store/postgres-dialect.js';
import { openStore, type Store } from '../src/store/store.js';
import { loadActorByUsername, type Actor } from '../src/users/actor.js';
import { createUser } from '../src/users/user-accounts.js';
import { DocumentWorkflow } from '../src/workflow/document-workflow.js';

export const AGENCY = '000.00.01.H99';
export const SENDER = '000.00.17.H99';
export const RECIPIENT = '000.00.20.H99';
export const AGENCY_NAME = 'Ủy ban nhân dân tỉnh Thử Nghiệm';

/**
 * A test double for the signing ports that computes something real: each "signature" is a trailer line holding
 * the signer's name and the SHA-256 of every byte before it, appended like an incremental update. The verifier
 * recomputes every hash, so changing a byte of a signed file makes it invalid.
 */
const MARK = '\n%TEST-SIGNATURE ';

/**
 * A certificate for the hash double: its facts are its "DER" (JSON), so the verifier reads back exactly what was
 * bound. The fingerprint is the hash of the facts, so two certificates differ when any fact does.
 */
export function testCertificate(commonName: string, organization: string, overrides: Partial<CertificateFacts> = {}): CertificateFacts {
  const base = {
    subject: `CN=${commonName},O=${organization},C=VN`,
    commonName,
    organization,
    issuer: 'CN=Test CA,C=VN',
    serialNumber: createHash('sha256').update(`${commonName}|${organization}|${JSON.stringify(overrides)}`).digest('hex').slice(0, 16),
    notBefore: '2020-01-01T00:00:00.000Z',
    notAfter: '2030-01-01T00:00:00.000Z',
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    isCertificateAuthority: false,
    ...overrides,
  };
  return { ...base, fingerprintSha256: createHash('sha256').update(JSON.stringify(base)).digest('hex') };
}

/** The text form the contract takes (base64 of the double's "DER"). */
export function certificateText(facts: CertificateFacts): string {
  return Buffer.from(JSON.stringify(facts), 'utf8').toString('base64');
}

export class HashSigner implements DocumentSigner {
  failNextSeal = false;
  /** Each person's and the agency's key, by the name the request carries: as if each held their own token. */
  readonly keys = new Map<string, CertificateFacts>();
  /** The key on the token in the reader, whoever asks: a leader holding someone else's token. */
  tokenInReader: CertificateFacts | null = null;

  async signAsPerson(request: { pdf: Uint8Array; signerName: string }) {
    return { pdf: appendSignature(request.pdf, request.signerName, this.#key(request.signerName)), signerName: request.signerName };
  }

  async sealAsAgency(request: { pdf: Uint8Array; agencyName: string }) {
    if (this.failNextSeal) {
      this.failNextSeal = false;
      throw Object.assign(new Error('Người dùng hủy nhập PIN / PIN entry cancelled'), { code: 'PIN_CANCELLED' });
    }
    return { pdf: appendSignature(request.pdf, request.agencyName, this.#key(request.agencyName)), signerName: request.agencyName };
  }

  async stampAttachment(request: { pdf: Uint8Array; numberAndSymbol: string }) {
    const agency = [...this.keys.values()].find((k) => k.commonName === k.organization) ?? null;
    return { pdf: appendSignature(request.pdf, `kèm theo ${request.numberAndSymbol}`, this.tokenInReader ?? agency), signerName: 'agency' };
  }

  /** The copy stamp, signed with the agency's key (or whatever token is in the reader). */
  async stampCopy(request: { pdf: Uint8Array; formLabel: string; agencyName: string }) {
    return { pdf: appendSignature(request.pdf, `${request.formLabel} ${request.agencyName}`, this.#key(request.agencyName)), signerName: request.agencyName };
  }

  #key(name: string): CertificateFacts | null {
    return this.tokenInReader ?? this.keys.get(name) ?? null;
  }
}

function appendSignature(pdf: Uint8Array, name: string, certificate: CertificateFacts | null): Uint8Array {
  const digest = createHash('sha256').update(pdf).digest('hex');
  const cert = certificate ? Buffer.from(JSON.stringify(certificate), 'utf8').toString('base64') : '-';
  return Buffer.concat([Buffer.from(pdf), Buffer.from(`${MARK}${digest} ${encodeURIComponent(name)} ${cert}\n`, 'latin1')]);
}

export class HashVerifier implements SignatureVerifier {
  /** Signer names this verifier trusts, like a trust list; null: trust not asked (`trusted: null`). */
  trustedNames: ReadonlySet<string> | null = null;

  async verifyPdf(pdf: Uint8Array): Promise<VerificationReport> {
    const bytes = Buffer.from(pdf);
    const text = bytes.toString('latin1');
    const signatures: VerifiedSignature[] = [];
    let from = 0;
    for (;;) {
      const at = text.indexOf(MARK, from);
      if (at < 0) break;
      const end = text.indexOf('\n', at + MARK.length);
      const [digest, encoded, cert] = text.slice(at + MARK.length, end).split(' ');
      const name = decodeURIComponent(encoded ?? '');
      const actual = createHash('sha256').update(bytes.subarray(0, at)).digest('hex');
      const intact = actual === digest;
      signatures.push({
        signerName: name,
        certificate: cert && cert !== '-' ? (JSON.parse(Buffer.from(cert, 'base64').toString('utf8')) as CertificateFacts) : null,
        signedAt: null,
        intact,
        // The "signature" is the digest itself: nothing beyond it to check.
        valid: true,
        trusted: this.trustedNames ? this.trustedNames.has(name) : null,
        modification: end + 1 < bytes.length ? 'allowed' : 'none',
        problems: intact ? [] : [{ code: 'DIGEST_MISMATCH', severity: 'error' }],
      });
      from = end;
    }
    return { signed: signatures.length > 0, signatures };
  }

  readCertificate(der: Uint8Array): CertificateFacts {
    return JSON.parse(Buffer.from(der).toString('utf8')) as CertificateFacts;
  }
}

export async function writePdf(dir: string, name: string, body = 'Nội dung'): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `%PDF-1.4\n% ${body} ${name}\n%%EOF\n`);
  return path;
}

export interface World {
  readonly store: Store;
  readonly clock: FixedClock;
  readonly signer: HashSigner;
  readonly verifier: HashVerifier;
  readonly workflow: DocumentWorkflow;
  readonly dir: string;
  as(username: string): Promise<Actor>;
}

/** An agency with one user per role: vanthu, lanhdao, lanhdao2, chuyenvien, luutru, admin. */
export async function makeWorld(
  dir: string,
  options: { now?: string; numberingScheme?: 'single' | 'per-type'; postgres?: PostgresConnection } = {},
): Promise<World> {
  const store = await openStore({ dataDir: join(dir, 'data'), ...(options.postgres ? { postgres: options.postgres } : {}) });
  const clock = new FixedClock(options.now ?? '2026-03-02T09:00:00+07:00');
  const signer = new HashSigner();
  const verifier = new HashVerifier();
  const services = createDocsCoreServices({ store, clock, signer, verifier });
  await services.registers.initAgency(
    { organId: AGENCY, name: AGENCY_NAME, abbreviation: 'UBND', numberingScheme: options.numberingScheme ?? 'single' },
    { sessionToken: null, actingUsername: null, face: 'test' },
  );
  const people: Array<[string, string, Array<'clerk' | 'leader' | 'specialist' | 'archivist' | 'admin'>, string]> = [
    ['admin', 'Quản trị', ['admin'], 'VP'],
    ['vanthu', 'Nguyễn Thị Văn Thư', ['clerk'], 'VP'],
    ['lanhdao', 'Trần Văn Lãnh Đạo', ['leader'], 'VP'],
    ['lanhdao2', 'Lê Phó Chủ Tịch', ['leader'], 'VP'],
    ['chuyenvien', 'Phạm Chuyên Viên', ['specialist'], 'VP'],
    ['chuyenvien2', 'Hoàng Phối Hợp', ['specialist'], 'Sở Tài chính'],
    ['luutru', 'Đỗ Lưu Trữ', ['archivist'], 'VP'],
  ];
  for (const [username, fullName, roles, unit] of people) {
    await createUser(store.db, clock, 'setup', { username, fullName, roles, unit });
  }
  // Each leader and the agency hold their own key, bound to them (Decree 30 Điều 5, 32–33).
  const admin = (await loadActorByUsername(store.db, 'admin'))!;
  for (const [username, fullName, roles] of people) {
    if (!roles.includes('leader')) continue;
    const facts = testCertificate(fullName, AGENCY_NAME);
    signer.keys.set(fullName, facts);
    const user = (await loadActorByUsername(store.db, username))!;
    await bindCertificate(store.db, clock, user, 'person', { id: user.id, username }, facts);
  }
  const agencyKey = testCertificate(AGENCY_NAME, AGENCY_NAME);
  signer.keys.set(AGENCY_NAME, agencyKey);
  await bindCertificate(store.db, clock, admin, 'agency', null, agencyKey);
  const workflow = new DocumentWorkflow({ store, clock, signer, verifier });
  return {
    store,
    clock,
    signer,
    verifier,
    workflow,
    dir,
    as: async (username) => (await loadActorByUsername(store.db, username))!,
  };
}

/** The sending agency of the tests' arrivals (SENDER), by the name its seal certificate carries. */
export const SENDER_NAME = 'Sở Tài chính';

/**
 * A file as a sending agency issues it (Điều 21 asks for both): its leader's signature, then the agency's seal with
 * an organisation certificate (CN = O = the agency's name), so the arrival check finds it from that agency.
 */
export async function signedBySender(world: World, raw: Uint8Array, leader: string, agency = SENDER_NAME): Promise<Uint8Array> {
  if (!world.signer.keys.has(agency)) world.signer.keys.set(agency, testCertificate(agency, agency));
  const signed = (await world.signer.signAsPerson({ pdf: raw, signerName: leader })).pdf;
  return (await world.signer.sealAsAgency({ pdf: signed, agencyName: agency })).pdf;
}
