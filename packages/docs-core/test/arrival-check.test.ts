import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/index.js';
import { createTrustService } from '../src/services/trust-service.js';
import { SENDER, SENDER_NAME, certificateText, makeWorld, signedBySender, testCertificate, writePdf, type World } from './workflow-helpers.js';
import { useTempDir } from './helpers.js';

/** Issue 11 item 2 (Điều 21): an electronic arrival counts only with a sound signature of the sending agency. */
describe('incoming documents checked before they count', () => {
  const tempDir = useTempDir();
  let serial = 100;

  async function arrive(world: World, pdf: Uint8Array, extra: { exchangeDocumentId?: string; businessType?: number; number?: string } = {}) {
    return world.workflow.receiveFromAxis({
      pdf, pdfName: 'cv.pdf', attachments: [], exchangeDocumentId: extra.exchangeDocumentId ?? `D-${serial}`, businessType: extra.businessType ?? 0,
      from: SENDER, fromName: SENDER_NAME, number: extra.number ?? String(serial++), symbol: 'STC-NS', issuedDate: '2026-02-27', type: 'Công văn',
      subject: 'V/v báo cáo', urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt',
    });
  }
  const raw = async (world: World) => readFile(await writePdf(world.dir, `in-${Math.random()}.pdf`));
  const registerLines = async (world: World) => (await world.store.db.selectFrom('register_entries').select('document_id').execute()).length;

  it('holds an unsigned file, a person-only signature and another agency\'s seal; the sender\'s seal passes', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const clerk = await world.as('vanthu');
      const unsigned = await world.workflow.verify(clerk, (await arrive(world, await raw(world))).id);
      expect(unsigned).toMatchObject({ state: 'needs_checking', checking: [expect.objectContaining({ code: 'UNSIGNED' })] });
      expect(unsigned.flags).toContain('needs-checking');

      const personOnly = (await world.signer.signAsPerson({ pdf: await raw(world), signerName: 'Trần Văn Lãnh Đạo' })).pdf;
      const person = await world.workflow.verify(clerk, (await arrive(world, personOnly)).id);
      expect(person.checking?.map((f) => f.code)).toEqual(['NO_AGENCY_SIGNATURE']);

      const stranger = await world.workflow.verify(clerk, (await arrive(world, await signedBySender(world, await raw(world), 'Giám đốc', 'Sở Xây dựng'))).id);
      expect(stranger).toMatchObject({ state: 'needs_checking', checking: [expect.objectContaining({ code: 'AGENCY_NOT_SENDER' })] });

      const sound = await world.workflow.verify(clerk, (await arrive(world, await signedBySender(world, await raw(world), 'Giám đốc'))).id);
      expect(sound).toMatchObject({ state: 'verified', checking: [] });

      // The directory's certificates for the sender count even when the seal's name differs from the endpoint's.
      await world.store.db.insertInto('directory_endpoint_certificates').values({ code: SENDER, fingerprint: world.signer.keys.get('Sở Xây dựng')!.fingerprintSha256 }).execute();
      const listed = await world.workflow.verify(clerk, (await arrive(world, await signedBySender(world, await raw(world), 'Giám đốc', 'Sở Xây dựng'))).id);
      expect(listed.state).toBe('verified');

      // The directory's name for the sender is what a seal is matched against, not the name the message gives.
      const official = 'Sở Tài chính tỉnh Demo';
      await world.store.db
        .insertInto('directory_endpoints')
        .values({ code: SENDER, name: official, name_folded: 'so tai chinh tinh demo', parent_code: null, level: 1, kind: null, updated_at: '2026-02-27T08:00:00+07:00' })
        .execute();
      const named = await world.workflow.verify(clerk, (await arrive(world, await signedBySender(world, await raw(world), 'Giám đốc', official))).id);
      expect(named.state).toBe('verified');
      const other = await world.workflow.verify(clerk, (await arrive(world, await signedBySender(world, await raw(world), 'Giám đốc', 'Sở Nội vụ'))).id);
      expect(other.checking?.map((f) => f.message)).toEqual([`Chữ ký số cơ quan không phải của cơ quan gửi "${official}" / the agency signature is not the sender's`]);
    } finally {
      await world.store.close();
    }
  });

  it('registers a held document only with --confirm and a reason (audited); without, nothing changes; rejecting queues 02', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const clerk = await world.as('vanthu');
      const held = await world.workflow.verify(clerk, (await arrive(world, await raw(world))).id);
      await expect(world.workflow.register(clerk, held.id)).rejects.toMatchObject({ code: 'E_NEEDS_CHECKING' });
      for (const reason of [undefined, '  ']) {
        await expect(world.workflow.register(clerk, held.id, { confirm: true, reason })).rejects.toMatchObject({ code: 'E_INVALID_INPUT', message: expect.stringContaining('--reason') });
      }
      await expect(world.workflow.register(clerk, held.id, { reason: 'đã gọi điện xác minh' })).rejects.toMatchObject({ code: 'E_NEEDS_CHECKING' });
      expect(await world.workflow.show(held.id)).toMatchObject({ state: 'needs_checking', arrivalNumber: null });
      expect(await registerLines(world)).toBe(0);

      const registered = await world.workflow.register(clerk, held.id, { confirm: true, reason: 'Đã gọi điện xác minh với Sở Tài chính' });
      expect(registered).toMatchObject({ state: 'registered', arrivalNumber: 1 });
      const audit = await world.store.db.selectFrom('audit_log').select('after').where('action', '=', 'document.register').executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after!)).toMatchObject({ confirmed: { reason: 'Đã gọi điện xác minh với Sở Tài chính', findings: ['UNSIGNED'] } });

      const other = await world.workflow.verify(clerk, (await arrive(world, await raw(world))).id);
      expect((await world.workflow.reject(clerk, other.id, 'Không có chữ ký số cơ quan')).state).toBe('rejected');
      const statuses = await world.store.db.selectFrom('outbox').select('status_code').where('document_id', '=', other.id).orderBy('id').execute();
      expect(statuses.map((s) => s.status_code)).toEqual(['01', '02']);
      expect((await verifyAuditChain(world.store.db)).ok).toBe(true);
    } finally {
      await world.store.close();
    }
  });

  it('a paper arrival is not checked', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const clerk = await world.as('vanthu');
      const doc = await world.workflow.receive(clerk, {
        file: { path: await writePdf(world.dir, 'scan.pdf') }, attachments: [], source: 'paper', from: SENDER, number: '9', symbol: 'STC-NS',
        issuedDate: '2026-02-27', type: 'Công văn', subject: 'Bản giấy', urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt',
      });
      expect((await world.workflow.verify(clerk, doc.id)).state).toBe('verified');
    } finally {
      await world.store.close();
    }
  });

  it('an untrusted chain is a warning, and holds the document once the agency requires trust', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const clerk = await world.as('vanthu');
      world.verifier.trustedNames = new Set(['Someone else']);
      const warned = await world.workflow.verify(clerk, (await arrive(world, await signedBySender(world, await raw(world), 'Giám đốc'))).id);
      expect(warned.state).toBe('verified');
      expect(warned.flags).toContain('signature-untrusted');

      const trust = createTrustService({ store: world.store, clock: world.clock, verifier: world.verifier });
      const context = (username: string) => ({ sessionToken: null, actingUsername: username, face: 'test' as const });
      await expect(trust.setPolicy({ requireTrusted: true }, context('vanthu'))).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await trust.setPolicy({ requireTrusted: true }, context('admin'));
      const held = await world.workflow.verify(clerk, (await arrive(world, await signedBySender(world, await raw(world), 'Giám đốc'))).id);
      expect(held).toMatchObject({ state: 'needs_checking', checking: [expect.objectContaining({ code: 'NOT_TRUSTED' })] });
      const policy = await world.store.db.selectFrom('audit_log').select('after').where('action', '=', 'agency.trust-policy').executeTakeFirstOrThrow();
      expect(JSON.parse(policy.after!)).toEqual({ requireTrusted: true });
    } finally {
      await world.store.close();
    }
  });

  it('trust anchors: an admin adds, lists and removes them, audited; the verifier receives the stored ones', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const trust = createTrustService({ store: world.store, clock: world.clock, verifier: world.verifier });
      const context = (username: string) => ({ sessionToken: null, actingUsername: username, face: 'test' as const });
      const root = testCertificate('Root CA', 'Bộ Thông tin', { isCertificateAuthority: true });
      await expect(trust.add({ certificate: certificateText(root) }, context('vanthu'))).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      const added = await trust.add({ certificate: certificateText(root) }, context('admin'));
      expect(added).toMatchObject({ fingerprintSha256: root.fingerprintSha256, addedBy: 'admin' });
      await expect(trust.add({ certificate: certificateText(root) }, context('admin'))).rejects.toMatchObject({ code: 'E_CONFLICT' });
      expect((await trust.list({}, context('admin'))).anchors.map((a) => a.id)).toEqual([added.id]);

      const seen: Array<readonly Uint8Array[] | undefined> = [];
      const verifyPdf = world.verifier.verifyPdf.bind(world.verifier);
      world.verifier.verifyPdf = async (pdf: Uint8Array, _at?: Date, anchors?: readonly Uint8Array[]) => (seen.push(anchors), verifyPdf(pdf));
      await world.workflow.verify(await world.as('vanthu'), (await arrive(world, await raw(world))).id);
      expect(seen.map((a) => a?.map((der) => JSON.parse(Buffer.from(der).toString('utf8')).fingerprintSha256))).toEqual([[root.fingerprintSha256]]);

      await trust.remove({ id: added.id }, context('admin'));
      expect((await trust.list({}, context('admin'))).anchors).toEqual([]);
      const actions = (await world.store.db.selectFrom('audit_log').select('action').where('action', 'like', 'agency.trust-anchor%').execute()).map((r) => r.action);
      expect(actions).toEqual(['agency.trust-anchor-add', 'agency.trust-anchor-remove']);
    } finally {
      await world.store.close();
    }
  });

  it('a duplicate is not registered twice without a confirmation; an update reusing the DocumentId is no duplicate', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const clerk = await world.as('vanthu');
      const first = await arrive(world, await signedBySender(world, await raw(world), 'Giám đốc'), { number: '45', exchangeDocumentId: 'DOC-45' });
      await world.workflow.verify(clerk, first.id);
      await world.workflow.register(clerk, first.id);
      const again = await arrive(world, await signedBySender(world, await raw(world), 'Giám đốc'), { number: '45', exchangeDocumentId: 'DOC-45B' });
      expect(again.duplicateOf).toBe(first.id);
      await world.workflow.verify(clerk, again.id);
      await expect(world.workflow.register(clerk, again.id)).rejects.toMatchObject({ code: 'E_DUPLICATE' });
      await expect(world.workflow.register(clerk, again.id, { confirm: true })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
      expect((await world.workflow.show(again.id)).state).toBe('verified');
      expect(await registerLines(world)).toBe(1);
      expect((await world.workflow.register(clerk, again.id, { confirm: true, reason: 'Bản gửi lại có phụ lục' })).state).toBe('registered');

      const update = await arrive(world, await signedBySender(world, await raw(world), 'Giám đốc'), { number: '45', exchangeDocumentId: 'DOC-45', businessType: 2 });
      expect(update.duplicateOf).toBeNull();
    } finally {
      await world.store.close();
    }
  });
});
