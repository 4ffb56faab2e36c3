import { sql, type Kysely, type Transaction } from 'kysely';
import type { Clock } from '../clock/clock.js';
import { vietnamIso } from '@eoffice/vietnamese';
import type { AuditLogTable, Database } from '../store/schema.js';
import { dialectOf } from '../store/store-dialect.js';
import type { AuditAnchorSnapshot, AuditAnchorSource } from './audit-anchor-store.js';
import { GENESIS_HASH, hashAuditEntry } from './audit-entry-hash.js';

export interface AuditRecord {
  /** Username, or `system` for the app itself. */
  readonly actor: string;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  /** Small summaries of what changed, not whole documents. */
  readonly before?: unknown;
  readonly after?: unknown;
}

function summary(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Where the chain stands: the last entry's id and hash (0 and the genesis hash for an empty log). */
export interface AuditChainHead {
  readonly id: number;
  readonly hash: string;
}

/**
 * The next entry after `head` as an audit_log row: its canonical summaries, the link to the previous entry and its own
 * hash. The one place an entry is made, whether appended one at a time or in bulk, so verification cannot tell them
 * apart.
 */
export function linkAuditEntry(head: AuditChainHead, record: AuditRecord, at: string): AuditLogTable {
  const fields = {
    id: head.id + 1,
    at,
    actor: record.actor,
    action: record.action,
    objectType: record.objectType,
    objectId: record.objectId,
    before: summary(record.before),
    after: summary(record.after),
    prevHash: head.hash,
  };
  const hash = hashAuditEntry(fields);
  return {
    id: fields.id, at, actor: fields.actor, action: fields.action, object_type: fields.objectType, object_id: fields.objectId,
    before: fields.before, after: fields.after, prev_hash: fields.prevHash, hash,
  };
}

/** Any constant: names the chain's lock among the database's advisory locks. */
const AUDIT_CHAIN_LOCK = 0x0a0d17;

/**
 * Makes the caller's transaction the chain's only writer until it ends. SQLite's BEGIN IMMEDIATE already holds the
 * database's write lock. PostgreSQL runs transactions side by side (READ COMMITTED), and a row lock cannot guard a head
 * row that does not exist yet, so the writers queue on one transaction-scoped advisory lock; each then reads the head
 * the previous one committed (every statement sees the latest commits), and the chain keeps one head.
 */
export async function lockAuditChain(trx: Transaction<Database>): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
}

/**
 * Appends one entry to the chain. Must run inside the transaction that makes the change it records, which holds the
 * chain's lock from here to its end (lockAuditChain), so reading the head and writing the next entry cannot
 * interleave with another process.
 */
export async function appendAudit(trx: Transaction<Database>, clock: Clock, record: AuditRecord): Promise<number> {
  const [id] = await appendAuditEntries(trx, clock, [record]);
  return id!;
}

/**
 * Appends entries to the chain in their order, as appendAudit would one after another, with one read of the head, one
 * insert and one head update for all of them: an arrival checked on receipt records two steps, and each statement is a
 * trip through the thread pool paid on the receiver's main thread. Returns their ids.
 */
export async function appendAuditEntries(trx: Transaction<Database>, clock: Clock, records: readonly AuditRecord[]): Promise<number[]> {
  if (records.length === 0) return [];
  await lockAuditChain(trx);
  const head = await trx.selectFrom('audit_head').selectAll().where('singleton', '=', 1).executeTakeFirst();
  const at = vietnamIso(clock.now());
  let previous: AuditChainHead = { id: head?.last_id ?? 0, hash: head?.last_hash ?? GENESIS_HASH };
  const rows = records.map((record) => {
    const row = linkAuditEntry(previous, record, at);
    previous = { id: row.id, hash: row.hash };
    return row;
  });
  await trx.insertInto('audit_log').values(rows).execute();
  await trx
    .insertInto('audit_head')
    .values({ singleton: 1, last_id: previous.id, last_hash: previous.hash })
    .onConflict((oc) => oc.column('singleton').doUpdateSet({ last_id: previous.id, last_hash: previous.hash }))
    .execute();
  return rows.map((row) => row.id);
}

export interface AuditChainReport {
  readonly ok: boolean;
  readonly entries: number;
  readonly headId: number | null;
  /** The first entry that does not hold, with why. */
  readonly firstBroken: { readonly id: number; readonly reason: string } | null;
  /** What the anchor store held (null when verified without one, or when it is gone). */
  readonly anchors: {
    readonly anchoredFrom: number;
    readonly count: number;
    readonly lastId: number | null;
    /** See AuditAnchorSnapshot: set on PostgreSQL only. */
    readonly rewritableByApp?: boolean;
  } | null;
}

