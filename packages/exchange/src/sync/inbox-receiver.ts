import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rename, rm, rmdir, unlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { EOfficeError, type DocumentView } from '@eoffice/contract';
import { SYSTEM_ACTOR, findDocumentType, makePrivateDir, type Database, type PreparedCheck, type StoredBlob } from '@eoffice/docs-core';
import { vietnamIso } from '@eoffice/vietnamese';
import type { Kysely } from 'kysely';
import type { ReceivedItem, MessageType } from '../axis/axis-client.js';
import type { EdocMessage, EdxmlMessage } from '../edxml/edxml-message.js';
import { parseEdxmlFile } from '../edxml/parse-edxml.js';
import { unpackAttachments, type DeliveredFile } from '../edxml/unpack-attachments.js';
import { errorText } from './outbox-sender.js';
import { applyReceivedStatus } from './received-status.js';
import type { SyncDeps } from './sync-options.js';

export interface ReceiveOutcome {
  /** Documents stored (new arrivals, updates, replacements) and recalls/statuses applied. */
  readonly stored: number;
  readonly statuses: number;
  /** Seen before (the same axis message again, or the same DocumentId + type + content): acked, not stored again. */
  readonly duplicates: number;
  readonly quarantined: number;
  /** Axis calls that failed (download or ack): the message stays on the axis for the next pass. */
  readonly failed: number;
}

type Taken = { state: 'stored' | 'applied' | 'duplicate'; documentId: string | null; key: MessageKey | null; sender: string | null };
interface MessageKey {
  readonly exchangeDocumentId: string;
  readonly businessType: number;
  readonly contentHash: string;
}

const URGENCY_OF_PRIORITY = ['normal', 'urgent', 'very-urgent', 'flash'] as const;
/** The verify step's note on a document checked as it came from the axis. */
const VERIFY_NOTE = 'kiểm tra khi nhận qua trục';

/**
 * One receive pass for one message type: list → download → parse → verify → store → updateStatus(done), in that
 * order for each message. Idempotent by the axis docId (the inbox) and by (DocumentId, BussinessDocType, content
 * hash): a message seen again is acked without being stored twice. A message that cannot be taken in is quarantined
 * with its error (the file kept under `exchange/quarantine/`), acked, and the pass goes on.
 *
 * The next LOOK_AHEAD messages are downloaded, parsed and unpacked (files in their own temp folders, nothing written
 * to the database), and the signature check of their PDF begun on the verifier thread (docs-core's prepareCheck),
 * while this one is stored and verified, so the download, the base64 decoding, the verifier thread and the writes
 * overlap; everything that decides (the inbox, duplicates, storing, verifying, quarantine, the ack) still happens one
 * message at a time, in the list's order, and the verify step uses a begun check only for the very bytes it stored.
 */
export async function receiveMessages(deps: SyncDeps, messageType: MessageType, outcome: Mutable<ReceiveOutcome>): Promise<void> {
  const list = await deps.axis.getReceivedEdocList(messageType);
  if (list.length === 0) return;
  // Once per pass, not per message (two file operations each).
  const work = join(deps.dataDir, 'tmp', 'exchange-in');
  await makePrivateDir(work);
  const ahead: Promise<Settled>[] = [];
  const after = new Afterwork();
  let next = 0;
  try {
    for (const [index, item] of list.entries()) {
      while (next < list.length && next <= index + LOOK_AHEAD) ahead.push(settle(fetchMessage(deps, work, list[next++]!)));
      const fetched = await ahead.shift()!;
      if ('error' in fetched) throw fetched.error;
      await receiveOne(deps, messageType, item, fetched.value, outcome, after);
      await after.belowLimit();
    }
  } finally {
    // A pass stopped by an error drops what it read ahead (the axis still holds those messages).
    for (const pending of ahead) {
      const fetched = await pending;
      if ('value' in fetched && 'dir' in fetched.value) await rm(fetched.value.dir, { recursive: true, force: true });
    }
    // Every ack sent and every temp folder gone before the pass ends (and before the next pass lists).
    await after.settled();
  }
}

