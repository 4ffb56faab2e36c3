import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AxisClient, axisSecretFrom, parseEdxmlFile, startAxisServer, type RunningAxis } from '../src/index.js';
import { EDXML_FIXTURES, FIXTURES, useWorkDir } from './work-dir.js';

const work = useWorkDir();
const SYSTEMS = [
  { systemId: 'vxp.test.01', secret: 'test-secret-for-capture', organIds: ['*'] },
  { systemId: 'h51', secret: 'secret-h51', organIds: ['000.00.15.H51'] },
  { systemId: 'g22', secret: 'secret-g22', organIds: ['000.00.00.G22'] },
];

async function withAxis<T>(options: Partial<Parameters<typeof startAxisServer>[0]>, body: (axis: RunningAxis, dir: string) => Promise<T>): Promise<T> {
  const dir = work();
  const axis = await startAxisServer({ dataDir: join(dir, 'axis'), systems: SYSTEMS, ...options });
  try {
    return await body(axis, dir);
  } finally {
    await axis.close();
  }
}

/** Sends a captured request's bytes as they are, with the capture's body completed from the sample file. */
function replay(axis: RunningAxis, stem: string, fullBody?: Buffer): Promise<string> {
  const raw = readFileSync(join(FIXTURES, 'vdxp-capture', `${stem}.http`));
  const split = raw.indexOf('\r\n\r\n') + 4;
  const body = fullBody ? Buffer.concat([fullBody, Buffer.from('\r\n')]) : raw.subarray(split);
  const head = raw.subarray(0, split).toString('latin1').replace('Connection: keep-alive', 'Connection: close').replace('Connection: Keep-Alive', 'Connection: close');
  return new Promise((resolve, reject) => {
    const socket = connect(axis.port, '127.0.0.1', () => socket.write(Buffer.concat([Buffer.from(head, 'latin1'), body])));
    let text = '';
    socket.on('data', (c: Buffer) => {
      text = (text + c.toString('latin1')).replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '');
      const end = text.indexOf('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(text)?.[1] ?? -1);
      if (end >= 0 && length >= 0 && Buffer.byteLength(text.slice(end + 4), 'latin1') >= length) {
        socket.destroy();
        resolve(Buffer.from(text.slice(end + 4), 'latin1').toString('utf8'));
      }
    });
    socket.on('error', reject);
  });
}

