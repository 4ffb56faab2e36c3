import { describe, expect, it } from 'vitest';
import type { CallContext } from '@eoffice/contract';
import { createDocsCoreServices } from '../src/services/docs-core-services.js';
import { createSearchService } from '../src/services/search-service.js';
import { SENDER, makeWorld, writePdf, type World } from './workflow-helpers.js';
import { useTempDir } from './helpers.js';

const as = (username: string): CallContext => ({ sessionToken: null, actingUsername: username, face: 'test' });

/** 12 ordinary documents and 3 secret ones (Mật, Tối mật, Tuyệt mật), all about "lụt bão", interleaved by date. */
async function seed(world: World): Promise<{ normal: string[]; secret: string[] }> {
  const clerk = await world.as('vanthu');
  const normal: string[] = [];
  const secret: string[] = [];
  const levels = ['confidential', 'secret', 'top-secret'] as const;
  for (let i = 0; i < 15; i += 1) {
    const isSecretDoc = i % 5 === 2;
    const doc = await world.workflow.receive(clerk, {
      file: { path: await writePdf(world.dir, `scan-${i}.pdf`) }, attachments: [], source: 'paper', from: SENDER, fromName: 'Sở Tài chính',
      number: String(100 + i), symbol: 'STC-NS', issuedDate: '2026-02-27', type: 'Công văn',
      subject: isSecretDoc ? `Phương án phòng chống lụt bão tại mục tiêu quân sự ${i}` : `Kế hoạch phòng chống lụt bão đợt ${i}`,
      urgency: 'normal', secrecy: isSecretDoc ? levels[secret.length]! : 'none', language: 'Tiếng Việt',
    });
    (isSecretDoc ? secret : normal).push(doc.id);
  }
  return { normal, secret };
}

