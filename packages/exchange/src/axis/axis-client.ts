import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat, rename, rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { EOfficeError } from '@eoffice/contract';
import { z } from 'zod';
import { SdkHeaderMap, buildAxisRequest, type AxisCall, type AxisRequest } from './axis-request.js';
import { sdkHex, sdkTimestamp } from './header-signature.js';
import { writeBodyToFile } from './write-body-to-file.js';

export interface AxisClientOptions {
  /** The endpoint, e.g. `http://127.0.0.1:8765` or `https://vxp…`; the call name is appended as `/name`. */
  readonly endpoint: string;
  readonly systemId: string;
  readonly secret: string;
  /** Per call, milliseconds (default 30 s). */
  readonly timeoutMs?: number;
  /** TLS: extra CA certificates (PEM) and whether to check the server's certificate (default true). */
  readonly ca?: string | Buffer;
  readonly rejectUnauthorized?: boolean;
  /** The clock (EOFFICE_NOW through the caller); the timestamp is written in Vietnam time, as clients there do. */
  readonly now?: () => Date;
  /** The largest JSON answer read into memory (getEdoc carries base64), bytes. */
  readonly maxAnswerBytes?: number;
}

const answerSchema = z.looseObject({ status: z.string(), ErrorCode: z.union([z.string(), z.number()]), ErrorDesc: z.string().nullable().optional() });
const listItemSchema = z.looseObject({
  docId: z.string(),
  serviceType: z.string().optional(),
  messageType: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  status: z.string().optional(),
  created_time: z.string().optional(),
});
export type ReceivedItem = z.infer<typeof listItemSchema>;

export type MessageType = 'edoc' | 'status';

/**
 * The VDXP axis client: every call of VNPT's SDK, with the SDK's exact requests (axis-request.ts), one fresh header
 * map per call, timeouts, and typed errors — E_AXIS_REFUSED (the axis's ErrorCode in details), E_AXIS_TIMEOUT,
 * E_AXIS_UNREACHABLE, E_AXIS_BAD_ANSWER. The secret stays in this object; it is never put in an error or a log.
 */
export class AxisClient {
  readonly #o: AxisClientOptions;
  readonly #base: URL;

  constructor(options: AxisClientOptions) {
    this.#o = options;
    this.#base = new URL(options.endpoint);
  }

  async sendEdoc(file: string, args: { from: string; to?: string; messagetype: MessageType }): Promise<string> {
    const size = (await stat(file)).size;
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    const callArgs: Record<string, string> = { from: args.from, servicetype: 'eDoc', messagetype: args.messagetype };
    if (args.to !== undefined) callArgs.to = args.to;
    const answer = await this.#json('sendEdoc', callArgs, { file: { path: file, size, hashFile: sdkHex(hash.digest()) } });
    const docId = z.object({ DocId: z.string().min(1) }).safeParse(answer);
    if (!docId.success) throw badAnswer('sendEdoc', 'không có DocId / no DocId');
    return docId.data.DocId;
  }

  async getReceivedEdocList(messagetype: MessageType): Promise<ReceivedItem[]> {
    const answer = await this.#json('getReceivedEdocList', { servicetype: 'eDoc', messagetype });
    const data = z.array(listItemSchema).safeParse(answer.data);
    if (!data.success) throw badAnswer('getReceivedEdocList', 'data không phải danh sách / data is not a list');
    return data.data;
  }

  /** The raw download (flat memory): the answer's bytes go to `outFile` (0600, temp file + rename). */
  async downloadEdoc(docId: string, outFile: string): Promise<number> {
    const request = this.#build('downloadEdoc', { docId });
    const response = await this.#send(request);
    if ((response.statusCode ?? 500) !== 200 || String(response.headers['content-type'] ?? '').includes('json')) {
      const text = await readAll(response, 1024 * 1024);
      throw failure('downloadEdoc', parseAnswer('downloadEdoc', text));
    }
    const temp = `${outFile}.${process.pid}.part`;
    try {
      const size = await writeBodyToFile(response, temp);
      await rename(temp, outFile);
      return size;
    } catch (error) {
      await rm(temp, { force: true });
      throw unreachable('downloadEdoc', error);
    }
  }

  async getEdoc(docId: string): Promise<Buffer> {
    const answer = await this.#json('getEdoc', { docId });
    if (typeof answer.data !== 'string') throw badAnswer('getEdoc', 'data không phải base64 / data is not base64');
    return Buffer.from(answer.data, 'base64');
  }

  /** Acks the axis message: `done` removes it from the receiver's list, `fail` puts it back for a later try. */
  async updateStatus(docId: string, status: 'done' | 'fail'): Promise<void> {
    await this.#json('updateStatus', { docId, status });
  }

  async getSentEdocList(docId: string, messagetype: MessageType = 'edoc'): Promise<unknown[]> {
    const answer = await this.#json('getSentEdocList', { servicetype: 'eDoc', messagetype, docId });
    return Array.isArray(answer.data) ? answer.data : [];
  }

