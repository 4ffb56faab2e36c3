import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SdkHeaderMap, buildAxisRequest, serialiseHead, type AxisCall } from '../src/axis/axis-request.js';
import { sdkHex, sdkTimestamp, verifyHeaderSignature } from '../src/axis/header-signature.js';
import { EDXML_FIXTURES, FIXTURES } from './work-dir.js';

const CAPTURE = join(FIXTURES, 'vdxp-capture');
const SECRET = 'test-secret-for-capture';
const HOST = '127.0.0.1:8765';

function capture(stem: string): { head: string; body: Buffer; timestamp: string } {
  const raw = readFileSync(join(CAPTURE, `${stem}.http`));
  const split = raw.indexOf('\r\n\r\n') + 4;
  const head = raw.subarray(0, split).toString('utf8');
  const timestamp = /XroadVnpt-timestamp: (\S+)\r\n/.exec(head)?.[1] as string;
  let body = raw.subarray(split);
  const marker = body.indexOf('\r\n[... body truncated');
  if (marker >= 0) body = body.subarray(0, marker);
  return { head, body, timestamp };
}

function fileArg(name: string): { path: string; size: number; hashFile: string } {
  const path = join(EDXML_FIXTURES, name);
  const bytes = readFileSync(path);
  return { path, size: bytes.length, hashFile: sdkHex(createHash('sha256').update(bytes).digest()) };
}

const REGISTER_DATA = '{"id":"","pcode":"000.00.00.H34","code":"000.00.31.H34","name":"Đơn vị thử nghiệm","mail":"","mobile":"","fax":""}';

// Each captured call and the argument object the SDK sample passed (vdxp-capture README, table of files).
const CALLS: Array<[string, AxisCall, Record<string, string>, string?]> = [
  ['sendEdoc-edoc', 'sendEdoc', { from: '002.00.20.H13', servicetype: 'eDoc', messagetype: 'edoc' }, 'edoc.edxml'],
  ['sendEdoc-status', 'sendEdoc', { from: '000.00.00.H41', servicetype: 'eDoc', messagetype: 'status' }, 'status.edxml'],
  ['sendEdoc-with-to', 'sendEdoc', { from: '002.00.20.H13', to: '000.00.15.H51', servicetype: 'eDoc', messagetype: 'edoc' }, 'edoc.edxml'],
  ['getReceivedEdocList-edoc', 'getReceivedEdocList', { servicetype: 'eDoc', messagetype: 'edoc' }],
  ['getReceivedEdocList-status', 'getReceivedEdocList', { servicetype: 'eDoc', messagetype: 'status' }],
  ['getEdoc', 'getEdoc', { filePath: '/tmp/vxp', docId: 'd1' }],
  ['updateStatus', 'updateStatus', { status: 'done', docId: 'd1' }],
  ['getSentEdocList', 'getSentEdocList', { servicetype: 'eDoc', messagetype: 'edoc', docId: 'test-1' }],
  ['countReceiveEdoc', 'countReceiveEdoc', { servicetype: 'eDoc', messagetype: 'edoc' }],
  ['countReceiveStatus', 'countReceiveStatus', { servicetype: 'eDoc', messagetype: 'status' }],
  ['downloadEdoc', 'downloadEdoc', { filePath: '/tmp/vxp', docId: 'd1' }],
  ['getAgenciesList', 'getAgenciesList', {}],
  ['getAgenciesListQD20', 'getAgenciesListQD20', { level: '1' }],
  ['getSynchronizeUnit', 'getSynchronizeUnit', {}],
  ['registerAgency', 'registerAgency', {}],
  ['deleteAgency', 'deleteAgency', { AgencyCode: '000.00.31.H34' }],
];

describe('requests byte for byte as VNPT SDKVXP 2.0.1 sends them', () => {
  for (const [stem, call, args, file] of CALLS) {
    it(`${stem}`, () => {
      const captured = capture(stem);
      const map = new SdkHeaderMap('vxp.test.01', captured.timestamp);
      const request = buildAxisRequest(map, call, args, { secret: SECRET, host: HOST, ...(file ? { file: fileArg(file) } : {}), ...(call === 'registerAgency' ? { data: REGISTER_DATA } : {}) });
      expect(serialiseHead(request)).toBe(captured.head);
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.concat([readFileSync(request.body.file), Buffer.from('\r\n')]);
      expect(body.subarray(0, captured.body.length).equals(captured.body)).toBe(true);
      expect(captured.body.length === body.length || captured.body.length === 2048).toBe(true);
    });
  }

  it('the chain-* captures: one service object re-sends (and signs) earlier calls’ keys under one timestamp', () => {
    const list = capture('chain-getReceivedEdocList');
    const map = new SdkHeaderMap('vxp.test.01', list.timestamp);
    const o = { secret: SECRET, host: HOST };
    expect(serialiseHead(buildAxisRequest(map, 'getReceivedEdocList', { servicetype: 'eDoc', messagetype: 'edoc' }, o))).toBe(list.head);
    expect(serialiseHead(buildAxisRequest(map, 'getEdoc', { filePath: '/tmp/vxp', docId: 'd1' }, o))).toBe(capture('chain-getEdoc').head);
    expect(serialiseHead(buildAxisRequest(map, 'updateStatus', { status: 'done', docId: 'd1' }, o))).toBe(capture('chain-updateStatus').head);
  });

  it('a server check accepts every captured signature and refuses a changed header or another secret', () => {
    for (const [stem] of CALLS) {
      const lines = capture(stem).head.split('\r\n').slice(1).filter((l) => l.includes(': '));
      const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(': ')).toLowerCase(), l.slice(l.indexOf(': ') + 2)]));
      const get = (name: string): string | undefined => headers.get(name.toLowerCase());
      expect(verifyHeaderSignature(get, SECRET), stem).toBe(true);
      expect(verifyHeaderSignature(get, 'another-secret'), stem).toBe(false);
      headers.set('xroadvnpt-systemid', 'vxp.other');
      expect(verifyHeaderSignature(get, SECRET), stem).toBe(false);
    }
  });

  it('the SDK timestamp and hex quirks', () => {
    expect(sdkTimestamp(new Date('2026-11-27T21:01:01.647Z'), 0)).toBe('27112026T210101+0647');
    expect(sdkTimestamp(new Date('2026-11-27T14:01:01.005Z'), 420)).toBe('27112026T210101+0005');
    expect(sdkHex(Uint8Array.from([0x7e, 0x0e, 0x00, 0xff]))).toBe('7ee0ff');
  });
});
