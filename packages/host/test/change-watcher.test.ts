import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext, EventEnvelope } from '@eoffice/contract';
import { createUser, systemClock } from '@eoffice/docs-core';
import { composeServices, type ComposedServices } from '../src/compose-services.js';
import { sessionAudience } from '../src/events/session-audience.js';
import { useTempDir } from './temp-dir.js';
import { writeTextPdf } from './text-pdf.js';

const AGENCY = '000.00.02.Z99';
const setup: CallContext = { sessionToken: null, actingUsername: null, face: 'test' };
const as = (username: string): CallContext => ({ sessionToken: null, actingUsername: username, face: 'test' });

describe('change watcher', () => {
  const tempDir = useTempDir();
  const open: ComposedServices[] = [];
  afterEach(async () => {
    for (const services of open.splice(0)) await services.close();
  });

  /**
   * `host` is the long-running face; `other` stands for another process on the same data folder (its own SQLite
   * connection, never started), like an `eoffice` command run while `start:web` serves.
   */
  async function world(watchIntervalMs = 50) {
    const dataDir = await tempDir();
    const other = await composeServices({ dataDir });
    open.push(other);
    await call(other, 'registers.initAgency', { organId: AGENCY, name: 'Sở Nội vụ tỉnh Demo' }, setup);
    await createUser(other.store.db, systemClock(), 'setup', { username: 'vanthu', roles: ['clerk'] });
    await createUser(other.store.db, systemClock(), 'setup', { username: 'chuyenvien', roles: ['specialist'] });
    const host = await composeServices({ dataDir });
    open.push(host);
    await host.startBackgroundJobs({ watchIntervalMs, extractionIntervalMs: 50 });
    const events: EventEnvelope[] = [];
    host.events.subscribe((event) => events.push(event));
    let n = 0;
    const receive = async (services: ComposedServices, fields: Record<string, unknown> = {}) => {
      n += 1;
      const file = await writeTextPdf(join(dataDir, `in-${n}.pdf`), `incoming letter ${n}`);
      const doc = await call(services, 'documents.receive', {
        file: { path: file }, from: '000.00.16.Z99', number: String(n), symbol: 'QĐ-SYT', issuedDate: '2026-03-02',
        // A scanned paper letter: an electronic file without the sender's seal would wait in needs_checking (Điều 21).
        type: 'QĐ', subject: `Về việc thử số ${n}`, source: 'paper', ...fields,
      }, as('vanthu'));
      return (doc as { id: string }).id;
    };
    return { dataDir, host, other, events, receive };
  }

  it('announces a document another process received, by id, and its register once it is numbered', async () => {
    const { other, events, receive } = await world();
    const id = await receive(other);
    await until(() => events.some((e) => e.name === 'documents.changed' && e.payload.documentIds.includes(id)));
    expect(events).toContainEqual({ name: 'documents.changed', payload: { documentIds: [id], reason: 'document.receive' } });

    await call(other, 'documents.verify', { id }, as('vanthu'));
    await call(other, 'documents.register', { id }, as('vanthu'));
    await until(() => events.some((e) => e.name === 'registers.changed'));
    expect(events).toContainEqual({
      name: 'registers.changed',
      payload: { registers: [{ year: 2026, direction: 'incoming', kind: 'normal' }] },
    });
  });

  it("announces a call's own changes before the call answers, without waiting for the timer", async () => {
    const { host, events, receive } = await world(3_600_000);
    const id = await receive(host);
    expect(events).toEqual([{ name: 'documents.changed', payload: { documentIds: [id], reason: 'document.receive' } }]);
    await call(host, 'system.info', {}, setup);
    expect(events).toHaveLength(1);
  });

  it('tells a secret document, by id, with its action and register, only to a listener whose user may see it', async () => {
    const { host, other, events, receive } = await world();
    const heardBy = (username: string) => {
      const heard: EventEnvelope[] = [];
      host.events.subscribe((event) => heard.push(event), sessionAudience(host.store.db, systemClock(), as(username)));
      return heard;
    };
    const clerk = heardBy('vanthu');
    const specialist = heardBy('chuyenvien');
    const id = await receive(other, { secrecy: 'secret', subject: 'Kế hoạch tuyệt mật' });
    await call(other, 'documents.verify', { id }, as('vanthu'));
    await call(other, 'documents.register', { id }, as('vanthu'));
    const toldToClerk = () =>
      clerk.filter((e) => e.name === 'documents.changed').map((e) => e.payload as { documentIds: string[]; reason: string });
    // A look reads the registers as they are when it reads them, so a register committed during a look may be heard
    // (registers.changed) one look before its audit entry: wait for the action itself, not for the register.
    await until(() => toldToClerk().some((p) => p.reason.split(',').includes('document.register')));
    const told = toldToClerk();
    expect(told.every((p) => JSON.stringify(p.documentIds) === JSON.stringify([id]))).toBe(true);
    // The watcher's looks may join steps: each action is told once, in some look.
    expect(told.flatMap((p) => p.reason.split(',')).sort()).toEqual(['document.receive', 'document.register', 'document.verify']);
    expect(clerk).toContainEqual({ name: 'registers.changed', payload: { registers: [{ year: 2026, direction: 'incoming', kind: 'secret' }] } });

    // A document everyone may see, changed after: the specialist hears it, and had heard nothing before it.
    const open = await receive(other);
    await until(() => specialist.length > 0 && events.length > 0);
    expect(specialist).toEqual([{ name: 'documents.changed', payload: { documentIds: [open], reason: 'document.receive' } }]);
    // Nor does a listener that names no one (code in this process).
    expect(events).toEqual(specialist);
    expect(JSON.stringify([...specialist, ...events])).not.toContain('tuyệt mật');
  });

  it('announces outbox moves made without an audit entry (the sync engine in another process)', async () => {
    const { other, events, receive } = await world();
    const documentId = await receive(other);
    await other.store.db
      .insertInto('outbox')
      .values({
        created_at: '2026-03-02T09:00:00+07:00', document_id: documentId, kind: 'status', business_type: null, status_code: '01',
        recipient_organ_id: '000.00.16.Z99', payload: '{}', state: 'pending', next_attempt_at: null, last_error: null,
      })
      .execute();
    await until(() => events.some((e) => e.name === 'outbox.changed'));
    await other.store.db.updateTable('outbox').set({ state: 'quarantined' }).execute();
    await until(() => events.filter((e) => e.name === 'outbox.changed').length >= 2);
    expect(events.filter((e) => e.name === 'outbox.changed').map((e) => e.payload)).toEqual([
      { pending: 1, failed: 0, quarantined: 0 },
      { pending: 0, failed: 0, quarantined: 1 },
    ]);
  });

  it('stays silent in a face that never started it (a one-shot command), and after close', async () => {
    const { other, host, events, receive } = await world();
    const quiet: EventEnvelope[] = [];
    other.events.subscribe((event) => quiet.push(event));
    await receive(other);
    await until(() => events.length > 0);
    expect(quiet).toEqual([]);

    await host.close();
    open.splice(open.indexOf(host), 1);
    const seen = events.length;
    await receive(other);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toHaveLength(seen);
  });
});

