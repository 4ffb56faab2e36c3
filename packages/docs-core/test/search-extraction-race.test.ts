import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { defaultSearchIndex, indexDocumentForSearch } from '../src/search/index.js';
import { openStore } from '../src/store/store.js';
import { useTempDir } from './helpers.js';
import { POSTGRES_TEST_URL, useStoreDatabase, withAdminClient } from './postgres-test-db.js';

const TINOS = '/usr/share/fonts/truetype/croscore/Tinos-Regular.ttf';
// As the other store tests: without a server a developer's run skips loudly; CI (which starts one) never skips.
const describeOnPostgres = POSTGRES_TEST_URL === '' && !process.env.CI ? describe.skip : describe;

/**
 * The workstation race failed with E_INTERNAL on PostgreSQL: a register re-indexing its document (entry row first,
 * then its file's text row) against the background extraction of that document's scan (file's text row first, then
 * the entries holding it) — a deadlock. Here the extraction's two steps run by hand around a re-index, so the order
 * the index takes its locks in decides: both must finish, and the entry must hold the file's words.
 */
describeOnPostgres('re-indexing a document while its file\'s text is being stored (PostgreSQL)', () => {
  const tempDir = useTempDir();
  const database = useStoreDatabase('postgres');

  it('waits for the file\'s text row before touching the entry: no deadlock, and the new entry holds the extracted words', async () => {
    const connection = await database();
    const store = await openStore({ dataDir: await tempDir(), ...connection });
    try {
      const pdf = await PDFDocument.create();
      pdf.registerFontkit(fontkit);
      const font = await pdf.embedFont(await readFile(TINOS), { subset: true });
      pdf.addPage([595, 842]).drawText('Kế hoạch phát triển kinh tế biển', { x: 60, y: 760, size: 13, font });
      const file = await store.blobs.put(await pdf.save());
      const doc = { id: 'x', direction: 'incoming' as const, subject: 'Văn bản quét', files: [{ sha256: file.sha256, mediaType: 'application/pdf' }] };
      await store.db.transaction().execute((trx) => indexDocumentForSearch(trx, { ...doc, date: '2026-05-05' }));

      let reindexed: Promise<void> | undefined;
      const databaseName = connection.postgres!.database;
      const waitingOnLocks = async () =>
        withAdminClient(async (client) => Number((await client.query<{ n: string }>(`select count(*) as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'`, [databaseName])).rows[0]!.n));
      await store.db.transaction().execute(async (extraction) => {
        // The extraction's first step: the file's text row (storeFileText).
        await extraction.updateTable('search_file_texts').set({ status: 'done', text: 'Kế hoạch phát triển kinh tế biển', error: null }).where('sha256', '=', file.sha256).execute();
        // Meanwhile the register re-indexes the document under a new date (a new sort key: its entry is replaced).
        reindexed = store.db.transaction().execute((trx) => indexDocumentForSearch(trx, { ...doc, date: '2026-05-07' }));
        for (let i = 0; i < 200 && (await waitingOnLocks()) === 0; i += 1) await new Promise((r) => setTimeout(r, 25));
        expect(await waitingOnLocks()).toBe(1);
        // The extraction's second step: the entries holding the file. Had the re-index taken the entry first, this
        // would wait for it while it waits for the file's row: PostgreSQL ends one of the two with a deadlock.
        await sql`update search_entries set folded = folded where document_id = 'x'`.execute(extraction);
      });
      await reindexed;
      const hits = await defaultSearchIndex.search(store.db, { text: 'kinh te bien' });
      expect(hits.hits.map((h) => [h.id, h.date])).toEqual([['x', '2026-05-07']]);
    } finally {
      await store.close();
    }
  });
});
