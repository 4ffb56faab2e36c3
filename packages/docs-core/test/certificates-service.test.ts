import { describe, expect, it } from 'vitest';
import { createDispatcher, type CallContext, type ServiceImplementations } from '@eoffice/contract';
import { verifyAuditChain } from '../src/audit/index.js';
import { bindCertificate } from '../src/certificates/certificate-bindings.js';
import { loadRegisterContent } from '../src/registers-print/index.js';
import { createDocsCoreServices } from '../src/services/docs-core-services.js';
import { useTempDir } from './helpers.js';
import { AGENCY_NAME, certificateText, makeWorld, testCertificate, writePdf, type World } from './workflow-helpers.js';

const as = (username: string): CallContext => ({ sessionToken: null, actingUsername: username, face: 'test' });

/** An outgoing draft for `signer`, approved and ready to sign. */
async function approvedDraft(world: World, signer: string): Promise<string> {
  const doc = await world.workflow.draft(await world.as('chuyenvien'), {
    type: 'QĐ', subject: 'Về việc thử khoá ký', file: { path: await writePdf(world.dir, `du-thao-${signer}.pdf`) }, attachments: [], to: [],
    urgency: 'normal', secrecy: 'none', signer, language: 'Tiếng Việt', direction: 'outgoing',
  } as Parameters<World['workflow']['draft']>[1]);
  await world.workflow.submit(await world.as('chuyenvien'), doc.id);
  await world.workflow.approve(await world.as(signer), doc.id);
  return doc.id;
}

