import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTrustService } from '../src/services/trust-service.js';
import { PREPARED_CHECK_MAX_AGE_MS } from '../src/workflow/prepared-check.js';
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
});