/**
 * What is left of a message once it is stored (its ack, the removal of its temp folder), done while the next message
 * is stored: each message's own order stays list → download → store → ack, and an ack lost to a crash is sent again
 * on the next pass (the inbox knows the message). With both awaited in turn, ~5 ms of each message's ~33 ms went to
 * the ack's round trip and the folder's removal. At most AFTERWORK_LIMIT in flight; the pass waits for all of them.
 */
class Afterwork {
  readonly #pending = new Set<Promise<void>>();

  add(work: Promise<void>): void {
    const tracked = work.finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }

  async belowLimit(): Promise<void> {
    while (this.#pending.size >= AFTERWORK_LIMIT) await Promise.race(this.#pending);
  }

  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
  }
}

const AFTERWORK_LIMIT = 8;

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Messages read ahead of the one being stored (downloaded, parsed, unpacked, their check begun): bounded, each costs a
 * temp folder with its decoded files (disk, not memory). With one, the verifier thread was idle about half the time
 * (it waited for the next message to be parsed while this one's writes and fsyncs ran); three keep it fed:
 * 1.2-1.3× documents per second in back-to-back runs of 200 messages at load 11-16.
 */
const LOOK_AHEAD = 3;

/**
 * One message as read ahead: nothing of it is in the database yet, and nothing is decided about it (whether it was
 * taken in before is asked once, when its turn comes: one statement per message, where asking here too cost two; a
 * message taken in before a lost ack is downloaded again for nothing, which only that rare case pays).
 */
type Fetched =
  | { readonly kind: 'not-downloaded'; readonly error: unknown }
  | { readonly kind: 'read'; readonly dir: string; readonly file: string; readonly read: OpenedMessage; readonly check: PreparedCheck | null; readonly stored: StoredBlob | null }
  | { readonly kind: 'unreadable'; readonly dir: string; readonly file: string; readonly error: unknown };

/** A look-ahead promise with its rejection caught at once (one left waiting must not count as unhandled). */
type Settled = { readonly value: Fetched } | { readonly error: unknown };
const settle = (fetching: Promise<Fetched>): Promise<Settled> => fetching.then((value) => ({ value }), (error: unknown) => ({ error }));

interface OpenedMessage {
  readonly message: EdxmlMessage;
  /** An edoc's files with its ZIPs and nested edXML opened (null for a status). */
  readonly delivered: readonly DeliveredFile[] | null;
}

async function fetchMessage(deps: SyncDeps, work: string, item: ReceivedItem): Promise<Fetched> {
  const dir = await mkdtemp(join(work, 'msg-'));
  const file = join(dir, 'message.edxml');
  try {
    await deps.axis.downloadEdoc(item.docId, file);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    return { kind: 'not-downloaded', error };
  }
  try {
    // The folder is this message's own: its attachments go into it beside the message (removeTempDir knows them).
    const read = await readMessage(file, dir, true);
    return { kind: 'read', dir, file, read, ...(await prepareMain(deps, read)) };
  } catch (error) {
    return { kind: 'unreadable', dir, file, error };
  }
}

async function readMessage(file: string, dir: string, ownDir = false): Promise<OpenedMessage> {
  const message = await parseEdxmlFile(file, { workDir: dir, ownWorkDir: ownDir });
  return { message, delivered: message.kind === 'edoc' ? await unpackAttachments(message, dir) : null };
}

/**
 * An edoc's main PDF, before anything about the message is decided: its signature check begun (docs-core's
 * prepareCheck), and the file put into the blob store, so the check, the copy, its hash and fsyncs (~10 ms of a
 * document's ~25 in the ingestion, mostly waits on the thread pool) overlap the previous message's transaction. The
 * store is content-addressed, so putting it ahead is the same whatever is decided: a message found a duplicate finds
 * its content stored already; one refused later leaves a blob no document names, as a failed receipt always could
 * (its files were put before its transaction). Not put for a recall (type 1), which stores no document.
 */
async function prepareMain(deps: SyncDeps, read: OpenedMessage): Promise<{ check: PreparedCheck | null; stored: StoredBlob | null }> {
  const main = read.delivered ? mainPdfOf(read.delivered) : undefined;
  if (!main || read.message.kind !== 'edoc') return { check: null, stored: null };
  const keep = read.message.business.businessDocType !== 1;
  // Without a check the file streams into the store (flat memory whatever its size).
  if (deps.verifyOnReceipt === false) return { check: null, stored: keep ? await deps.store.blobs.putFile(main.path) : null };
  // Read once for both: the verifier takes the whole file in memory anyway.
  const bytes = await readFile(main.path);
  const [check, stored] = await Promise.all([
    // A check that cannot begin is left to the verify step, which meets the same cause and handles it there.
    deps.workflow.prepareCheck({ bytes }).catch(() => null),
    keep ? deps.store.blobs.put(bytes) : null,
  ]);
  return { check, stored };
}

/** The document itself among an edoc's files: its first PDF. */
function mainPdfOf(delivered: readonly DeliveredFile[]): DeliveredFile | undefined {
  return delivered.find((f) => f.mediaType === 'application/pdf' || f.name.toLowerCase().endsWith('.pdf'));
}

async function seenBefore(db: Kysely<Database>, docId: string): Promise<boolean> {
  return (await db.selectFrom('exchange_inbox').select('state').where('axis_doc_id', '=', docId).executeTakeFirst()) !== undefined;
}

async function receiveOne(deps: SyncDeps, messageType: MessageType, item: ReceivedItem, fetched: Fetched, outcome: Mutable<ReceiveOutcome>, after: Afterwork): Promise<void> {
  try {
    // Taken in before a crash or a lost ack (or listed twice): only the ack is missing, downloaded or not.
    if (await seenBefore(deps.store.db, item.docId)) {
      after.add(ack(deps, item.docId, outcome));
      return;
    }
    if (fetched.kind === 'not-downloaded') {
      outcome.failed += 1;
      deps.log?.('warn', 'axis download failed; the message stays on the axis', { docId: item.docId, error: errorText(fetched.error) });
      return;
    }
    let taken: Taken;
    try {
      if (fetched.kind === 'unreadable') throw fetched.error;
      taken = await take(deps, item, fetched.read, fetched.check, fetched.stored);
    } catch (error) {
      await quarantine(deps, item, messageType, fetched.file, error);
      outcome.quarantined += 1;
      after.add(ack(deps, item.docId, outcome));
      return;
    }
    await deps.store.db
      .insertInto('exchange_inbox')
      .values({
        axis_doc_id: item.docId,
        message_type: messageType,
        state: taken.state,
        received_at: vietnamIso(deps.now()),
        document_id: taken.documentId,
        exchange_document_id: taken.key?.exchangeDocumentId ?? null,
        business_type: taken.key?.businessType ?? null,
        content_hash: taken.key?.contentHash ?? null,
        sender_organ_id: taken.sender,
      })
      .onConflict((c) => c.column('axis_doc_id').doNothing())
      .execute();
    if (taken.state === 'duplicate') outcome.duplicates += 1;
    else if (messageType === 'status') outcome.statuses += 1;
    else outcome.stored += 1;
    after.add(ack(deps, item.docId, outcome));
  } finally {
    if (fetched.kind !== 'not-downloaded') after.add(removeTempDir(deps, fetched.dir, fetched.kind === 'read' ? filesOf(fetched) : []));
  }
}

/**
 * A message's temp folder removed, with one unlink per file it is known to hold and one rmdir: rm's walk (an lstat per
 * entry, a readdir per folder) cost 13 trips through the thread pool per message, paid on the main thread. Whatever
 * else it holds (a ZIP's or a nested edXML's files) leaves it not empty, and rm's walk takes the rest. A failure is
 * logged and stops nothing (what it leaves under tmp/ is only disk).
 */
async function removeTempDir(deps: SyncDeps, dir: string, files: readonly string[] = []): Promise<void> {
  try {
    // A file already gone (the message moved to quarantine) is what the unlink wanted.
    await Promise.all(files.map((file) => unlink(file).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)))));
    await rmdir(dir).catch(() => rm(dir, { recursive: true, force: true }));
  } catch (error) {
    deps.log?.('warn', 'temp folder of a received message not removed', { dir, error: errorText(error) });
  }
}

