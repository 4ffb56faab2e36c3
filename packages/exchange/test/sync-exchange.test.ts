import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAxisServer, type RunningAxis } from '../src/index.js';
import { issueDocument, makeEndpoint, makeIdentity, type Endpoint } from './endpoint.js';
import { useWorkDir } from './work-dir.js';
import { A, AGENCIES, B, exchangeOf, SYSTEMS } from './two-agencies.js';

const work = useWorkDir();


async function twoEndpoints(dir: string, axis: RunningAxis, backoffMs?: readonly number[]): Promise<[Endpoint, Endpoint]> {
  const a = await makeEndpoint(join(dir, 'a'), A, 'UBND tỉnh Demo A', await makeIdentity(dir, 'Nguyễn Văn An', 'pki-a'), exchangeOf(axis, A, backoffMs));
  const b = await makeEndpoint(join(dir, 'b'), B, 'UBND tỉnh Demo B', await makeIdentity(dir, 'Trần Văn Bình', 'pki-b'), exchangeOf(axis, B, backoffMs));
  return [a, b];
}

/** One pass of each endpoint, as two sync processes would run. */
async function syncBoth(a: Endpoint, b: Endpoint): Promise<void> {
  await a.services.sync!.syncOnce();
  await b.services.sync!.syncOnce();
}

async function incomingOf(b: Endpoint) {
  return b.services.store.db.selectFrom('documents').selectAll().where('direction', '=', 'incoming').orderBy('created_at').execute();
}

async function codesAt(a: Endpoint, id: string): Promise<string[]> {
  const { deliveries } = await a.as('vanthu').services.sync.deliveries({ id });
  return deliveries.find((d) => d.recipient === B)?.statuses.map((s) => s.code) ?? [];
}

