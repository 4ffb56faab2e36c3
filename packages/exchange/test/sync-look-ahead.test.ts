import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { zipSync } from 'fflate';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AxisClient, buildDocumentId, outgoingEdoc, startAxisServer, writeEdocFile } from '../src/index.js';
import { WorkerVerifier } from '../../host/src/verification/worker-verifier.js';
import { issueDocument, makeEndpoint, makeIdentity } from './endpoint.js';
import { useWorkDir } from './work-dir.js';
import { A, AGENCIES, B, exchangeOf, SYSTEMS } from './two-agencies.js';

const work = useWorkDir();

/** The axis, A (no engine: its own client sends) and B (its engine receives); `send` queues A's issued edoc for B under a number. */
async function twoAgencies(dir: string) {
  const axis = await startAxisServer({ dataDir: join(dir, 'axis'), systems: SYSTEMS, agencies: AGENCIES });
  const a = await makeEndpoint(join(dir, 'a'), A, 'UBND tỉnh Demo A', await makeIdentity(dir, 'Nguyễn Văn An', 'pki-a'), null);
  const b = await makeEndpoint(join(dir, 'b'), B, 'UBND tỉnh Demo B', await makeIdentity(dir, 'Trần Văn Bình', 'pki-b'), exchangeOf(axis, B));
  const close = async () => {
    await a.close();
    await b.close();
    await axis.close();
  };
  const issued = await issueDocument(a, [B]).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  const edoc = await outgoingEdoc(a.services.store, issued.id, { recipients: [B] });
  const client = new AxisClient({ endpoint: axis.url, systemId: A, secret: `secret-${A}` });
  const file = join(dir, 'message.edxml');
  const send = async (codeNumber: string, attachments = edoc.attachments): Promise<string> => {
    const header = { ...edoc.header, codeNumber, documentId: buildDocumentId(A, edoc.header.promulgationDate ?? '2026-12-05', codeNumber, edoc.header.codeNotation) };
    await writeEdocFile({ ...edoc, header, attachments }, file);
    return client.sendEdoc(file, { from: A, messagetype: 'edoc' });
  };
  return { axis, b, client, edoc, file, send, close };
}