/** The files a read message's folder holds: the message and its attachments as decoded (not what they unpacked to). */
function filesOf(fetched: Extract<Fetched, { kind: 'read' }>): string[] {
  const message = fetched.read.message;
  return [fetched.file, ...(message.kind === 'edoc' ? message.attachments.map((a) => a.path) : [])];
}

function take(deps: SyncDeps, item: ReceivedItem, read: OpenedMessage, check: PreparedCheck | null, stored: StoredBlob | null): Promise<Taken> {
  return read.message.kind === 'status' ? takeStatus(deps, item, read.message) : takeEdoc(deps, read.message, read.delivered ?? [], check, stored);
}

async function ack(deps: SyncDeps, docId: string, outcome: Mutable<ReceiveOutcome>): Promise<void> {
  try {
    await deps.axis.updateStatus(docId, 'done');
  } catch (error) {
    // The message comes back in the next list; the inbox knows it and only the ack is repeated.
    outcome.failed += 1;
    deps.log?.('warn', 'axis ack failed; it is repeated on the next pass', { docId, error: errorText(error) });
  }
}

async function takeStatus(deps: SyncDeps, item: ReceivedItem, message: Extract<EdxmlMessage, { kind: 'status' }>): Promise<Taken> {
  const fresh = await applyReceivedStatus(deps, message, item.docId);
  return { state: fresh ? 'applied' : 'duplicate', documentId: fresh?.documentId ?? null, key: null, sender: message.from.organId };
}