describe('the sync engine between two endpoints through the local axis', () => {
  it('A issues and sends; B receives, verifies and registers; 01, 03, 04, 05, 06 reach A once each', async () => {
    const dir = work();
    const axis = await startAxisServer({ dataDir: join(dir, 'axis'), systems: SYSTEMS, agencies: AGENCIES });
    const [a, b] = await twoEndpoints(dir, axis);
    try {
      const issued = await issueDocument(a, [B]);
      await a.as('vanthu').services.documents.dispatch({ id: issued.id });
      await syncBoth(a, b);
      const [arrived] = await incomingOf(b);
      expect(arrived).toMatchObject({ exchange_document_id: `${A},${issued.issuedDate?.replaceAll('-', '/')},${issued.number}/${issued.symbol}`, source: 'axis', organ_id: A, state: 'verified', duplicate_of: null });
      const clerk = b.as('vanthu').services.documents;
      const shown = await clerk.show({ id: arrived!.id });
      expect(shown.signatures.length).toBeGreaterThan(0);
      await clerk.register({ id: arrived!.id });
      await clerk.present({ id: arrived!.id });
      await b.as('lanhdao').services.documents.assign({ id: arrived!.id, lead: 'chuyenvien', dueDate: '2026-12-31' });
      await b.as('chuyenvien').services.documents.start({ id: arrived!.id });
      await b.as('chuyenvien').services.documents.complete({ id: arrived!.id, note: 'Đã xử lý xong' });
      await b.services.sync!.syncOnce();
      await a.services.sync!.syncOnce();
      expect(await codesAt(a, issued.id)).toEqual(['01', '03', '04', '05', '06']);
      // A second round moves nothing: no message is taken twice, no status shown twice.
      await syncBoth(a, b);
      expect(await incomingOf(b)).toHaveLength(1);
      expect(await codesAt(a, issued.id)).toEqual(['01', '03', '04', '05', '06']);
      const status = await a.as('vanthu').services.sync.status({});
      expect(status).toMatchObject({ configured: true, outgoing: { pending: 0, failed: 0, quarantined: 0, sent: 1 }, quarantine: [] });
      // A person outside the office sees neither the queues nor a document's deliveries it may not read.
      await expect(a.as('chuyenvien').services.sync.status({})).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
      await expect(a.as('vanthu').services.sync.deliveries({ id: 'khong-co' })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    } finally {
      await a.close();
      await b.close();
      await axis.close();
    }
  }, 180_000);

  it('recall (15 back), update and replace travel end to end; the replaced document is marked; a secret one never leaves', async () => {
    const dir = work();
    const axis = await startAxisServer({ dataDir: join(dir, 'axis'), systems: SYSTEMS, agencies: AGENCIES });
    const [a, b] = await twoEndpoints(dir, axis);
    try {
      const first = await issueDocument(a, [B], { subject: 'V/v văn bản sẽ thu hồi' });
      const second = await issueDocument(a, [B], { subject: 'V/v văn bản sẽ cập nhật rồi thay thế' });
      for (const d of [first, second]) await a.as('vanthu').services.documents.dispatch({ id: d.id });
      await syncBoth(a, b);
      const received = await incomingOf(b);
      expect(received.map((d) => d.subject).sort()).toEqual([first.subject, second.subject].sort());

      // Recall: the revoke reaches B as a recall request; B's clerk agrees; 15 reaches A.
      await a.as('vanthu').services.documents.recall({ id: first.id, reason: 'Ban hành nhầm' });
      await syncBoth(a, b);
      const recalled = received.find((d) => d.subject === first.subject)!;
      const asked = await b.as('vanthu').services.documents.show({ id: recalled.id });
      expect(asked.flags).toContain('recall-requested');
      await b.as('vanthu').services.documents.acceptRecall({ id: recalled.id });
      await b.services.sync!.syncOnce();
      await a.services.sync!.syncOnce();
      expect(await codesAt(a, first.id)).toEqual(['01', '15']);

      // Update, then replace: each arrives as its own document (type 2, type 3); the replaced one points to its successor.
      await a.as('vanthu').services.documents.sendUpdate({ id: second.id, reason: 'Cập nhật nơi nhận' });
      const replacement = await issueDocument(a, [B], { subject: 'V/v văn bản thay thế' });
      await a.as('vanthu').services.documents.replace({ id: second.id, replacementId: replacement.id, reason: 'Sai sót nội dung' });
      await syncBoth(a, b);
      const after = await incomingOf(b);
      const original = after.find((d) => d.subject === second.subject && d.business_type === 0)!;
      expect(after.filter((d) => d.subject === second.subject).map((d) => d.business_type).sort()).toEqual([0, 2]);
      const successor = after.find((d) => d.business_type === 3)!;
      expect(successor.subject).toBe(replacement.subject);
      expect(original.related_document_id).toBe(successor.id);

      // A secret document never enters the outbox, so it never leaves.
      const secret = await issueDocument(a, [B], { secrecy: 'secret' });
      await expect(a.as('vanthu').services.documents.dispatch({ id: secret.id })).rejects.toMatchObject({ code: 'SECRET_NOT_EXCHANGEABLE' });
      await syncBoth(a, b);
      expect((await incomingOf(b)).some((d) => d.subject === secret.subject && d.secrecy !== 'none')).toBe(false);
    } finally {
      await a.close();
      await b.close();
      await axis.close();
    }
  }, 240_000);

  it('with the axis failing 30% of calls and dropping after receive, every document and status arrives exactly once', async () => {
    const dir = work();
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const axis = await startAxisServer({ dataDir: join(dir, 'axis'), systems: SYSTEMS, agencies: AGENCIES, failRate: 0.3, dropAfterReceive: true, random });
    const [a, b] = await twoEndpoints(dir, axis, Array.from({ length: 40 }, () => 0));
    try {
      const docs = [];
      for (let i = 0; i < 3; i += 1) {
        const d = await issueDocument(a, [B], { subject: `V/v thử lỗi trục số ${i + 1}` });
        await a.as('vanthu').services.documents.dispatch({ id: d.id });
        docs.push(d);
      }
      for (let pass = 0; pass < 60; pass += 1) {
        await syncBoth(a, b);
        const arrived = await incomingOf(b);
        const registered = arrived.filter((d) => d.state === 'verified');
        for (const d of registered) await b.as('vanthu').services.documents.register({ id: d.id });
        const statuses = await Promise.all(docs.map((d) => codesAt(a, d.id)));
        const pending = await b.services.store.db.selectFrom('outbox').select('id').where('state', '!=', 'sent').execute();
        if (arrived.length >= 3 && arrived.every((d) => d.state === 'registered') && pending.length === 0 && statuses.every((s) => s.length === 2)) break;
      }
      const arrived = await incomingOf(b);
      expect(arrived.map((d) => d.subject).sort()).toEqual(docs.map((d) => d.subject).sort());
      expect(arrived.every((d) => d.duplicate_of === null)).toBe(true);
      for (const d of docs) expect(await codesAt(a, d.id)).toEqual(['01', '03']);
      expect(await a.services.store.db.selectFrom('outbox').select('state').where('state', '!=', 'sent').execute()).toEqual([]);
    } finally {
      await a.close();
      await b.close();
      await axis.close();
    }
  }, 300_000);
});
