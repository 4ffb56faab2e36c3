import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { listMethodPaths, type CallContext, type EventEnvelope, type MethodPath } from '@eoffice/contract';
import { createUser, systemClock } from '@eoffice/docs-core';
import { composeServices, type ComposedServices } from '../../src/compose-services.js';
import { useTempDir } from '../temp-dir.js';
import { writeTextPdf } from '../text-pdf.js';
import { LEARNS_NOTHING_CASES, type CaseWorld } from './cases.js';

const AGENCY = '000.00.01.H99';
const SECRET_SUBJECT = 'Phương án bảo vệ mục tiêu quân sự Hòn Khoai';
const setup: CallContext = { sessionToken: null, actingUsername: null, face: 'test' };
const as = (username: string): CallContext => ({ sessionToken: null, actingUsername: username, face: 'test' });
/** A specialist without clearance, assigned to nothing secret: the attacker of issue 13. */
const outsider = as('chuyenvien');

async function call(services: ComposedServices, path: string, input: unknown, context: CallContext): Promise<unknown> {
  const reply = await services.dispatch(path, input, context);
  if (!reply.ok) throw new Error(`${path}: ${reply.error.code} ${reply.error.message}`);
  return reply.result;
}

/**
 * Two worlds that differ only in the secret documents: B is a copy of the data folder taken before they were made,
 * so every id they share is the same. A call that names a secret document must answer in A as in B, where the id is
 * simply missing (ARCHITECTURE.md, invariant 1).
 */
