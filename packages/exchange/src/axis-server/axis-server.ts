import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { verifyHeaderSignature, HEADER_PREFIX } from '../axis/header-signature.js';
import { openAxisStore, type AxisStore } from './axis-server-store.js';
import { SystemTable, type AxisSystem } from './axis-systems.js';
import { recipientsOf, recipientsOfHeader } from './recipients-of.js';
import { storeBody } from './store-body.js';

export interface AxisServerOptions {
  readonly dataDir: string;
  readonly systems: readonly AxisSystem[];
  readonly agencies?: ReadonlyArray<{ code: string; name: string; parentCode: string | null }>;
  /** Share of calls (0–1) answered 503 or FAIL JSON, for fault injection. */
  readonly failRate?: number;
  readonly delayMs?: number;
  /**
   * Store a sent message (or apply an ack), then drop the connection before answering: for a share of those calls
   * equal to `failRate` (half of them when no fail rate is set), so a sender retrying still gets through.
   */
  readonly dropAfterReceive?: boolean;
  readonly maxMessageBytes?: number;
  /** Random source for fault injection (tests pass a seeded one). */
  readonly random?: () => number;
  readonly now?: () => Date;
}

export interface RunningAxis {
  readonly url: string;
  readonly port: number;
  readonly store: AxisStore;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

/**
 * A local VDXP axis over HTTP for development, tests and demos: the capture's paths and answer forms, the header HMAC
 * checked per system id (never the timestamp's freshness: the SDK reuses one), edocs routed by the body's To (or the
 * `to` header), statuses by ResponseFor/OrganId, a message kept for each receiver until it acks `done`. An identical
 * message sent twice is stored twice: deduplication is the receiver's job.
 */
export async function startAxisServer(options: AxisServerOptions, port = 0, host = '127.0.0.1'): Promise<RunningAxis> {
  const store = await openAxisStore(options.dataDir);
  if (options.agencies) {
    for (const a of options.agencies) {
      await store.db.insertInto('axis_agencies').values({ code: a.code, name: a.name, parent_code: a.parentCode, mail: '' }).onConflict((c) => c.column('code').doUpdateSet({ name: a.name, parent_code: a.parentCode })).execute();
    }
  }
  const systems = new SystemTable(options.systems);
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const server: Server = createServer({ maxHeaderSize: 256 * 1024 }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) answer(res, 500, fail('500', 'internal error'));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    const path = (req.url ?? '/').split('?')[0] as string;
    const header = (name: string): string | undefined => {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    };
    const systemId = header(`${HEADER_PREFIX}systemid`);
    const system = systemId === undefined ? undefined : systems.get(systemId);
    if (!system || !verifyHeaderSignature(header, system.secret)) {
      req.resume();
      answer(res, 401, { ...fail('401', 'bad signature'), ...(path === '/sendEdoc' ? { DocId: '' } : {}) });
      return;
    }
    // A named system's messages are looked up by its organ ids (the inbox index), not found among everyone's: with one
    // edoc to the 649 endpoints of the demo province, each list, download and ack used to read all 649 rows.
    const organs = systems.inboxOf(system);
    if ((options.failRate ?? 0) > 0 && random() < (options.failRate ?? 0)) {
      req.resume();
      if (random() < 0.5) answer(res, 503, { ...fail('503', 'axis busy (injected)'), ...(path === '/sendEdoc' ? { DocId: '' } : {}) });
      else answer(res, 200, { ...fail('99', 'injected failure'), ...(path === '/sendEdoc' ? { DocId: '' } : {}) });
      return;
    }
    const at = now().toISOString();
    const drop = (): boolean => {
      if (!options.dropAfterReceive || random() >= (options.failRate || 0.5)) return false;
      res.socket?.destroy();
      return true;
    };
    switch (path) {
      case '/sendEdoc': {
        const messageType = header(`${HEADER_PREFIX}messagetype`) === 'status' ? 'status' : 'edoc';
        const from = header(`${HEADER_PREFIX}from`) ?? '';
        if (!systems.mayActAs(system, from)) {
          req.resume();
          answer(res, 200, { ...fail('403', `system ${system.systemId} may not send as ${from}`), DocId: '' });
          return;
        }
        const stored = await storeBody(req, store.filesDir, options.maxMessageBytes ?? 600 * 1024 * 1024);
        if (!stored) {
          answer(res, 200, { ...fail('413', 'message too large'), DocId: '' });
          return;
        }
        const hashFile = header(`${HEADER_PREFIX}hash-file`);
        if (hashFile !== undefined && hashFile !== stored.sdkHash) {
          await rm(stored.path, { force: true });
          answer(res, 200, { ...fail('400', 'hash-file does not match the body'), DocId: '' });
          return;
        }
        const head = await readHead(stored.path);
        const to = messageType === 'edoc' ? [...new Set([...recipientsOf(head, 'edoc'), ...recipientsOfHeader(header(`${HEADER_PREFIX}to`))])] : recipientsOf(head, 'status');
        if (to.length === 0) {
          await rm(stored.path, { force: true });
          answer(res, 200, { ...fail('400', 'no recipient (To / ResponseFor OrganId)'), DocId: '' });
          return;
        }
        const docId = randomUUID();
        const finalPath = join(store.filesDir, docId);
        await rename(stored.path, finalPath);
        await store.db.transaction().execute(async (trx) => {
          for (const organ of to) {
            await trx.insertInto('axis_messages').values({ doc_id: docId, to_organ: organ, from_organ: from, sender_system: system.systemId, message_type: messageType, sha256: stored.sha256, size: stored.size, state: 'initial', attempts: 0, created_at: at, updated_at: at }).execute();
          }
        });
        if (drop()) return;
        answer(res, 200, { ...ok(), DocId: docId });
        return;
      }
      case '/getReceivedEdocList': {
        req.resume();
        const messageType = header(`${HEADER_PREFIX}messagetype`) === 'status' ? 'status' : 'edoc';
        const rows = await store.db
          .selectFrom('axis_messages')
          .selectAll()
          .where('message_type', '=', messageType)
          .where('state', '=', 'initial')
          .$if(organs !== null, (q) => q.where('to_organ', 'in', organs ?? []))
          .orderBy('created_at')
          .orderBy('doc_id')
          .limit(5000)
          .execute();
        const mine = rows.filter((r) => systems.receives(system, r.to_organ));
        const seen = new Set<string>();
        const data = mine.filter((r) => !seen.has(r.doc_id) && seen.add(r.doc_id)).slice(0, 500).map((r) => ({
          docId: r.doc_id, serviceType: 'eDoc', messageType: r.message_type, from: r.from_organ, to: r.to_organ, status: r.state, status_desc: '', created_time: r.created_at, updated_time: r.updated_at,
        }));
        answer(res, 200, { ...ok(), data });
        return;
      }
      case '/countReceiveEdoc':
      case '/countReceiveStatus': {
        req.resume();
        const messageType = path === '/countReceiveStatus' ? 'status' : 'edoc';
        const rows = await store.db.selectFrom('axis_messages').select(['doc_id', 'to_organ']).where('message_type', '=', messageType).where('state', '=', 'initial').$if(organs !== null, (q) => q.where('to_organ', 'in', organs ?? [])).execute();
        answer(res, 200, { ...ok(), count: new Set(rows.filter((r) => systems.receives(system, r.to_organ)).map((r) => r.doc_id)).size });
        return;
      }
      case '/getEdoc':
      case '/downloadEdoc': {
        req.resume();
        const docId = header(`${HEADER_PREFIX}docId`) ?? header(`${HEADER_PREFIX}docid`) ?? '';
        const rows = await store.db.selectFrom('axis_messages').selectAll().where('doc_id', '=', docId).$if(organs !== null, (q) => q.where('to_organ', 'in', organs ?? [])).execute();
        const row = rows.find((r) => systems.receives(system, r.to_organ));
        if (!row) {
          answer(res, 200, fail('404', `no message ${docId} for this system`));
          return;
        }
        const file = join(store.filesDir, row.doc_id);
        if (path === '/getEdoc') {
          answer(res, 200, { ...ok(), data: (await readFile(file)).toString('base64') });
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(row.size) });
        await pipeline(createReadStream(file), res);
        return;
      }
      case '/updateStatus': {
        req.resume();
        const docId = header(`${HEADER_PREFIX}docId`) ?? header(`${HEADER_PREFIX}docid`) ?? '';
        const status = header(`${HEADER_PREFIX}status`) ?? '';
        const rows = await store.db.selectFrom('axis_messages').select(['to_organ']).where('doc_id', '=', docId).$if(organs !== null, (q) => q.where('to_organ', 'in', organs ?? [])).execute();
        const mine = rows.filter((r) => systems.receives(system, r.to_organ)).map((r) => r.to_organ);
        if (mine.length === 0) {
          answer(res, 200, fail('404', `no message ${docId} for this system`));
          return;
        }
        const update = store.db.updateTable('axis_messages').where('doc_id', '=', docId).where('to_organ', 'in', mine);
        if (status === 'done') await update.set({ state: 'done', updated_at: at }).execute();
        else await update.set((eb) => ({ attempts: eb('attempts', '+', 1), updated_at: at })).execute();
        if (drop()) return;
        answer(res, 200, ok());
        return;
      }
      case '/getSentEdocList': {
        req.resume();
        const docId = header(`${HEADER_PREFIX}docId`) ?? '';
        const rows = await store.db.selectFrom('axis_messages').selectAll().where('doc_id', '=', docId).where('sender_system', '=', system.systemId).execute();
        answer(res, 200, {
          ...ok(),
          data: rows.map((r) => ({ serviceType: 'eDoc', messageType: r.message_type, senderDocId: r.doc_id, receiverDocId: r.doc_id, fromCode: r.from_organ, toCode: r.to_organ, title: '', notation: '', sentTime: r.created_at, receivedTime: r.state === 'done' ? r.updated_at : '', sendStatus: 'sent', sendStatusDesc: '', receiveStatus: r.state, receiveStatusDesc: '' })),
        });
        return;
      }
      case '/getAgenciesList':
      case '/getAgenciesListQD20':
      case '/getSynchronizeUnit': {
        req.resume();
        const rows = await store.db.selectFrom('axis_agencies').selectAll().orderBy('code').execute();
        const data = rows.map((r, i) =>
          path === '/getAgenciesList'
            ? { id: String(i + 1), pid: r.parent_code ?? '', code: r.code, name: r.name, mail: r.mail, oldCode: '' }
            : path === '/getAgenciesListQD20'
              ? { id: String(i + 1), code: r.code, name: r.name, mail: r.mail, code102: r.code }
              : { id: String(i + 1), pid: r.parent_code ?? '', code: r.code, name: r.name, mail: r.mail, version: 1, centerCode: '', deleted: false, modifyDate: '', isAgency: true },
        );
        answer(res, 200, { ...ok(), data });
        return;
      }
      case '/registerAgency': {
        const body = await readSmall(req, 64 * 1024);
        let agency: Json;
        try {
          agency = JSON.parse(body) as Json;
        } catch {
          answer(res, 200, fail('400', 'data is not JSON'));
          return;
        }
        const code = typeof agency.code === 'string' ? agency.code.trim() : '';
        const name = typeof agency.name === 'string' ? agency.name.trim() : '';
        if (code === '' || name === '') {
          answer(res, 200, fail('400', 'code and name are required'));
          return;
        }
        const parent = typeof agency.pcode === 'string' && agency.pcode !== '' ? agency.pcode : null;
        const mail = typeof agency.mail === 'string' ? agency.mail : '';
        await store.db.insertInto('axis_agencies').values({ code, name, parent_code: parent, mail }).onConflict((c) => c.column('code').doUpdateSet({ name, parent_code: parent, mail })).execute();
        answer(res, 200, ok());
        return;
      }
      case '/deleteAgency': {
        req.resume();
        await store.db.deleteFrom('axis_agencies').where('code', '=', header(`${HEADER_PREFIX}AgencyCode`) ?? '').execute();
        answer(res, 200, ok());
        return;
      }
      default:
        req.resume();
        answer(res, 404, fail('404', `unknown path ${path}`));
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${bound}`,
    port: bound,
    store,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

function ok(): Json {
  return { status: 'OK', ErrorCode: '0', ErrorDesc: '' };
}

function fail(code: string, desc: string): Json {
  return { status: 'FAIL', ErrorCode: code, ErrorDesc: desc };
}

/** JSON with every non-ASCII character as \uXXXX: the SDK decodes sendEdoc's answer as US-ASCII. Never compressed. */
function answer(res: ServerResponse, status: number, body: Json): void {
  const text = JSON.stringify(body).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

async function readHead(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    // Not zero-filled: only the bytes read are used.
    const buffer = Buffer.allocUnsafe(256 * 1024);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await file.close();
  }
}

function readSmall(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
