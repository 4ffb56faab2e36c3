import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useTempDir } from './helpers.js';
import { SENDER, SENDER_NAME, makeWorld, signedBySender, writePdf } from './workflow-helpers.js';

/** The axis receiver may put an arrival's PDF into the store ahead (its look-ahead) and hand over the blob it got. */
describe('an axis arrival handed a blob already stored', () => {
  const tempDir = useTempDir();
  const input = (stored: { sha256: string; size: number }, number: string) => ({
    pdf: { stored }, pdfName: 'cv.pdf', attachments: [], exchangeDocumentId: `S-${number}`, businessType: 0, from: SENDER, fromName: SENDER_NAME,
    number, symbol: 'STC-NS', issuedDate: '2026-02-27', type: 'Công văn', subject: 'V/v báo cáo', urgency: 'normal' as const,
    secrecy: 'none' as const, language: 'Tiếng Việt',
  });

  it('names that blob as its main file, with the size the store holds, whatever size it was told', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const pdf = await signedBySender(world, await readFile(await writePdf(world.dir, 'cv.pdf')), 'Giám đốc');
      const blob = await world.store.blobs.put(pdf);
      const { id } = await world.workflow.takeFromAxis(input({ sha256: blob.sha256, size: 1 }, '1'));
      const files = await world.store.db.selectFrom('document_files').select(['role', 'sha256', 'size']).where('document_id', '=', id).execute();
      expect(files).toEqual([{ role: 'main', sha256: blob.sha256, size: pdf.length }]);
      expect((await world.store.blobs.get(blob.sha256)).equals(Buffer.from(pdf))).toBe(true);
    } finally {
      await world.store.close();
    }
  });

  it('refuses a blob the store does not hold, and stores nothing', async () => {
    const world = await makeWorld(await tempDir());
    try {
      const missing = createHash('sha256').update('không có trong kho').digest('hex');
      await expect(world.workflow.takeFromAxis(input({ sha256: missing, size: 10 }, '2'))).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
      expect(await world.store.db.selectFrom('documents').select('id').execute()).toEqual([]);
    } finally {
      await world.store.close();
    }
  });
});
