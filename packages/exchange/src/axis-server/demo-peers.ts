import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AxisClient } from '../axis/axis-client.js';
import { buildStatusXml } from '../edxml/edxml-writer.js';
import { parseEdxmlFile } from '../edxml/parse-edxml.js';
import { edxmlTimestamp } from '../outgoing/outgoing-edoc.js';

/** The statuses a demo peer answers, in order: received (01), then registered (03), as its clerk would. */
const DEMO_ANSWERS = [
  { statusCode: '01', description: 'Đã nhận (đầu mối thử nghiệm) / received (demo endpoint)' },
  { statusCode: '03', description: 'Đã vào sổ (đầu mối thử nghiệm) / registered (demo endpoint)' },
] as const;

export interface DemoPeersOptions {
  /** The demo axis, and the gateway system the peers act through (its organ ids: `*`). */
  readonly axisUrl: string;
  readonly systemId: string;
  readonly secret: string;
  /** A private folder for the downloaded messages (emptied after each one). */
  readonly workDir: string;
  /** Names of the demo endpoints, so each status carries its sender's name. */
  readonly nameOf?: (organId: string) => string | undefined;
  readonly intervalMs?: number;
  /** A pass failed (the axis went away while closing, say): the caller logs it; the next pass tries again. */
  readonly onError?: (error: unknown) => void;
}

export interface DemoPeers {
  /** One pass now: every document waiting for the peers is answered 01 and 03 by each recipient, then acked. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The other endpoints of the demo province, played by one process on the local demo axis: every document sent to
 * them is answered by each recipient with 01 then 03, so a single machine trying the app sees a dispatched document's
 * statuses arrive as they would from real agencies. Only for the demo axis: a real axis has real peers.
 */
export function startDemoPeers(options: DemoPeersOptions): DemoPeers {
  const client = new AxisClient({ endpoint: options.axisUrl, systemId: options.systemId, secret: options.secret });
  let running: Promise<number> = Promise.resolve(0);
  let stopped = false;

  const pass = async (): Promise<number> => {
    await mkdir(options.workDir, { recursive: true, mode: 0o700 });
    let answered = 0;
    for (const item of await client.getReceivedEdocList('edoc')) {
      const dir = await mkdtemp(join(options.workDir, 'peer-'));
      try {
        const file = join(dir, 'edoc.xml');
        await client.downloadEdoc(item.docId, file);
        const message = await parseEdxmlFile(file, { workDir: dir });
        if (message.kind !== 'edoc') {
          await client.updateStatus(item.docId, 'done');
          continue;
        }
        const { header } = message;
        const sender = header.from.organId;
        for (const recipient of header.to.filter((organ) => organ.organId !== sender)) {
          for (const answer of DEMO_ANSWERS) {
            const statusFile = join(dir, `status-${recipient.organId}-${answer.statusCode}.xml`);
            await writeFile(statusFile, buildStatusXml({
              from: { organId: recipient.organId, organName: options.nameOf?.(recipient.organId) ?? recipient.organName ?? recipient.organId },
              responseFor: {
                organId: sender,
                code: [header.codeNumber, header.codeNotation].filter(Boolean).join('/'),
                promulgationDate: header.promulgationDate,
                documentId: header.documentId,
              },
              statusCode: answer.statusCode,
              description: answer.description,
              timestamp: edxmlTimestamp(new Date()),
            }), { mode: 0o600 });
            await client.sendEdoc(statusFile, { from: recipient.organId, to: sender, messagetype: 'status' });
          }
        }
        await client.updateStatus(item.docId, 'done');
        answered += 1;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    return answered;
  };

  const runOnce = (): Promise<number> => (running = running.catch(() => 0).then(pass));
  const timer = setInterval(() => {
    if (!stopped) runOnce().catch((error: unknown) => options.onError?.(error));
  }, options.intervalMs ?? 5_000);
  timer.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => 0);
    },
  };
}