describe('secret documents stay with those allowed to see them (real SQLite)', () => {
  const tempDir = useTempDir();

  it('hides them from search, list, show, history and the secret register for specialists and admins, keeping pages full and exact', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const { normal, secret } = await seed(world);
      const search = createSearchService({ store: world.store, clock: world.clock });
      const services = createDocsCoreServices({ store: world.store, clock: world.clock, signer: world.signer, verifier: world.verifier });
      const find = async (user: string, text: string, limit = 20) => {
        const ids: string[] = [];
        const sizes: number[] = [];
        let cursor: string | undefined;
        do {
          const page = await search.query({ text, order: 'newest', limit, ...(cursor ? { cursor } : {}) }, as(user));
          ids.push(...page.hits.map((h) => h.id));
          sizes.push(page.hits.length);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return { ids, sizes };
      };

      // A word only the secret subjects carry: nothing for a specialist or an admin, all three for a leader.
      expect((await find('chuyenvien', 'muc tieu quan su')).ids).toEqual([]);
      expect((await find('admin', 'mục tiêu quân sự')).ids).toEqual([]);
      expect((await find('lanhdao', 'muc tieu quan su')).ids.sort()).toEqual([...secret].sort());
      for (const reader of ['vanthu', 'luutru']) expect((await find(reader, 'quan su')).ids).toHaveLength(3);

      // Pagination over a term both kinds share: every page but the last is full, no id twice, no secret.
      const specialist = await find('chuyenvien', 'lut bao', 5);
      expect(specialist.sizes).toEqual([5, 5, 2]);
      expect(new Set(specialist.ids)).toEqual(new Set(normal));
      expect(specialist.ids).toHaveLength(12);
      const leader = await find('lanhdao', 'lut bao', 5);
      expect(leader.sizes).toEqual([5, 5, 5]);
      expect(new Set(leader.ids)).toEqual(new Set([...normal, ...secret]));
      // Without text (the plain newest-first listing) the same rule holds.
      expect((await search.query({ order: 'newest', limit: 100 }, as('chuyenvien'))).hits.map((h) => h.id).sort()).toEqual([...normal].sort());

      const listed = async (user: string) => (await services.documents.list({ limit: 100, offset: 0 }, as(user))).documents.map((d) => d.id);
      expect((await listed('chuyenvien')).sort()).toEqual([...normal].sort());
      expect(await listed('lanhdao')).toHaveLength(15);
      // Asking by id answers as for a missing document: the id is not confirmed to exist.
      await expect(services.documents.show({ id: secret[0]! }, as('chuyenvien'))).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
      await expect(services.documents.history({ id: secret[0]! }, as('admin'))).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
      expect((await services.documents.show({ id: secret[0]! }, as('lanhdao'))).secrecy).toBe('confidential');

      // Assigned to one secret document, a specialist sees that one, and only that one; a colleague still none.
      const clerk = await world.as('vanthu');
      await world.workflow.verify(clerk, secret[1]!);
      await world.workflow.register(clerk, secret[1]!);
      await world.workflow.present(clerk, secret[1]!);
      await world.workflow.assign(await world.as('lanhdao'), secret[1]!, { lead: 'chuyenvien', support: [], inform: [], dueDate: '2026-03-10' });
      expect((await find('chuyenvien', 'quan su')).ids).toEqual([secret[1]]);
      expect((await find('chuyenvien2', 'quan su')).ids).toEqual([]);
      expect((await find('chuyenvien', 'lut bao', 5)).sizes).toEqual([5, 5, 3]);
      expect((await services.documents.show({ id: secret[1]! }, as('chuyenvien'))).id).toBe(secret[1]);
      expect(await listed('chuyenvien')).toContain(secret[1]);
      expect(await listed('chuyenvien')).not.toContain(secret[2]);

      // Secret documents are registered in the secret register (sổ văn bản mật): readable by the reader roles only.
      const registered = async (user: string, kind: 'normal' | 'secret') =>
        (await services.registers.entries({ year: 2026, direction: 'incoming', kind }, as(user))).entries.map((e) => e.documentId);
      expect(await registered('vanthu', 'secret')).toEqual([secret[1]]);
      expect(await registered('luutru', 'secret')).toEqual([secret[1]]);
      expect(await registered('chuyenvien', 'normal')).toEqual([]);
      await expect(registered('chuyenvien', 'secret')).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await expect(registered('admin', 'secret')).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
    } finally {
      await world.store.close();
    }
  });

  it('keeps secret subjects out of the audit log, and secret summaries from an admin who reads it', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const services = createDocsCoreServices({ store: world.store, clock: world.clock, signer: world.signer, verifier: world.verifier });
      const secretSubject = 'Phương án bảo vệ mục tiêu trọng yếu năm 2026';
      const secretDraft = await world.workflow.draft(await world.as('chuyenvien'), {
        type: 'PA', subject: secretSubject, file: { path: await writePdf(world.dir, 'mat.pdf') }, attachments: [], to: [],
        urgency: 'normal', secrecy: 'secret', language: 'Tiếng Việt', direction: 'outgoing',
      });
      const plainSubject = 'Kế hoạch tổ chức Hội nghị tổng kết năm';
      const plainDraft = await world.workflow.draft(await world.as('chuyenvien'), {
        type: 'KH', subject: plainSubject, file: { path: await writePdf(world.dir, 'thuong.pdf') }, attachments: [], to: [],
        urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt', direction: 'outgoing',
      });
      await world.workflow.submit(await world.as('chuyenvien'), secretDraft.id);

      // Nothing in the stored log carries the secret subject; the ordinary one is summarised as before.
      const stored = await world.store.db.selectFrom('audit_log').select(['object_id', 'after']).execute();
      expect(stored.some((r) => (r.after ?? '').includes('mục tiêu trọng yếu'))).toBe(false);
      expect(stored.find((r) => r.object_id === secretDraft.id)?.after).toContain('subjectWithheld');
      expect(stored.find((r) => r.object_id === plainDraft.id)?.after).toContain(plainSubject);

      // The admin sees that something happened to the secret document, not what its summaries say; an archivist does.
      const adminView = (await services.audit.list({ limit: 100 }, as('admin'))).entries.filter((e) => e.objectId === secretDraft.id);
      expect(adminView.map((e) => e.action).sort()).toEqual(['document.draft', 'document.submit']);
      expect(adminView.every((e) => e.redacted && e.before === null && e.after === null)).toBe(true);
      const archivistView = (await services.audit.list({ objectId: secretDraft.id, limit: 100 }, as('luutru'))).entries;
      expect(archivistView.every((e) => !e.redacted)).toBe(true);
      expect(archivistView.find((e) => e.action === 'document.submit')?.after).toContain('submitted');
      const plainForAdmin = (await services.audit.list({ objectId: plainDraft.id, limit: 10 }, as('admin'))).entries;
      expect(plainForAdmin[0]).toMatchObject({ redacted: false });
      expect(plainForAdmin[0]!.after).toContain(plainSubject);

      // A secret incoming document recalled and removed can no longer say it was secret: its trace stays withheld.
      const clerk = await world.as('vanthu');
      const received = await world.workflow.receive(clerk, {
        file: { path: await writePdf(world.dir, 'den-mat.pdf') }, attachments: [], source: 'paper', from: SENDER, fromName: 'Bộ Chỉ huy quân sự',
        number: '7', symbol: 'BCH-TM', issuedDate: '2026-02-27', type: 'Công văn', subject: 'Kế hoạch diễn tập khu vực phòng thủ',
        urgency: 'normal', secrecy: 'top-secret', language: 'Tiếng Việt',
      });
      await world.workflow.recall(clerk, received.id, 'Gửi nhầm nơi nhận');
      await world.workflow.acceptRecall(clerk, received.id);
      expect(await world.store.db.selectFrom('documents').select('id').where('id', '=', received.id).execute()).toEqual([]);
      const afterRemoval = (await services.audit.list({ objectId: received.id, limit: 10 }, as('admin'))).entries;
      expect(afterRemoval.map((e) => e.action).sort()).toEqual(['document.acceptRecall', 'document.receive', 'document.requestRecall']);
      expect(afterRemoval.every((e) => e.redacted && e.after === null)).toBe(true);
      expect((await services.audit.list({ objectId: received.id, limit: 10 }, as('luutru'))).entries.every((e) => !e.redacted)).toBe(true);
    } finally {
      await world.store.close();
    }
  });
});
