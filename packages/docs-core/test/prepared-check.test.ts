import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyStoreAudit } from '../src/services/audit-service.js';
import { defaultSearchIndex } from '../src/search/index.js';
import { createTrustService } from '../src/services/trust-service.js';
import { PREPARED_CHECK_MAX_AGE_MS } from '../src/workflow/prepared-check.js';
import { SYSTEM_ACTOR } from '../src/workflow/system-actor.js';
import { useTempDir } from './helpers.js';
import { SENDER, SENDER_NAME, certificateText, makeWorld, signedBySender, testCertificate, writePdf, type World } from './workflow-helpers.js';

/** A signature check begun before the file is stored (the axis receiver's look-ahead) stands in only for those very bytes. */
describe('a prepared signature check', () => {
  const tempDir = useTempDir();
  let serial = 1;

  /** Counts the verifier's runs: the only way to tell a check reused from one made again when both say the same. */
  function countRuns(world: World): { runs: number } {
    const counter = { runs: 0 };
    const verifyPdf = world.verifier.verifyPdf.bind(world.verifier);
    world.verifier.verifyPdf = async (pdf: Uint8Array) => {
      counter.runs += 1;
      return verifyPdf(pdf);
    };
    return counter;
  }

  async function arrive(world: World, pdf: Uint8Array) {
    return world.workflow.receiveFromAxis({
      pdf, pdfName: 'cv.pdf', attachments: [], exchangeDocumentId: `P-${serial}`, businessType: 0, from: SENDER, fromName: SENDER_NAME,
      number: String(serial++), symbol: 'STC-NS', issuedDate: '2026-02-27', type: 'Công văn', subject: 'V/v báo cáo', urgency: 'normal',
      secrecy: 'none', language: 'Tiếng Việt',
    });
  }

  async function file(world: World, bytes: Uint8Array): Promise<string> {
    const path = join(world.dir, `prepared-${serial}-${Math.random()}.pdf`);
    await writeFile(path, bytes);
    return path;
  }

  const sealed = async (world: World) => signedBySender(world, await readFile(await writePdf(world.dir, `raw-${Math.random()}.pdf`)), 'Giám đốc');
  const unsigned = async (world: World) => readFile(await writePdf(world.dir, `raw-${Math.random()}.pdf`));
  const stateOf = async (world: World, id: string) => (await world.workflow.show(id)).state;

  it('for the same bytes: the verify step takes its report and does not check again; the file may be gone by then', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const counter = countRuns(world);
      const pdf = await sealed(world);
      const path = await file(world, pdf);
      const prepared = await world.workflow.prepareCheck({ path });
      await rm(path);
      const doc = await arrive(world, pdf);
      await world.workflow.verifyArrival(await world.as('vanthu'), doc.id, 'kiểm tra khi nhận', prepared!);
      expect(counter.runs).toBe(1);
      expect(await stateOf(world, doc.id)).toBe('verified');
      const row = await world.store.db.selectFrom('document_signatures').select(['kind', 'valid']).where('document_id', '=', doc.id).execute();
      expect(row).toEqual([{ kind: 'received', valid: 1 }]);
    } finally {
      await world.store.close();
    }
  });

  it('for other bytes it is not used: the stored file is checked (an unsigned file prepared, a sealed one stored: verified)', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const counter = countRuns(world);
      const prepared = await world.workflow.prepareCheck({ path: await file(world, await unsigned(world)) });
      const doc = await arrive(world, await sealed(world));
      await world.workflow.verifyArrival(await world.as('vanthu'), doc.id, undefined, prepared!);
      expect(counter.runs).toBe(2);
      expect(await stateOf(world, doc.id)).toBe('verified');
      // And the other way round: a sealed file prepared never passes an unsigned one.
      const sealedCheck = await world.workflow.prepareCheck({ path: await file(world, await sealed(world)) });
      const bare = await arrive(world, await unsigned(world));
      await world.workflow.verifyArrival(await world.as('vanthu'), bare.id, undefined, sealedCheck!);
      expect(await stateOf(world, bare.id)).toBe('needs_checking');
    } finally {
      await world.store.close();
    }
  });

  it('is checked again when the trust anchors changed, when it is older than the limit, or when it failed', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const counter = countRuns(world);
      const clerk = await world.as('vanthu');
      const trust = createTrustService({ store: world.store, clock: world.clock, verifier: world.verifier });

      let pdf = await sealed(world);
      let prepared = await world.workflow.prepareCheck({ path: await file(world, pdf) });
      await trust.add({ certificate: certificateText(testCertificate('Root CA', 'Bộ', { isCertificateAuthority: true })) }, { sessionToken: null, actingUsername: 'admin', face: 'test' });
      await world.workflow.verifyArrival(clerk, (await arrive(world, pdf)).id, undefined, prepared!);
      expect(counter.runs).toBe(2);

      pdf = await sealed(world);
      prepared = await world.workflow.prepareCheck({ path: await file(world, pdf) });
      world.clock.advance(PREPARED_CHECK_MAX_AGE_MS + 1);
      await world.workflow.verifyArrival(clerk, (await arrive(world, pdf)).id, undefined, prepared!);
      expect(counter.runs).toBe(4);

      pdf = await sealed(world);
      const verifyPdf = world.verifier.verifyPdf.bind(world.verifier);
      world.verifier.verifyPdf = async () => Promise.reject(new Error('the verifier thread stopped'));
      prepared = await world.workflow.prepareCheck({ path: await file(world, pdf) });
      world.verifier.verifyPdf = verifyPdf;
      const doc = await arrive(world, pdf);
      await world.workflow.verifyArrival(clerk, doc.id, undefined, prepared!);
      expect(counter.runs).toBe(5);
      expect(await stateOf(world, doc.id)).toBe('verified');
    } finally {
      await world.store.close();
    }
  });

  it('is null where no verifier is configured', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const { DocumentWorkflow } = await import('../src/workflow/document-workflow.js');
      const bare = new DocumentWorkflow({ store: world.store, clock: world.clock, signer: world.signer });
      expect(await bare.prepareCheck({ path: await file(world, await sealed(world)) })).toBeNull();
    } finally {
      await world.store.close();
    }
  });

  /** An axis arrival with its check ready (the receiver's look-ahead): the receipt and the verify step in one transaction. */
  describe('taken from the axis with it', () => {
    const input = (pdf: Uint8Array, number: string) => ({
      pdf, pdfName: 'cv.pdf', attachments: [], exchangeDocumentId: `T-${number}`, businessType: 0, from: SENDER, fromName: SENDER_NAME,
      number, symbol: 'STC-NS', issuedDate: '2026-02-27', type: 'Công văn', subject: 'V/v báo cáo quyết toán', urgency: 'normal' as const,
      secrecy: 'none' as const, language: 'Tiếng Việt',
    });
    /** What a document's record says, without ids and times: its log lines, audit entries, signature rows and row. */
    async function recordOf(world: World, id: string) {
      const db = world.store.db;
      const log = await db.selectFrom('processing_log').select(['action', 'from_state', 'to_state', 'note', 'actor_id']).where('document_id', '=', id).orderBy('id').execute();
      const audit = (await db.selectFrom('audit_log').select(['actor', 'action', 'before', 'after']).where('object_id', '=', id).orderBy('id').execute()).map((a) => ({
        ...a,
        // The code holds the document's own number, which differs between the two documents compared.
        after: a.after?.replace(/"code":"[^"]*"/, '"code":"…"').replace(/"sha256":"[^"]*"/, '"sha256":"…"'),
      }));
      const signatures = await db.selectFrom('document_signatures').select(['kind', 'valid', 'result']).where('document_id', '=', id).execute();
      const row = await db.selectFrom('documents').select(['state', 'check_findings']).where('id', '=', id).executeTakeFirstOrThrow();
      return { log, audit, signatures, row };
    }

    for (const [name, make, state] of [
      ['sealed by the sender: stored verified', sealed, 'verified'],
      ['unsigned: stored needing checking, with its findings', unsigned, 'needs_checking'],
    ] as const) {
      it(`${name}, with the record the two steps would write, checked once, found in its state, the audit chain whole`, async () => {
        const world = await makeWorld(await tempDir());
        try {
          const counter = countRuns(world);
          const pdf = await make(world);
          const prepared = await world.workflow.prepareCheck({ path: await file(world, pdf) });
          const taken = await world.workflow.takeFromAxis(input(pdf, '71'), { prepared: prepared!, note: 'kiểm tra khi nhận qua trục' });
          expect(taken.state).toBe(state);
          expect(counter.runs).toBe(1);
          // The same file through the two steps, one transaction each: the same record.
          const twoSteps = await world.workflow.takeFromAxis(input(pdf, '72'));
          expect(twoSteps.state).toBe('received');
          await world.workflow.verifyArrival(SYSTEM_ACTOR, twoSteps.id, 'kiểm tra khi nhận qua trục', prepared!);
          const one = await recordOf(world, taken.id);
          const two = await recordOf(world, twoSteps.id);
          expect(one.log.map((l) => [l.action, l.from_state, l.to_state])).toEqual([['receive', null, 'received'], ['verify', 'received', state]]);
          expect(one.audit.map((a) => a.action)).toEqual(['document.receive', 'document.verify']);
          expect(JSON.parse(one.audit[1]!.before!)).toEqual({ state: 'received' });
          expect(one.signatures).toHaveLength(1);
          expect(one.row.state).toBe(state);
          expect(one.log).toEqual(two.log);
          expect(one.audit.slice(1)).toEqual(two.audit.slice(1));
          expect(one.signatures).toEqual(two.signatures);
          expect(one.row).toEqual(two.row);
          const hits = async (s: string) => (await defaultSearchIndex.search(world.store.db, { text: 'bao cao quyet toan', state: s })).hits.map((h) => h.id);
          expect(await hits(state)).toContain(taken.id);
          expect(await hits('received')).toEqual([]);
          expect((await verifyStoreAudit(world.store)).ok).toBe(true);
        } finally {
          await world.store.close();
        }
      });
    }

    it('a check that does not stand for the stored bytes (or is too old) leaves it received, for the verify step', async () => {
      const world = await makeWorld(await tempDir());
      try {
        const other = await world.workflow.prepareCheck({ path: await file(world, await unsigned(world)) });
        const pdf = await sealed(world);
        const taken = await world.workflow.takeFromAxis(input(pdf, '81'), { prepared: other! });
        expect(taken.state).toBe('received');
        const old = await world.workflow.prepareCheck({ path: await file(world, pdf) });
        world.clock.advance(PREPARED_CHECK_MAX_AGE_MS + 1);
        const late = await world.workflow.takeFromAxis(input(pdf, '82'), { prepared: old! });
        expect(late.state).toBe('received');
        for (const id of [taken.id, late.id]) {
          expect(await world.store.db.selectFrom('document_signatures').select('id').where('document_id', '=', id).execute()).toEqual([]);
          expect((await world.store.db.selectFrom('processing_log').select('action').where('document_id', '=', id).execute()).map((l) => l.action)).toEqual(['receive']);
        }
      } finally {
        await world.store.close();
      }
    });
  });
});
