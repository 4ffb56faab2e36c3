import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setIssuingPlace } from '../src/agency/issuing-place.js';
import { setAgencySeal } from '../src/agency/seal-image.js';
import type { AgencySealRequest, DocumentSigner, PersonSignatureRequest } from '../src/ports/index.js';
import { setSignatureImage } from '../src/users/signature-image.js';
import { DocumentWorkflow } from '../src/workflow/document-workflow.js';
import { useTempDir } from './helpers.js';
import { RECIPIENT, makeWorld, writePdf, type World } from './workflow-helpers.js';

const SAMPLES = join(import.meta.dirname, '../../../resources/samples');

/** The test signer of workflow-helpers, keeping what the workflow asked of it. */
function recording(world: World) {
  const persons: PersonSignatureRequest[] = [];
  const seals: AgencySealRequest[] = [];
  const signer: DocumentSigner = {
    signAsPerson: (request) => (persons.push(request), world.signer.signAsPerson(request)),
    sealAsAgency: (request) => (seals.push(request), world.signer.sealAsAgency(request)),
  };
  return { persons, seals, workflow: new DocumentWorkflow({ store: world.store, clock: world.clock, signer, verifier: world.verifier }) };
}

async function draftApproved(world: World, workflow: DocumentWorkflow, signer: string): Promise<string> {
  const draft = await workflow.draft(await world.as('chuyenvien'), {
    type: 'QĐ', subject: 'Về việc thành lập tổ công tác', file: { path: await writePdf(world.dir, `qd-${signer}.pdf`) }, attachments: [], to: [RECIPIENT],
    urgency: 'normal', secrecy: 'none', signer, language: 'Tiếng Việt', direction: 'outgoing',
  });
  await workflow.submit(await world.as('chuyenvien'), draft.id);
  await workflow.approve(await world.as(signer), draft.id);
  return draft.id;
}

describe('sign() and issue() hand the signature and seal images to the signing port', () => {
  const tempDir = useTempDir();

  it('the leader\'s own image (or null), then the seal, number, date and place', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const { persons, seals, workflow } = recording(world);
      const signature = join(SAMPLES, 'signature-sample.png');
      const seal = join(SAMPLES, 'seal-sample.png');
      await setSignatureImage(world.store, world.clock, await world.as('lanhdao'), 'lanhdao', signature);

      const withImage = await draftApproved(world, workflow, 'lanhdao');
      await workflow.sign(await world.as('lanhdao'), withImage);
      expect(Buffer.from(persons[0]!.signatureImage!)).toEqual(await readFile(signature));
      // Before the agency has a seal image or a place, issuing still works (an invisible seal is the adapter's call).
      await workflow.issue(await world.as('vanthu'), withImage);
      expect(seals[0]).toMatchObject({ numberAndSymbol: '01/QĐ-UBND', issuedDate: '2026-03-02', sealImage: null, issuingPlace: null });

      await setAgencySeal(world.store, world.clock, await world.as('vanthu'), seal);
      await setIssuingPlace(world.store.db, world.clock, await world.as('admin'), 'Thành phố Thử Nghiệm');
      const withoutImage = await draftApproved(world, workflow, 'lanhdao2');
      await workflow.sign(await world.as('lanhdao2'), withoutImage);
      expect(persons[1]).toMatchObject({ signerName: 'Lê Phó Chủ Tịch', signatureImage: null });
      await workflow.issue(await world.as('vanthu'), withoutImage);
      expect(seals[1]).toMatchObject({ numberAndSymbol: '02/QĐ-UBND', issuingPlace: 'Thành phố Thử Nghiệm' });
      expect(Buffer.from(seals[1]!.sealImage!)).toEqual(await readFile(seal));
    } finally {
      await world.store.close();
    }
  });
});