describe('a receive pass reads the next messages ahead while it stores this one', () => {
  it('takes each of a run of messages once, in the order listed, with a poison message and a repeat among them, and leaves no temp folder', async () => {
    const { axis, b, client, file, send: queue, close } = await twoAgencies(work());
    try {
      const sent: string[] = [];
      const send = async (codeNumber: string): Promise<void> => {
        sent.push(await queue(codeNumber));
      };
      // Seven messages: five documents, one of them sent twice (the repeat comes while its first copy is stored),
      // and a message that is not edXML in the middle of the look-ahead window.
      await send('101');
      await send('102');
      await writeFile(file, 'không phải edXML <');
      sent.push(await client.sendEdoc(file, { from: A, to: B, messagetype: 'edoc' }));
      await send('103');
      await send('103');
      await send('104');
      await send('105');

      const pass = await b.services.sync!.syncOnce();
      expect(pass.received).toMatchObject({ stored: 5, duplicates: 1, quarantined: 1, failed: 0 });
      // Acks and temp folders go while the next message is stored, and the pass ends only once they are done.
      expect(await axis.store.db.selectFrom('axis_messages').select('doc_id').where('to_organ', '=', B).where('state', '=', 'initial').execute()).toEqual([]);
      expect(await readdir(join(b.dataDir, 'tmp', 'exchange-in'))).toEqual([]);
      const db = b.services.store.db;
      const inbox = await db.selectFrom('exchange_inbox').select(['axis_doc_id', 'state', 'document_id']).where('message_type', '=', 'edoc').orderBy(sql`rowid`).execute();
      expect(inbox.map((r) => r.axis_doc_id)).toEqual(sent);
      expect(inbox.map((r) => r.state)).toEqual(['stored', 'stored', 'quarantined', 'stored', 'duplicate', 'stored', 'stored']);
      expect(inbox[4]!.document_id).toBe(inbox[3]!.document_id);
      const documents = await db.selectFrom('documents').select(['code_number', 'state']).where('direction', '=', 'incoming').orderBy(sql`rowid`).execute(); // created_at ties within a second
      expect(documents.map((d) => d.code_number)).toEqual(['101', '102', '103', '104', '105']);
      // Verified on receipt, each of them.
      const verified = await db.selectFrom('documents').select('id').where('direction', '=', 'incoming').where('state', '=', 'received').execute();
      expect(verified).toEqual([]);
      // Nothing left on the axis for B: every message was acked.
      expect((await b.services.sync!.syncOnce()).received).toMatchObject({ stored: 0, duplicates: 0, quarantined: 0, failed: 0 });
      // An ack lost after the message was taken in (the axis lists it again): acked by its axis docId alone, neither
      // taken in again nor counted as a duplicate of itself.
      await axis.store.db.updateTable('axis_messages').set({ state: 'initial' }).where('doc_id', 'in', [sent[0]!, sent[2]!]).execute();
      expect((await b.services.sync!.syncOnce()).received).toMatchObject({ stored: 0, duplicates: 0, quarantined: 0, failed: 0 });
      expect(await db.selectFrom('exchange_inbox').select('axis_doc_id').where('message_type', '=', 'edoc').execute()).toHaveLength(7);
      expect(await axis.store.db.selectFrom('axis_messages').select('doc_id').where('to_organ', '=', B).where('state', '=', 'initial').execute()).toEqual([]);
    } finally {
      await close();
    }
  }, 180_000);

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('acks while it stores the next message, yet ends only when every ack is answered; a failed ack counts and comes back', async () => {
    const { axis, b, send, close } = await twoAgencies(work());
    try {
      const sent: string[] = [];
      for (const codeNumber of ['201', '202', '203']) sent.push(await send(codeNumber));
      // The real client, its acks answered late (the second one refused by the network): the pass must wait for them.
      const ackLate = AxisClient.prototype.updateStatus;
      vi.spyOn(AxisClient.prototype, 'updateStatus').mockImplementation(async function (this: AxisClient, docId, status) {
        await new Promise((done) => setTimeout(done, 400));
        if (docId === sent[1]) throw new Error('ECONNRESET (test)');
        return ackLate.call(this, docId, status);
      });
      const pass = await b.services.sync!.syncOnce();
      expect(pass.received).toMatchObject({ stored: 3, failed: 1 });
      expect(pass.ok).toBe(false);
      const waiting = async () => (await axis.store.db.selectFrom('axis_messages').select('doc_id').where('to_organ', '=', B).where('state', '=', 'initial').execute()).map((r) => r.doc_id);
      expect(await waiting()).toEqual([sent[1]]);
      vi.restoreAllMocks();
      // Listed again: acked by its docId alone, not stored twice.
      expect((await b.services.sync!.syncOnce()).received).toMatchObject({ stored: 0, duplicates: 0, failed: 0 });
      expect(await waiting()).toEqual([]);
      expect(await b.services.store.db.selectFrom('documents').select('id').where('direction', '=', 'incoming').execute()).toHaveLength(3);
    } finally {
      await close();
    }
  }, 180_000);

  it('a document that came inside a ZIP is taken in, and its temp folder (with what the ZIP held) is removed', async () => {
    const dir = work();
    const { b, edoc, send, close } = await twoAgencies(dir);
    try {
      const [pdf] = edoc.attachments;
      const zip = join(dir, 'van-ban.zip');
      await writeFile(zip, zipSync({ 'van-ban.pdf': await readFile(pdf!.path) }));
      await send('301', [{ ...pdf!, name: 'van-ban.zip', contentType: 'application/zip', path: zip }]);
      const pass = await b.services.sync!.syncOnce();
      expect(pass.received).toMatchObject({ stored: 1, quarantined: 0, failed: 0 });
      const files = await b.services.store.db.selectFrom('document_files').innerJoin('documents', 'documents.id', 'document_files.document_id').select(['document_files.name', 'document_files.sha256']).where('documents.code_number', '=', '301').execute();
      expect(files).toEqual([{ name: 'van-ban.pdf', sha256: createHash('sha256').update(await readFile(pdf!.path)).digest('hex') }]);
      expect(await readdir(join(b.dataDir, 'tmp', 'exchange-in'))).toEqual([]);
    } finally {
      await close();
    }
  }, 180_000);

  it('a message whose check begun ahead failed is stored received, then checked by the verify step itself', async () => {
    const { b, send, close } = await twoAgencies(work());
    try {
      await send('301');
      // The verifier thread fails once (the look-ahead's check), then works (the verify step's own check).
      const verify = vi.spyOn(WorkerVerifier.prototype, 'verify').mockRejectedValueOnce(new Error('the verifier thread stopped (test)'));
      expect((await b.services.sync!.syncOnce()).received).toMatchObject({ stored: 1, quarantined: 0 });
      expect(verify).toHaveBeenCalledTimes(2);
      const db = b.services.store.db;
      const [doc] = await db.selectFrom('documents').select(['id', 'state']).where('direction', '=', 'incoming').execute();
      expect(doc!.state).toBe('verified');
      const log = await db.selectFrom('processing_log').select(['action', 'to_state']).where('document_id', '=', doc!.id).orderBy('id').execute();
      expect(log).toEqual([{ action: 'receive', to_state: 'received' }, { action: 'verify', to_state: 'verified' }]);
    } finally {
      await close();
    }
  }, 180_000);
});
