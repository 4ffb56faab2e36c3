import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FixedClock } from '../src/clock/index.js';
import type { DocumentSigner, SignatureVerifier, VerificationReport, VerifiedSignature } from '../src/ports/index.js';
import { createDocsCoreServices } from '../src/services/docs-core-services.js';
import { openStore, type Store } from '../src/store/store.js';
import { loadActorByUsername, type Actor } from '../src/users/actor.js';
import { createUser } from '../src/users/user-accounts.js';
import { DocumentWorkflow } from '../src/workflow/document-workflow.js';

export const AGENCY = '000.00.01.H99';
export const SENDER = '000.00.17.H99';
export const RECIPIENT = '000.00.20.H99';

/**
 * A test double for the signing ports that computes something real: each "signature" is a trailer line holding
 * the signer's name and the SHA-256 of every byte before it, appended like an incremental update. The verifier
 * recomputes every hash, so changing a byte of a signed file makes it invalid.
 */
const MARK = '\n%TEST-SIGNATURE ';

export class HashSigner implements DocumentSigner {
  failNextSeal = false;

  async signAsPerson(request: { pdf: Uint8Array; signerName: string }) {
    return { pdf: appendSignature(request.pdf, request.signerName), signerName: request.signerName };
  }

  async sealAsAgency(request: { pdf: Uint8Array; agencyName: string }) {
    if (this.failNextSeal) {
      this.failNextSeal = false;
      throw Object.assign(new Error('Người dùng hủy nhập PIN / PIN entry cancelled'), { code: 'PIN_CANCELLED' });
    }
    return { pdf: appendSignature(request.pdf, request.agencyName), signerName: request.agencyName };
  }

  async stampAttachment(request: { pdf: Uint8Array; numberAndSymbol: string }) {
    return { pdf: appendSignature(request.pdf, `kèm theo ${request.numberAndSymbol}`), signerName: 'agency' };
  }
}

function appendSignature(pdf: Uint8Array, name: string): Uint8Array {
  const digest = createHash('sha256').update(pdf).digest('hex');
  return Buffer.concat([Buffer.from(pdf), Buffer.from(`${MARK}${digest} ${encodeURIComponent(name)}\n`, 'latin1')]);
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
      const [digest, encoded] = text.slice(at + MARK.length, end).split(' ');
      const name = decodeURIComponent(encoded ?? '');
      const actual = createHash('sha256').update(bytes.subarray(0, at)).digest('hex');
      const intact = actual === digest;
      signatures.push({
        signerName: name,
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
export async function makeWorld(dir: string, options: { now?: string; numberingScheme?: 'single' | 'per-type' } = {}): Promise<World> {
  const store = await openStore({ dataDir: join(dir, 'data') });
  const clock = new FixedClock(options.now ?? '2026-03-02T09:00:00+07:00');
  const signer = new HashSigner();
  const verifier = new HashVerifier();
  const services = createDocsCoreServices({ store, clock, signer, verifier });
  await services.registers.initAgency(
    { organId: AGENCY, name: 'Ủy ban nhân dân tỉnh Thử Nghiệm', abbreviation: 'UBND', numberingScheme: options.numberingScheme ?? 'single' },
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