describe('certificates bound to people and to the agency (Decree 30 Điều 5, 32–33)', () => {
  const tempDir = useTempDir();

  it("a leader holding another leader's token, or the agency's, is refused E_CERT_NOT_BOUND and nothing changes", async () => {
    const world = await makeWorld(await tempDir());
    try {
      const id = await approvedDraft(world, 'lanhdao2');
      for (const key of [world.signer.keys.get('Trần Văn Lãnh Đạo')!, world.signer.keys.get(AGENCY_NAME)!]) {
        world.signer.tokenInReader = key;
        await expect(world.workflow.sign(await world.as('lanhdao2'), id)).rejects.toMatchObject({ code: 'E_CERT_NOT_BOUND' });
      }
      expect((await world.workflow.show(id)).state).toBe('approved');
      world.signer.tokenInReader = null;
      const signed = await world.workflow.sign(await world.as('lanhdao2'), id);
      expect(signed.signatures.map((s) => [s.kind, s.signerName, s.certificateSerial])).toEqual([
        ['person', 'Lê Phó Chủ Tịch', world.signer.keys.get('Lê Phó Chủ Tịch')!.serialNumber],
      ]);
      // The seal with a person's key: refused on the signature it made, no seal kept. This signer names no certificate
      // beforehand (a token does: the CLI test shows no number bound then), so the number stays for the retry, as
      // after a cancelled PIN.
      world.signer.tokenInReader = world.signer.keys.get('Lê Phó Chủ Tịch')!;
      await expect(world.workflow.issue(await world.as('vanthu'), id)).rejects.toMatchObject({ code: 'E_CERT_NOT_BOUND' });
      const after = await world.workflow.show(id);
      expect([after.state, after.number, after.signatures.map((s) => s.kind)]).toEqual(['issuing', '01', ['person']]);
      world.signer.tokenInReader = null;
      const issued = await world.workflow.issue(await world.as('vanthu'), id);
      expect([issued.state, issued.number, issued.signatures.at(-1)?.certificateSerial]).toEqual(['issued', '01', world.signer.keys.get(AGENCY_NAME)!.serialNumber]);
      expect((await verifyAuditChain(world.store.db)).ok).toBe(true);
    } finally {
      await world.store.close();
    }
  });

  // Item 1's last rule had no test: the register printed a profile name beside the certificate's, and nothing checked it.
  it("prints the certificate's name as the signer's; a profile name that differs stands beside it, never instead", async () => {
    const world = await makeWorld(await tempDir());
    try {
      const leader = await world.as('lanhdao2');
      const onCard = testCertificate('Lê Văn Phó', AGENCY_NAME);
      await bindCertificate(world.store.db, world.clock, leader, 'person', { id: leader.id, username: 'lanhdao2' }, onCard);
      const id = await approvedDraft(world, 'lanhdao2');
      world.signer.tokenInReader = onCard;
      const signed = await world.workflow.sign(leader, id);
      world.signer.tokenInReader = null;
      expect(signed.signatures.map((s) => [s.signerName, s.certificateSerial])).toEqual([['Lê Văn Phó', onCard.serialNumber]]);
      expect(signed.metadata?.signerName).toBe('Lê Văn Phó');
      expect(signed.signerUser?.fullName).toBe('Lê Phó Chủ Tịch');
      await world.workflow.issue(await world.as('vanthu'), id);
      const { lines } = await loadRegisterContent(world.store.db, 2026, 'outgoing');
      expect(lines[0]!.cells).toContain('Lê Văn Phó (tài khoản: Lê Phó Chủ Tịch)');
      // The same name on the card and in the profile: printed once.
      const plain = await approvedDraft(world, 'lanhdao');
      await world.workflow.sign(await world.as('lanhdao'), plain);
      await world.workflow.issue(await world.as('vanthu'), plain);
      const again = await loadRegisterContent(world.store.db, 2026, 'outgoing');
      expect(again.lines[1]!.cells).toContain('Trần Văn Lãnh Đạo');
      expect(again.lines[1]!.cells.join(' ')).not.toContain('tài khoản');
    } finally {
      await world.store.close();
    }
  });

  it('a bound key out of its validity does not sign (E_CERT_EXPIRED); one without signing usage is never bound (E_CERT_KEY_USAGE)', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const { certificates } = createDocsCoreServices({ store: world.store, clock: world.clock, verifier: world.verifier });
      const id = await approvedDraft(world, 'lanhdao');
      world.clock.set(new Date('2030-02-01T09:00:00+07:00'));
      await expect(world.workflow.sign(await world.as('lanhdao'), id)).rejects.toMatchObject({ code: 'E_CERT_EXPIRED' });
      world.clock.set(new Date('2026-03-02T09:00:00+07:00'));
      const encipherOnly = testCertificate('Phạm Chuyên Viên', AGENCY_NAME, { keyUsage: ['keyEncipherment'] });
      await expect(certificates.add({ owner: 'person', certificate: certificateText(encipherOnly) }, as('chuyenvien'))).rejects.toMatchObject({ code: 'E_CERT_KEY_USAGE' });
      const organisation = testCertificate('Sở Tài chính', 'Sở Tài chính');
      await expect(certificates.add({ owner: 'person', certificate: certificateText(organisation) }, as('chuyenvien'))).rejects.toMatchObject({ code: 'E_CERT_SUBJECT_KIND' });
      // The agency may switch the kind rule off (admin only); the binding still decides.
      await expect(certificates.setKindRule({ rule: 'any' }, as('vanthu'))).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await certificates.setKindRule({ rule: 'any' }, as('admin'));
      expect((await certificates.add({ owner: 'person', certificate: certificateText(organisation) }, as('chuyenvien'))).username).toBe('chuyenvien');
    } finally {
      await world.store.close();
    }
  });

  it('authorisation: own certificates only; the agency\'s by a clerk or admin; another\'s binding is not found; a key binds to one owner', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const { certificates } = createDocsCoreServices({ store: world.store, clock: world.clock, verifier: world.verifier });
      const mine = testCertificate('Phạm Chuyên Viên', AGENCY_NAME);
      const added = await certificates.add({ owner: 'person', certificate: certificateText(mine) }, as('chuyenvien'));
      expect(added).toMatchObject({ owner: 'person', username: 'chuyenvien', serialNumber: mine.serialNumber, kind: 'person', validNow: true });
      // The same key cannot be bound to a second person.
      await expect(certificates.add({ owner: 'person', certificate: certificateText(mine) }, as('lanhdao'))).rejects.toMatchObject({ code: 'E_CONFLICT' });
      await expect(certificates.add({ owner: 'agency', certificate: certificateText(testCertificate('X', 'X')) }, as('chuyenvien'))).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await expect(certificates.list({ owner: 'person', username: 'chuyenvien' }, as('lanhdao'))).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      expect((await certificates.list({ owner: 'person', username: 'chuyenvien' }, as('admin'))).certificates).toHaveLength(1);
      expect((await certificates.list({ owner: 'agency' }, as('chuyenvien'))).certificates.map((c) => c.kind)).toEqual(['organisation']);
      // Another's binding answers exactly as a missing id.
      const missing = await certificates.remove({ owner: 'person', id: 9999 }, as('lanhdao')).catch((e: unknown) => e);
      const others = await certificates.remove({ owner: 'person', id: added.id }, as('lanhdao')).catch((e: unknown) => e);
      expect(others).toMatchObject({ code: 'E_NOT_FOUND' });
      expect((others as Error).message.replace(String(added.id), 'N')).toBe((missing as Error).message.replace('9999', 'N'));
      await expect(certificates.remove({ owner: 'agency', id: added.id }, as('vanthu'))).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
      expect((await certificates.remove({ owner: 'person', id: added.id }, as('chuyenvien'))).id).toBe(added.id);
      const audited = await world.store.db.selectFrom('audit_log').select('action').where('action', 'like', '%certificate%').execute();
      expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['user.certificate-add', 'user.certificate-remove', 'agency.certificate-add']));
    } finally {
      await world.store.close();
    }
  });

  it('input validation: the contract refuses a bad owner, id and empty text; the service refuses text that is not a certificate', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const services = createDocsCoreServices({ store: world.store, clock: world.clock, verifier: world.verifier });
      const dispatch = createDispatcher({ certificates: services.certificates } as Partial<ServiceImplementations> as ServiceImplementations);
      for (const [path, input] of [
        ['certificates.add', { owner: 'leader', certificate: 'x' }],
        ['certificates.add', { owner: 'person', certificate: '' }],
        ['certificates.remove', { owner: 'person', id: -1 }],
        ['certificates.list', { owner: 'person', username: 'KHÔNG HỢP LỆ' }],
        ['certificates.setKindRule', { rule: 'cn' }],
      ] as const) {
        expect(await dispatch(path, input, as('admin'))).toMatchObject({ ok: false, error: { code: 'E_INVALID_INPUT' } });
      }
      expect(await dispatch('certificates.add', { owner: 'person', certificate: 'không phải chứng thư!' }, as('admin'))).toMatchObject({ ok: false, error: { code: 'E_INVALID_INPUT' } });
    } finally {
      await world.store.close();
    }
  });
});
