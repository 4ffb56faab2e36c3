import { describe, expect, it } from 'vitest';
import type { CallContext } from '@eoffice/contract';
import { createDocsCoreServices } from '../src/services/docs-core-services.js';
import { SENDER, makeWorld, writePdf } from './workflow-helpers.js';
import { useTempDir } from './helpers.js';

const as = (username: string): CallContext => ({ sessionToken: null, actingUsername: username, face: 'test' });

describe('the audit viewer filters by who acted, which document and which days (real SQLite)', () => {
  const tempDir = useTempDir();

  it('keeps only the asked user, document and Vietnam-time days, pages by id, and still withholds secret summaries', async () => {
    const world = await makeWorld(await tempDir(), { now: '2026-03-02T23:30:00+07:00' });
    try {
      const services = createDocsCoreServices({ store: world.store, clock: world.clock, signer: world.signer, verifier: world.verifier });
      const received = await world.workflow.receive(await world.as('vanthu'), {
        file: { path: await writePdf(world.dir, 'den.pdf') }, attachments: [], source: 'paper', from: SENDER, fromName: 'Sở Tài chính',
        number: '12', symbol: 'STC-NS', issuedDate: '2026-02-27', type: 'Công văn', subject: 'Kế hoạch quản lý đất đai',
        urgency: 'normal', secrecy: 'none', language: 'Tiếng Việt',
      });
      // 16:30 UTC on 2 March is already 3 March in Vietnam: the day is Vietnam's.
      world.clock.set('2026-03-03T00:30:00+07:00');
      const secretDraft = await world.workflow.draft(await world.as('chuyenvien'), {
        type: 'PA', subject: 'Phương án bảo vệ mục tiêu trọng yếu', file: { path: await writePdf(world.dir, 'mat.pdf') }, attachments: [], to: [],
        urgency: 'normal', secrecy: 'secret', language: 'Tiếng Việt', direction: 'outgoing',
      });
      world.clock.set('2026-03-05T10:00:00+07:00');
      await world.workflow.submit(await world.as('chuyenvien'), secretDraft.id);

      const list = async (input: Parameters<typeof services.audit.list>[0], who = 'admin') => (await services.audit.list(input, as(who))).entries;

      const byClerk = await list({ actor: 'vanthu', limit: 100 });
      expect(byClerk.length).toBeGreaterThan(0);
      expect(byClerk.every((e) => e.actor === 'vanthu')).toBe(true);
      expect(byClerk.map((e) => e.action)).toContain('document.receive');
      expect(await list({ actor: 'khong-ai', limit: 100 })).toEqual([]);

      const ofDocument = await list({ objectId: received.id, actor: 'vanthu', limit: 100 });
      expect(ofDocument.every((e) => e.objectId === received.id)).toBe(true);
      expect(ofDocument.map((e) => e.action)).toContain('document.receive');

      const day2 = await list({ from: '2026-03-02', to: '2026-03-02', limit: 1000 });
      expect(day2.every((e) => e.at.startsWith('2026-03-02'))).toBe(true);
      expect(day2.map((e) => e.objectId)).toContain(received.id);
      const day3 = await list({ from: '2026-03-03', to: '2026-03-03', limit: 1000 });
      expect(day3.map((e) => e.action)).toEqual(['document.draft']);
      expect((await list({ from: '2026-03-04', limit: 1000 })).map((e) => e.action)).toEqual(['document.submit']);
      expect(await list({ from: '2026-03-06', limit: 1000 })).toEqual([]);

      // Pages, newest first, neither overlapping nor skipping.
      const all = await list({ limit: 1000 });
      const first = await list({ limit: 3 });
      const second = await list({ beforeId: first[first.length - 1]!.id, limit: 3 });
      expect([...first, ...second].map((e) => e.id)).toEqual(all.slice(0, 6).map((e) => e.id));

      // A filter changes which entries, not what an admin may read of a secret document's.
      const secretForAdmin = await list({ actor: 'chuyenvien', objectId: secretDraft.id, limit: 100 });
      expect(secretForAdmin.map((e) => e.action).sort()).toEqual(['document.draft', 'document.submit']);
      expect(secretForAdmin.every((e) => e.redacted && e.after === null)).toBe(true);
      expect((await list({ actor: 'chuyenvien', limit: 100 }, 'luutru')).every((e) => !e.redacted)).toBe(true);

      // Reading the log stays the auditors': a specialist is refused with or without filters.
      await expect(services.audit.list({ actor: 'chuyenvien', limit: 10 }, as('chuyenvien'))).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
    } finally {
      await world.store.close();
    }
  });
});