async function takeEdoc(deps: SyncDeps, message: EdocMessage, delivered: readonly DeliveredFile[], check: PreparedCheck | null, stored: StoredBlob | null): Promise<Taken> {
  // Verify before anything is stored: the main file must be an intact PDF (unpackAttachments refuses a damaged one).
  const main = mainPdfOf(delivered);
  if (!main) throw rejected('Văn bản không có tệp PDF / the message carries no PDF document');
  const header = message.header;
  const businessType = message.business.businessDocType;
  const key: MessageKey = { exchangeDocumentId: header.documentId, businessType, contentHash: main.sha256 };
  const sender = header.from.organId;
  const db = deps.store.db;

  // The same message again (a resend after a crash, a dropped answer): flagged as a duplicate, not stored twice.
  const earlier = await db
    .selectFrom('exchange_inbox')
    .select(['document_id'])
    .where('exchange_document_id', '=', key.exchangeDocumentId)
    .where('business_type', '=', key.businessType)
    .where('content_hash', '=', key.contentHash)
    .where('state', 'in', ['stored', 'applied'])
    .executeTakeFirst();
  if (earlier) return { state: 'duplicate', documentId: earlier.document_id, key, sender };
  const storedBeforeCrash = await storedDocument(db, key);
  if (storedBeforeCrash) {
    // A crash may have come between storing the replacement and marking what it replaces.
    if (businessType === 3) await markReplaced(deps, message, storedBeforeCrash);
    await verifyOnReceipt(deps, storedBeforeCrash, undefined, check);
    return { state: 'stored', documentId: storedBeforeCrash, key, sender };
  }

  if (businessType === 1) {
    const target = message.business.documentId ?? header.documentId;
    try {
      await deps.workflow.requestRecallFromAxis(target, message.business.reason || 'Thu hồi văn bản');
    } catch (error) {
      // A recall already pending (this message taken before a crash) is the same recall.
      if (!(error instanceof EOfficeError && error.code === 'E_INVALID_STATE')) throw error;
    }
    return { state: 'applied', documentId: null, key, sender };
  }

  const taken = await deps.workflow.takeFromAxis({
    // The decoded files themselves, streamed into the blob store (never read whole into memory here).
    pdf: stored?.sha256 === main.sha256 ? { stored } : { path: main.path },
    pdfName: main.name,
    attachments: delivered.filter((f) => f !== main).map((f: DeliveredFile) => ({ name: f.name, path: f.path })),
    exchangeDocumentId: header.documentId,
    businessType,
    from: sender,
    ...(header.from.organName ? { fromName: header.from.organName.slice(0, 200) } : {}),
    number: header.codeNumber.slice(0, 11) || '0',
    symbol: header.codeNotation.slice(0, 30) || '—',
    issuedDate: header.promulgationDate ?? vietnamIso(deps.now()).slice(0, 10),
    type: typeOf(header.documentType.typeName),
    subject: (header.subject || header.content || '(không có trích yếu)').slice(0, 500),
    urgency: URGENCY_OF_PRIORITY[header.priority] ?? 'normal',
    // The axis never carries state secrets (Decision 28/2018/QĐ-TTg).
    secrecy: 'none',
    language: 'Tiếng Việt',
    ...(header.dueDate ? { dueDate: header.dueDate } : {}),
    ...(header.signer.fullName ? { signerName: header.signer.fullName.slice(0, 50) } : {}),
    ...(header.signer.position ? { signerPosition: header.signer.position.slice(0, 100) } : {}),
    ...(header.pageAmount !== null ? { pageAmount: header.pageAmount } : {}),
    ...(header.toPlaces.length > 0 ? { toPlaces: header.toPlaces.join('\n').slice(0, 1000) } : {}),
  }, check ? { prepared: check, note: VERIFY_NOTE } : undefined);
  const documentId = taken.id;
  if (businessType === 3) await markReplaced(deps, message, documentId);
  // Checked on arrival when the check begun ahead stood for the stored bytes; else the verify step checks it now.
  if (taken.state === 'received') await verifyOnReceipt(deps, documentId, 'received', check);
  return { state: 'stored', documentId, key, sender };
}