describe('the local axis', () => {
  it('accepts the SDK’s own requests byte for byte (timestamp reused, sample edXML not namespace-well-formed) and routes by To', async () => {
    await withAxis({}, async (axis) => {
      const sent = JSON.parse(await replay(axis, 'sendEdoc-edoc', readFileSync(join(EDXML_FIXTURES, 'edoc.edxml'))));
      expect(sent).toMatchObject({ status: 'OK', ErrorCode: '0', DocId: expect.any(String) });
      expect(JSON.parse(await replay(axis, 'sendEdoc-with-to', readFileSync(join(EDXML_FIXTURES, 'edoc.edxml'))))).toMatchObject({ status: 'OK' });
      const status = JSON.parse(await replay(axis, 'sendEdoc-status', readFileSync(join(EDXML_FIXTURES, 'status.edxml'))));
      expect(status.status).toBe('OK');
      // Replayed twice: the same timestamp again is accepted.
      expect(JSON.parse(await replay(axis, 'getReceivedEdocList-edoc')).status).toBe('OK');
      expect(JSON.parse(await replay(axis, 'getReceivedEdocList-edoc')).status).toBe('OK');
      for (const stem of ['getAgenciesList', 'getAgenciesListQD20', 'getSynchronizeUnit', 'registerAgency', 'deleteAgency', 'countReceiveEdoc', 'countReceiveStatus', 'getSentEdocList']) {
        expect(JSON.parse(await replay(axis, stem)), stem).toMatchObject({ status: 'OK', ErrorCode: '0' });
      }
      const h51 = new AxisClient({ endpoint: axis.url, systemId: 'h51', secret: 'secret-h51' });
      const list = await h51.getReceivedEdocList('edoc');
      // Two messages for H51: ours and the SDK's replayed sendEdoc (whose id the axis chose).
      expect(list).toHaveLength(2);
      expect(list.map((i) => i.docId)).toContain(sent.DocId);
      expect(new Set(list.map((i) => i.docId)).size).toBe(2);
      expect(list.every((i) => i.to === '000.00.15.H51')).toBe(true);
      const g22 = new AxisClient({ endpoint: axis.url, systemId: 'g22', secret: 'secret-g22' });
      expect((await g22.getReceivedEdocList('status')).map((i) => i.docId)).toEqual([status.DocId]);
      // A wrong secret: FAIL in the JSON fields (with DocId for sendEdoc), typed for our client.
      const forged = new AxisClient({ endpoint: axis.url, systemId: 'h51', secret: 'wrong' });
      await expect(forged.getReceivedEdocList('edoc')).rejects.toMatchObject({ code: 'E_AXIS_REFUSED', details: { errorCode: '401' } });
    });
  });

  it('keeps a message until its receiver acks done; fail puts it back; download is the bytes sent; a second identical send is a second message', async () => {
    await withAxis({}, async (axis, dir) => {
      const gateway = new AxisClient({ endpoint: axis.url, systemId: 'vxp.test.01', secret: 'test-secret-for-capture' });
      const file = join(EDXML_FIXTURES, 'status_acceptance_03.edxml');
      const first = await gateway.sendEdoc(file, { from: '000.00.00.H41', messagetype: 'status' });
      const second = await gateway.sendEdoc(file, { from: '000.00.00.H41', messagetype: 'status' });
      expect(first).not.toBe(second);
      const g22 = new AxisClient({ endpoint: axis.url, systemId: 'g22', secret: 'secret-g22' });
      expect(await g22.countReceived('status')).toBe(2);
      const out = join(dir, 'got.edxml');
      await g22.downloadEdoc(first, out);
      expect(readFileSync(out).equals(readFileSync(file))).toBe(true);
      expect((await g22.getEdoc(first)).equals(readFileSync(file))).toBe(true);
      expect(await parseEdxmlFile(out, { workDir: dir })).toMatchObject({ kind: 'status', statusCode: '03' });
      await g22.updateStatus(first, 'fail');
      expect(await g22.countReceived('status')).toBe(2);
      await g22.updateStatus(first, 'done');
      expect((await g22.getReceivedEdocList('status')).map((i) => i.docId)).toEqual([second]);
      // Another system cannot read or ack it; nor can it send as an organ it does not own.
      const h51 = new AxisClient({ endpoint: axis.url, systemId: 'h51', secret: 'secret-h51' });
      await expect(h51.getEdoc(second)).rejects.toMatchObject({ code: 'E_AXIS_REFUSED' });
      await expect(h51.sendEdoc(file, { from: '000.00.00.H41', messagetype: 'status' })).rejects.toMatchObject({ code: 'E_AXIS_REFUSED', details: { errorCode: '403' } });
    });
  });

  it('one edoc to two organs: each system lists, downloads and acks only its own copy, the gateway neither; one ack leaves the other', async () => {
    await withAxis({}, async (axis, dir) => {
      const gateway = new AxisClient({ endpoint: axis.url, systemId: 'vxp.test.01', secret: 'test-secret-for-capture' });
      const h51 = new AxisClient({ endpoint: axis.url, systemId: 'h51', secret: 'secret-h51' });
      const g22 = new AxisClient({ endpoint: axis.url, systemId: 'g22', secret: 'secret-g22' });
      // The body's To names H51; the `to` header adds G22.
      const id = await gateway.sendEdoc(join(EDXML_FIXTURES, 'edoc.edxml'), { from: '000.00.00.H41', to: '000.00.00.G22', messagetype: 'edoc' });
      expect((await h51.getReceivedEdocList('edoc')).map((i) => [i.docId, i.to])).toEqual([[id, '000.00.15.H51']]);
      expect((await g22.getReceivedEdocList('edoc')).map((i) => [i.docId, i.to])).toEqual([[id, '000.00.00.G22']]);
      expect(await gateway.getReceivedEdocList('edoc')).toEqual([]);
      expect(await g22.countReceived('edoc')).toBe(1);
      await h51.updateStatus(id, 'done');
      expect(await h51.getReceivedEdocList('edoc')).toEqual([]);
      expect(await h51.countReceived('edoc')).toBe(0);
      await expect(h51.updateStatus(id, 'done')).resolves.toBeUndefined();
      expect((await g22.getReceivedEdocList('edoc')).map((i) => i.docId)).toEqual([id]);
      const out = join(dir, 'g22.edxml');
      await g22.downloadEdoc(id, out);
      expect(readFileSync(out).equals(readFileSync(join(EDXML_FIXTURES, 'edoc.edxml')))).toBe(true);
      await expect(gateway.getEdoc(id)).rejects.toMatchObject({ code: 'E_AXIS_REFUSED' });
      await g22.updateStatus(id, 'done');
      expect(await g22.getReceivedEdocList('edoc')).toEqual([]);
    });
  });

  it('fault injection: every call fails at rate 1; with drop-after-receive the message is stored but no answer comes', async () => {
    await withAxis({ failRate: 1 }, async (axis) => {
      const g22 = new AxisClient({ endpoint: axis.url, systemId: 'g22', secret: 'secret-g22' });
      await expect(g22.getReceivedEdocList('edoc')).rejects.toMatchObject({ code: 'E_AXIS_REFUSED' });
    });
    await withAxis({ dropAfterReceive: true, random: () => 0 }, async (axis) => {
      const gateway = new AxisClient({ endpoint: axis.url, systemId: 'vxp.test.01', secret: 'test-secret-for-capture' });
      await expect(gateway.sendEdoc(join(EDXML_FIXTURES, 'status.edxml'), { from: '000.00.00.H41', messagetype: 'status' })).rejects.toMatchObject({ code: 'E_AXIS_UNREACHABLE' });
      expect(await new AxisClient({ endpoint: axis.url, systemId: 'g22', secret: 'secret-g22' }).countReceived('status')).toBe(1);
    });
    await withAxis({ delayMs: 2000 }, async (axis) => {
      const slow = new AxisClient({ endpoint: axis.url, systemId: 'g22', secret: 'secret-g22', timeoutMs: 100 });
      await expect(slow.countReceived('edoc')).rejects.toMatchObject({ code: 'E_AXIS_TIMEOUT' });
    });
  });

  it('the secret comes from an environment variable or an owner-only file, never anything else', () => {
    expect(axisSecretFrom({ env: { MY_SECRET: 's3' }, envName: 'MY_SECRET' })).toBe('s3');
    expect(() => axisSecretFrom({ env: {}, envName: 'MY_SECRET' })).toThrow(expect.objectContaining({ code: 'E_AXIS_SECRET_MISSING' }));
    const file = join(work(), 'secret');
    writeFileSync(file, 'from-file\n', { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(() => axisSecretFrom({ env: {}, file })).toThrow(expect.objectContaining({ code: 'E_AXIS_SECRET_MISSING' }));
    chmodSync(file, 0o600);
    expect(axisSecretFrom({ env: {}, file })).toBe('from-file');
  });
});

describe('eoffice axis serve', () => {
  it('serves the demo province, each endpoint its own system id with the secret from EOFFICE_AXIS_SECRET, and stops on SIGTERM', async () => {
    const { spawn } = await import('node:child_process');
    const { generateDemoProvince } = await import('@eoffice/docs-core');
    const code = generateDemoProvince().endpoints[5]?.code as string;
    const dir = work();
    const bundle = join(import.meta.dirname, '..', '..', '..', 'scripts', 'eoffice', 'dist', 'eoffice.mjs');
    const child = spawn(process.execPath, [bundle, 'axis', 'serve', '--port', '0', '--data', join(dir, 'axis'), '--json'], { env: { ...process.env, EOFFICE_AXIS_SECRET: 'demo-secret' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve((JSON.parse(out) as { url: string }).url);
      });
      child.on('exit', (exitCode) => reject(new Error(`exited ${exitCode}`)));
    });
    const client = new AxisClient({ endpoint: url, systemId: code, secret: 'demo-secret' });
    expect(await client.countReceived('edoc')).toBe(0);
    expect((await client.getAgenciesList()).length).toBe(650);
    await expect(new AxisClient({ endpoint: url, systemId: code, secret: 'other' }).countReceived('edoc')).rejects.toMatchObject({ code: 'E_AXIS_REFUSED' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