describe('a user who may not see a secret document learns nothing of it, through any contract method', () => {
  const tempDir = useTempDir();
  const previousNow = process.env.EOFFICE_NOW;
  const open: ComposedServices[] = [];
  beforeAll(() => {
    // One clock for both worlds: a time in an answer is then the same in each.
    process.env.EOFFICE_NOW = '2026-03-02T09:00:00+07:00';
  });
  afterAll(() => {
    if (previousNow === undefined) delete process.env.EOFFICE_NOW;
    else process.env.EOFFICE_NOW = previousNow;
  });
  afterEach(async () => {
    for (const services of open.splice(0)) await services.close();
  });

  async function worlds() {
    const root = await tempDir();
    const dirA = join(root, 'with-secrets');
    const dirB = join(root, 'without-secrets');
    const pdf = await writeTextPdf(join(root, 'outsider.pdf'), 'outsider file');
    const base = await composeServices({ dataDir: dirA });
    await call(base, 'registers.initAgency', { organId: AGENCY, name: 'Ủy ban nhân dân tỉnh Thử Nghiệm', abbreviation: 'UBND' }, setup);
    for (const [username, roles] of [
      ['admin', ['admin']],
      ['vanthu', ['clerk']],
      ['lanhdao', ['leader']],
      ['chuyenvien', ['specialist']],
      ['chuyenvien2', ['specialist']],
    ] as const) {
      await createUser(base.store.db, systemClock(), 'setup', { username, roles: [...roles], password: `mat-khau-${username}` });
    }
    // Something public for the outsider to see, so "the same" is not merely "empty".
    await call(base, 'documents.draft', { type: 'QĐ', subject: 'Kế hoạch công khai', file: { path: pdf } }, as('chuyenvien2'));
    await base.close();
    await cp(dirA, dirB, { recursive: true });

    const a = await composeServices({ dataDir: dirA });
    open.push(a);
    const secretDraft = (await call(a, 'documents.draft', {
      type: 'QĐ', subject: SECRET_SUBJECT, secrecy: 'top-secret', file: { path: await writeTextPdf(join(root, 'secret-draft.pdf'), 'secret draft') },
    }, as('lanhdao'))) as { id: string };
    const secretIncoming = (await call(a, 'documents.receive', {
      file: { path: await writeTextPdf(join(root, 'secret-in.pdf'), 'secret incoming') }, source: 'paper', from: '000.00.17.H99',
      number: '7', symbol: 'BCH-QS', issuedDate: '2026-03-01', type: 'Công văn', subject: `${SECRET_SUBJECT} (đến)`, secrecy: 'top-secret',
    }, as('vanthu'))) as { id: string };
    for (const step of ['verify', 'register', 'present']) await call(a, `documents.${step}`, { id: secretIncoming.id }, as('vanthu'));
    await call(a, 'documents.assign', { id: secretIncoming.id, lead: 'chuyenvien2', dueDate: '2026-03-20' }, as('lanhdao'));
    const b = await composeServices({ dataDir: dirB });
    open.push(b);
    const world: CaseWorld = { secretDraft: secretDraft.id, secretIncoming: secretIncoming.id, pdf };
    return { a, b, dirA, dirB, world };
  }

  it('has a case for every method of the contract (add yours in learns-nothing/cases.ts)', () => {
    const missing = listMethodPaths().filter((path) => !LEARNS_NOTHING_CASES[path]);
    expect(missing, 'methods without a case in packages/host/test/learns-nothing/cases.ts').toEqual([]);
  });

  it('answers every call naming a secret document as it answers in a world without it, and changes nothing of it', async () => {
    const { a, b, dirA, dirB, world } = await worlds();
    const secretRows = () =>
      a.store.db.selectFrom('documents').selectAll().where('id', 'in', [world.secretDraft, world.secretIncoming]).orderBy('id').execute();
    const before = await secretRows();
    const known = new Set([world.secretDraft, world.secretIncoming]);
    // What differs between the worlds without telling anything: the folder, and ids the call itself creates (which
    // also order a list when the one clock gives two documents the same time, so lists are compared as sets).
    const normalise = (reply: unknown, dataDir: string) =>
      sortLists(
        JSON.parse(
          JSON.stringify(reply)
            .replaceAll(dataDir, '<data>')
            .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => (known.has(id) ? id : '<new id>')),
        ),
      );

    const paths = listMethodPaths().filter((path): path is MethodPath => LEARNS_NOTHING_CASES[path] !== undefined);
    let calls = 0;
    const told: Array<{ path: string; input: unknown; withSecret: unknown; without: unknown }> = [];
    for (const path of paths) {
      for (const input of LEARNS_NOTHING_CASES[path]!(world)) {
        const inA = normalise(await a.dispatch(path, input, outsider), dirA);
        const inB = normalise(await b.dispatch(path, input, outsider), dirB);
        calls += 1;
        if (!isDeepStrictEqual(inA, inB) || JSON.stringify(inA).includes('Hòn Khoai')) told.push({ path, input, withSecret: inA, without: inB });
      }
    }
    // Every call that told something, at once: one fix rarely closes them all.
    expect(told).toEqual([]);
    expect(calls).toBeGreaterThan(paths.length);
    // Not one field of the secret documents changed (today a specialist submitted and revised the leader's draft).
    expect(await secretRows()).toEqual(before);
  }, 60_000);

  it('tells the outsider’s event stream nothing of a secret document: it hears in one world what it hears in the other', async () => {
    const { a, b, world } = await worlds();
    await Promise.all([a.startBackgroundJobs({ watchIntervalMs: 3_600_000 }), b.startBackgroundJobs({ watchIntervalMs: 3_600_000 })]);
    const heard = (services: ComposedServices) => {
      const events: EventEnvelope[] = [];
      services.listen(outsider, (event) => events.push(event), () => undefined);
      return events;
    };
    const inA = heard(a);
    const inB = heard(b);
    const reader: EventEnvelope[] = [];
    a.listen(as('lanhdao'), (event) => reader.push(event), () => undefined);
    // In A only: the secret documents move (a secret one registered, the assigned one completed by its lead).
    const secretNew = (await call(a, 'documents.receive', {
      file: { path: world.pdf }, source: 'paper', from: '000.00.17.H99', number: '8', symbol: 'BCH-QS', issuedDate: '2026-03-01',
      type: 'Công văn', subject: `${SECRET_SUBJECT} (lần 2)`, secrecy: 'secret',
    }, as('vanthu'))) as { id: string };
    await call(a, 'documents.verify', { id: secretNew.id }, as('vanthu'));
    await call(a, 'documents.register', { id: secretNew.id }, as('vanthu'));
    // In both: something everyone may see.
    for (const services of [a, b]) {
      await call(services, 'documents.receive', {
        file: { path: world.pdf }, source: 'paper', from: '000.00.17.H99', number: '9', symbol: 'UBND', issuedDate: '2026-03-01',
        type: 'Công văn', subject: 'Thông báo công khai',
      }, as('vanthu'));
    }
    const normalise = (events: EventEnvelope[]) =>
      JSON.parse(JSON.stringify(events).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')) as unknown;
    expect(inA.length).toBeGreaterThan(0);
    expect(normalise(inA)).toEqual(normalise(inB));
    expect(JSON.stringify(inA)).not.toContain(secretNew.id);
    // The reader heard it: the outsider's silence is the rule's, not a stream that hears nothing.
    expect(JSON.stringify(reader)).toContain(secretNew.id);
  }, 60_000);
});

function sortLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortLists).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, sortLists(item)]));
  return value;
}