/**
 * The documents a type-3 message replaces point to their successor. docs-core leaves those already marked by it alone,
 * inside its transaction (a message taken in again after a crash between the mark and the ack marks nothing twice).
 */
async function markReplaced(deps: SyncDeps, message: EdocMessage, replacementId: string): Promise<void> {
  const replaced = [...new Set((message.business.replacements ?? []).map((r) => r.documentId))];
  if (replaced.length > 0) await deps.workflow.markReplacedFromAxis(replaced, replacementId);
}

/** Stored by docs-core before a crash, the inbox line not yet written: the same DocumentId, type and content. */
async function storedDocument(db: Kysely<Database>, key: MessageKey): Promise<string | null> {
  const row = await db
    .selectFrom('documents')
    .select('id')
    .where('direction', '=', 'incoming')
    .where('source', '=', 'axis')
    .where('exchange_document_id', '=', key.exchangeDocumentId)
    .where('business_type', '=', key.businessType)
    .where('content_hash', '=', key.contentHash)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Every received PDF signature is verified on receipt through docs-core's own verify step (the verifier port, the
 * verdict recorded and flagged); the clerk then registers it or rejects it with status 02.
 */
async function verifyOnReceipt(deps: SyncDeps, documentId: string, state: DocumentView['state'] | undefined, check: PreparedCheck | null): Promise<void> {
  if (deps.verifyOnReceipt === false) return;
  // received, as takeFromAxis just stored it, or (taken in before a crash) the state the store has now.
  let current = state;
  if (current === undefined) {
    try {
      current = (await deps.workflow.show(documentId)).state;
    } catch {
      return;
    }
  }
  if (current !== 'received') return;
  try {
    await deps.workflow.verifyArrival(SYSTEM_ACTOR, documentId, VERIFY_NOTE, check ?? undefined);
  } catch (error) {
    // Left for the clerk's own check (no verifier configured on this face, a rule that needs a person).
    deps.log?.('warn', 'signature check on receipt not done; left to the clerk', { documentId, error: errorText(error) });
  }
}