  async countReceived(messagetype: MessageType): Promise<number> {
    const answer = await this.#json(messagetype === 'edoc' ? 'countReceiveEdoc' : 'countReceiveStatus', { servicetype: 'eDoc', messagetype });
    return typeof answer.count === 'number' ? answer.count : Number(answer.count ?? 0);
  }

  async getAgenciesList(): Promise<Array<Record<string, unknown>>> {
    const answer = await this.#json('getAgenciesList', {});
    return Array.isArray(answer.data) ? (answer.data as Array<Record<string, unknown>>) : [];
  }

  async getAgenciesListQD20(level: string): Promise<Array<Record<string, unknown>>> {
    const answer = await this.#json('getAgenciesListQD20', { level });
    return Array.isArray(answer.data) ? (answer.data as Array<Record<string, unknown>>) : [];
  }

  async registerAgency(agency: { id: string; pcode: string; code: string; name: string; mail: string; mobile: string; fax: string }): Promise<void> {
    await this.#json('registerAgency', {}, { data: JSON.stringify(agency) });
  }

  #build(call: AxisCall, args: Record<string, string>, extra: { file?: { path: string; size: number; hashFile: string }; data?: string } = {}): AxisRequest {
    const now = (this.#o.now ?? (() => new Date()))();
    const map = new SdkHeaderMap(this.#o.systemId, sdkTimestamp(now, 420));
    return buildAxisRequest(map, call, args, { secret: this.#o.secret, host: this.#base.host, ...extra });
  }

  async #json(call: AxisCall, args: Record<string, string>, extra: { file?: { path: string; size: number; hashFile: string }; data?: string } = {}): Promise<z.infer<typeof answerSchema>> {
    const response = await this.#send(this.#build(call, args, extra));
    const text = await readAll(response, this.#o.maxAnswerBytes ?? 512 * 1024 * 1024).catch((error: unknown) => {
      throw unreachable(call, error);
    });
    const answer = parseAnswer(call, text);
    if (answer.status !== 'OK' || String(answer.ErrorCode) !== '0') throw failure(call, answer);
    return answer;
  }

  #send(request: AxisRequest): Promise<IncomingMessage> {
    const url = new URL(request.path, this.#base);
    const call = request.path.slice(1);
    const timeout = this.#o.timeoutMs ?? 30_000;
    const make = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = make(url, {
        method: request.method,
        // A flat list keeps the SDK's header order on the wire.
        headers: request.headers.flat() as string[],
        timeout,
        ...(url.protocol === 'https:' ? { ca: this.#o.ca, rejectUnauthorized: this.#o.rejectUnauthorized ?? true } : {}),
      });
      req.on('timeout', () => req.destroy(new EOfficeError('E_AXIS_TIMEOUT', `Trục không trả lời trong ${timeout} ms (${call}) / the axis did not answer in time`)));
      req.on('error', (error) => reject(error instanceof EOfficeError ? error : unreachable(call, error)));
      req.on('response', resolve);
      if (Buffer.isBuffer(request.body)) {
        req.end(request.body);
      } else {
        const stream = createReadStream(request.body.file);
        stream.on('error', (error) => req.destroy(error));
        stream.on('end', () => req.end('\r\n'));
        stream.pipe(req, { end: false });
      }
    });
  }
}

function readAll(response: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) response.destroy(new Error(`answer larger than ${limit} bytes`));
      else chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
    response.on('aborted', () => reject(new Error('connection closed mid-answer')));
  });
}

function parseAnswer(call: string, text: string): z.infer<typeof answerSchema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Unlike the SDK, which reads an HTML error page as "OK, nothing new", a non-JSON answer is an error here.
    throw badAnswer(call, 'không phải JSON / not JSON');
  }
  const parsed = answerSchema.safeParse(json);
  if (!parsed.success) throw badAnswer(call, 'thiếu status/ErrorCode / no status or ErrorCode');
  return parsed.data;
}

function failure(call: string, answer: z.infer<typeof answerSchema>): EOfficeError {
  return new EOfficeError('E_AXIS_REFUSED', `Trục từ chối ${call}: ${answer.ErrorCode} ${answer.ErrorDesc ?? ''} / the axis refused ${call}`, {
    call,
    errorCode: String(answer.ErrorCode),
    errorDesc: answer.ErrorDesc ?? '',
  });
}

function badAnswer(call: string, why: string): EOfficeError {
  return new EOfficeError('E_AXIS_BAD_ANSWER', `Trả lời không hợp lệ từ trục (${call}): ${why}`, { call });
}

function unreachable(call: string, error: unknown): EOfficeError {
  if (error instanceof EOfficeError) return error;
  return new EOfficeError('E_AXIS_UNREACHABLE', `Không kết nối được trục (${call}): ${(error as Error).message} / the axis is unreachable`, { call });
}