/**
 * Walks the whole chain in id order; reports the first entry whose content, link or position does not hold. Given
 * the anchor store, also checks every entry against its anchor: an anchored entry that is gone (the newest ones cut
 * off with the head rewritten), an entry whose hash is not the anchored one (rewritten with the chain recomputed),
 * and an entry with no anchor (added outside the app) are each named by the first such entry.
 */
export async function verifyAuditChain(db: Kysely<Database>, anchorStore?: AuditAnchorSource | null): Promise<AuditChainReport> {
  const head = await db.selectFrom('audit_head').selectAll().where('singleton', '=', 1).executeTakeFirst();
  let snapshot: AuditAnchorSnapshot | null = null;
  let anchorProblem: string | null = null;
  if (anchorStore) {
    try {
      snapshot = await anchorStore.read();
      if (!snapshot) anchorProblem = 'thiếu tệp neo nhật ký / the audit anchor store is missing';
    } catch (error) {
      anchorProblem = `không đọc được tệp neo nhật ký / the audit anchor store is unreadable: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const anchorSummary = snapshot
    ? {
        anchoredFrom: snapshot.anchoredFrom, count: snapshot.anchors.length, lastId: snapshot.anchors.at(-1)?.id ?? null,
        ...(snapshot.rewritableByApp === undefined ? {} : { rewritableByApp: snapshot.rewritableByApp }),
      }
    : null;
  // The first anchor of an id is the one that counts (a later one can only follow a cut-off chain).
  const anchored = new Map<number, string>();
  for (const anchor of snapshot?.anchors ?? []) if (!anchored.has(anchor.id)) anchored.set(anchor.id, anchor.hash);
  let expectedId = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let lastPage = 0;
  const broken = (id: number, reason: string): AuditChainReport => ({
    ok: false,
    entries: count,
    headId: head?.last_id ?? null,
    firstBroken: { id, reason },
    anchors: anchorSummary,
  });
  if (anchorProblem) {
    const hasEntries = await db.selectFrom('audit_log').select('id').limit(1).executeTakeFirst();
    if (hasEntries) return broken(1, anchorProblem);
  }
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', lastPage)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.id !== expectedId) {
        return broken(expectedId, `mục ${expectedId} bị xóa / entry ${expectedId} is missing (next found: ${row.id})`);
      }
      if (row.prev_hash !== prevHash) {
        return broken(row.id, `liên kết tới mục trước không khớp / link to the previous entry does not match`);
      }
      const recomputed = hashAuditEntry({
        id: row.id,
        at: row.at,
        actor: row.actor,
        action: row.action,
        objectType: row.object_type,
        objectId: row.object_id,
        before: row.before,
        after: row.after,
        prevHash: row.prev_hash,
      });
      if (recomputed !== row.hash) {
        return broken(row.id, `nội dung mục ${row.id} đã bị sửa / entry ${row.id} content was altered`);
      }
      if (snapshot && row.id >= snapshot.anchoredFrom) {
        const anchor = anchored.get(row.id);
        if (anchor === undefined) {
          return broken(row.id, `mục ${row.id} không có neo (ghi ngoài ứng dụng?) / entry ${row.id} has no anchor (written outside the app?)`);
        }
        if (anchor !== row.hash) {
          return broken(row.id, `mục ${row.id} khác với neo đã ghi / entry ${row.id} was altered: its hash is not the anchored one`);
        }
      }
      prevHash = row.hash;
      expectedId += 1;
      count += 1;
    }
    lastPage = rows.at(-1)!.id;
  }
  const lastId = count;
  const cutOffAnchored = (): AuditChainReport | null => {
    let newest = 0;
    for (const id of anchored.keys()) if (id > lastId && id > newest) newest = id;
    if (newest === 0) return null;
    return broken(
      lastId + 1,
      `các mục từ ${lastId + 1} đến ${newest} đã được neo nhưng không còn / entries ${lastId + 1}…${newest} were anchored and are gone`,
    );
  };
  if (!head) {
    if (count === 0) return cutOffAnchored() ?? { ok: true, entries: 0, headId: null, firstBroken: null, anchors: anchorSummary };
    return broken(1, 'thiếu đầu chuỗi nhật ký / the chain head record is missing');
  }
  if (head.last_id !== lastId || head.last_hash !== prevHash) {
    const missing = lastId + 1;
    return broken(
      head.last_id > lastId ? missing : head.last_id,
      head.last_id > lastId
        ? `các mục từ ${missing} đến ${head.last_id} bị cắt bỏ / entries ${missing}…${head.last_id} were cut off`
        : `đầu chuỗi không khớp mục cuối / the chain head does not match the last entry`,
    );
  }
  const gone = cutOffAnchored();
  if (gone) return gone;
  return { ok: true, entries: count, headId: head.last_id, firstBroken: null, anchors: anchorSummary };
}