function typeOf(typeName: string): string {
  try {
    return findDocumentType(typeName || 'Công văn').name;
  } catch {
    // A sender's own type list: received as a công văn, its name kept in the log.
    return 'Công văn';
  }
}

async function quarantine(deps: SyncDeps, item: ReceivedItem, messageType: MessageType, file: string, error: unknown): Promise<void> {
  const dir = join(deps.dataDir, 'exchange', 'quarantine');
  await makePrivateDir(join(deps.dataDir, 'exchange'));
  await makePrivateDir(dir);
  const safeName = `${createHash('sha256').update(item.docId).digest('hex').slice(0, 16)}.edxml`;
  const kept = join(dir, safeName);
  await rename(file, kept).catch(() => undefined);
  const code = error instanceof EOfficeError ? error.code : 'E_EXCHANGE_MESSAGE_REJECTED';
  await deps.store.db
    .insertInto('exchange_inbox')
    .values({
      axis_doc_id: item.docId,
      message_type: messageType,
      state: 'quarantined',
      received_at: vietnamIso(deps.now()),
      sender_organ_id: item.from ?? null,
      error_code: code,
      error: errorText(error).slice(0, 2000),
      file: relative(deps.dataDir, kept),
    })
    .onConflict((c) => c.column('axis_doc_id').doNothing())
    .execute();
  deps.log?.('error', 'received message quarantined', { docId: item.docId, error: errorText(error) });
}

function rejected(message: string): EOfficeError {
  return new EOfficeError('E_EXCHANGE_MESSAGE_REJECTED', message);
}

/**
 * Takes a quarantined message in again from the file kept for it (after the cause was fixed: a missing directory
 * entry, a verifier now configured). Returns true when it was taken in; it stays quarantined with its new error if not.
 */
export async function retakeQuarantined(deps: SyncDeps, axisDocId: string): Promise<boolean> {
  const db = deps.store.db;
  const row = await db.selectFrom('exchange_inbox').selectAll().where('axis_doc_id', '=', axisDocId).where('state', '=', 'quarantined').executeTakeFirst();
  if (!row?.file) return false;
  const work = join(deps.dataDir, 'tmp', 'exchange-in');
  await makePrivateDir(work);
  const messageDir = await mkdtemp(join(work, 'retry-'));
  try {
    const item: ReceivedItem = { docId: axisDocId, ...(row.sender_organ_id ? { from: row.sender_organ_id } : {}) };
    let taken: Taken;
    try {
      taken = await take(deps, item, await readMessage(join(deps.dataDir, row.file), messageDir), null, null);
    } catch (error) {
      await db.updateTable('exchange_inbox').set({ error_code: error instanceof EOfficeError ? error.code : 'E_EXCHANGE_MESSAGE_REJECTED', error: errorText(error).slice(0, 2000) }).where('axis_doc_id', '=', axisDocId).execute();
      return false;
    }
    await db
      .updateTable('exchange_inbox')
      .set({
        state: taken.state,
        document_id: taken.documentId,
        exchange_document_id: taken.key?.exchangeDocumentId ?? null,
        business_type: taken.key?.businessType ?? null,
        content_hash: taken.key?.contentHash ?? null,
        sender_organ_id: taken.sender,
        error_code: null,
        error: null,
        file: null,
      })
      .where('axis_doc_id', '=', axisDocId)
      .execute();
    await rm(join(deps.dataDir, row.file), { force: true });
    return true;
  } finally {
    await rm(messageDir, { recursive: true, force: true });
  }
}