describe('background jobs', () => {
  const tempDir = useTempDir();

  it('make the words inside a PDF searchable once the services are composed and started', async () => {
    const dataDir = await tempDir();
    const services = await composeServices({ dataDir });
    try {
      await call(services, 'registers.initAgency', { organId: AGENCY, name: 'Sở Nội vụ tỉnh Demo' }, setup);
      await createUser(services.store.db, systemClock(), 'setup', { username: 'vanthu', roles: ['clerk'] });
      await services.startBackgroundJobs({ extractionIntervalMs: 50 });
      const file = await writeTextPdf(join(dataDir, 'mangrove.pdf'), 'Mangrove restoration along the estuary');
      const doc = (await call(services, 'documents.receive', {
        file: { path: file }, from: '000.00.16.Z99', number: '7', symbol: 'CV-SYT', issuedDate: '2026-03-02',
        type: 'Công văn', subject: 'Về việc bảo vệ rừng ven biển',
      }, as('vanthu'))) as { id: string };
      const find = async () => ((await call(services, 'search.query', { text: 'estuary' }, as('vanthu'))) as { hits: { id: string }[] }).hits;
      await until(async () => (await find()).length > 0);
      expect((await find()).map((h) => h.id)).toEqual([doc.id]);
    } finally {
      await services.close();
    }
  });

  it('extract pending texts on demand for a one-shot command that never starts them', async () => {
    const dataDir = await tempDir();
    const services = await composeServices({ dataDir });
    try {
      await call(services, 'registers.initAgency', { organId: AGENCY, name: 'Sở Nội vụ tỉnh Demo' }, setup);
      await createUser(services.store.db, systemClock(), 'setup', { username: 'vanthu', roles: ['clerk'] });
      const file = await writeTextPdf(join(dataDir, 'heron.pdf'), 'Heron nesting season report');
      await call(services, 'documents.receive', {
        file: { path: file }, from: '000.00.16.Z99', number: '8', symbol: 'BC-SYT', issuedDate: '2026-03-02',
        type: 'Báo cáo', subject: 'Báo cáo',
      }, as('vanthu'));
      const find = async () => ((await call(services, 'search.query', { text: 'heron' }, as('vanthu'))) as { hits: unknown[] }).hits;
      expect(await find()).toEqual([]);
      expect(await services.extractPendingTexts()).toEqual({ done: 1, failed: 0 });
      expect(await find()).toHaveLength(1);
    } finally {
      await services.close();
    }
  });
});

async function call(services: ComposedServices, path: string, input: unknown, context: CallContext): Promise<unknown> {
  const reply = await services.dispatch(path, input, context);
  if (!reply.ok) throw new Error(`${path}: ${reply.error.code} ${reply.error.message}`);
  return reply.result;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
