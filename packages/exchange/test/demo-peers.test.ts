import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AxisClient, buildDocumentId, parseEdxmlFile, startAxisServer, startDemoPeers, writeEdocFile, type StatusMessage } from '../src/index.js';
import { useWorkDir } from './work-dir.js';

const work = useWorkDir();
const SENDER = '000.00.01.Z99';
const RECIPIENTS = ['000.00.02.Z99', '000.00.03.Z99'];

/** The local demo axis as `pnpm start` runs it: the agency's own system, and the peers as a gateway for the rest. */
describe('the demo peers on the local demo axis', () => {
  it('answer each recipient of a dispatched document with 01 then 03 for that document, ack it, and answer it only once', async () => {
    const dir = work();
    const axis = await startAxisServer({
      dataDir: join(dir, 'axis'),
      systems: [
        { systemId: SENDER, secret: 'agency-secret', organIds: [SENDER] },
        { systemId: 'demo-peers', secret: 'peers-secret', organIds: ['*'] },
      ],
    });
    const peers = startDemoPeers({
      axisUrl: axis.url, systemId: 'demo-peers', secret: 'peers-secret', workDir: join(dir, 'peers'), intervalMs: 3_600_000,
      nameOf: (organId) => (organId === RECIPIENTS[0] ? 'Sở Nội vụ tỉnh Demo' : undefined),
    });
    try {
      const agency = new AxisClient({ endpoint: axis.url, systemId: SENDER, secret: 'agency-secret' });
      const pdf = join(dir, 'cv.pdf');
      writeFileSync(pdf, '%PDF-1.7\n%%EOF\n');
      const edoc = join(dir, 'edoc.xml');
      const documentId = buildDocumentId(SENDER, '2026-12-04', '12', 'UBND-VP');
      await writeEdocFile({
        header: {
          from: { organId: SENDER, organName: 'Ủy ban nhân dân tỉnh Demo' },
          to: RECIPIENTS.map((organId) => ({ organId })),
          documentId, codeNumber: '12', codeNotation: 'UBND-VP', place: 'Tỉnh Demo', promulgationDate: '2026-12-04',
          documentType: { type: 1, typeDetail: 0, typeName: 'Công văn' }, subject: 'V/v thử trục thử nghiệm', content: '',
          signer: { competence: 'TM. ỦY BAN NHÂN DÂN', position: 'Chủ tịch', fullName: 'Nguyễn Văn An' },
          dueDate: null, toPlaces: [], priority: 0, pageAmount: 1, promulgationAmount: null, appendixes: [], responseFor: [], steeringType: 0,
        },
        traces: [{ organId: SENDER, timestamp: '2026/12/04 09:00:00' }],
        business: { documentId: null, businessDocType: 0, reason: 'Văn bản điện tử mới', paper: false },
        attachments: [{ contentId: 'cid:1', name: 'cv.pdf', description: 'Văn bản chính', contentType: 'application/pdf', path: pdf }],
      }, edoc);
      await agency.sendEdoc(edoc, { from: SENDER, messagetype: 'edoc' });

      expect(await peers.runOnce()).toBe(1);
      // Nothing left for the peers: the document was acked, a second pass answers nothing.
      expect(await peers.runOnce()).toBe(0);

      const statuses: StatusMessage[] = [];
      for (const item of await agency.getReceivedEdocList('status')) {
        const file = join(dir, `${item.docId}.xml`);
        await agency.downloadEdoc(item.docId, file);
        const message = await parseEdxmlFile(file, { workDir: dir });
        if (message.kind === 'status') statuses.push(message);
      }
      expect(statuses.map((s) => [s.from.organId, s.statusCode]).sort()).toEqual(RECIPIENTS.flatMap((r) => [[r, '01'], [r, '03']]).sort());
      for (const status of statuses) {
        expect(status.responseFor).toMatchObject({ organId: SENDER, code: '12/UBND-VP', documentId, promulgationDate: '2026-12-04' });
      }
      expect(statuses.find((s) => s.from.organId === RECIPIENTS[0])?.from.organName).toBe('Sở Nội vụ tỉnh Demo');
      // The agency's own system never sees its document come back as an arrival.
      expect(await agency.getReceivedEdocList('edoc')).toEqual([]);
    } finally {
      await peers.stop();
      await axis.close();
    }
  });
});
