import { gsonQuote } from './gson-quote.js';
import { HEADER_PREFIX, headerHash, signHeaderText } from './header-signature.js';
import { javaHashMapOrder } from './java-hash-map-order.js';

/** Every call of the VDXP API the SDK makes (vdxp-capture README, table of files). */
export type AxisCall =
  | 'sendEdoc'
  | 'getReceivedEdocList'
  | 'getEdoc'
  | 'downloadEdoc'
  | 'updateStatus'
  | 'getSentEdocList'
  | 'countReceiveEdoc'
  | 'countReceiveStatus'
  | 'getAgenciesList'
  | 'getAgenciesListQD20'
  | 'registerAgency'
  | 'deleteAgency'
  | 'getSynchronizeUnit';

const EMPTY_BODY_CALLS: ReadonlySet<AxisCall> = new Set(['getReceivedEdocList', 'getSentEdocList', 'getAgenciesList', 'getAgenciesListQD20', 'getSynchronizeUnit']);

export const SDK_USER_AGENT = 'JAVASDKAgent/1.0.0 XRoad/VPCP';
export const SDK_VERSION = '3.0.201608';

/**
 * One SDK service object's header map: `timestamp` and `systemid` set when it is built, then every call adds its
 * entries and none is ever removed (so a reused object re-sends earlier calls' keys, as the `chain-*` captures show).
 * The sync engine builds one per call; a reused one exists to reproduce the SDK exactly.
 */
export class SdkHeaderMap {
  readonly #entries = new Map<string, string>();

  constructor(systemId: string, timestamp: string) {
    this.#entries.set('timestamp', timestamp);
    this.#entries.set('systemid', systemId);
  }

  set(name: string, value: string): void {
    this.#entries.set(name, value);
  }

  /** Entries in Java HashMap iteration order. */
  ordered(): Array<[string, string]> {
    return javaHashMapOrder([...this.#entries.keys()]).map((k) => [k, this.#entries.get(k) as string]);
  }
}

export interface AxisRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** In wire order, exactly as the SDK's HTTP stack writes them. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** The body bytes, or for sendEdoc the file followed by CRLF (streamed by the client). */
  readonly body: Buffer | { readonly file: string; readonly size: number };
  readonly contentLength: number | null;
}

export interface RequestOptions {
  readonly secret: string;
  /** `host[:port]` as the Host header carries it. */
  readonly host: string;
  /** sendEdoc: the edXML file, its size and its SDK-hex SHA-256. registerAgency: the data JSON text. */
  readonly file?: { readonly path: string; readonly size: number; readonly hashFile: string };
  readonly data?: string;
}

/**
 * The request the SDK sends for `call` with argument object `args` (key order as the caller wrote it), signed with
 * the header HMAC. Byte-for-byte what the capture shows (test `axis-request`), the timestamp being the map's.
 */
export function buildAxisRequest(map: SdkHeaderMap, call: AxisCall, args: Readonly<Record<string, string | readonly string[]>>, options: RequestOptions): AxisRequest {
  const send = call === 'sendEdoc';
  map.set('Content-Type', send ? 'application/octet-stream' : 'application/json');
  for (const [key, value] of Object.entries(args)) {
    // sendEdoc stores `to` as its JSON text (quotes kept, an array as [...]); everything else as the plain string.
    map.set(key, send && key === 'to' ? (typeof value === 'string' ? gsonQuote(value) : `[${value.map(gsonQuote).join(',')}]`) : String(value));
  }
  if (send) {
    if (!options.file) throw new Error('sendEdoc needs the edXML file');
    map.set('hash-file', options.file.hashFile);
  }
  const entries = map.ordered();
  const signed: Array<[string, string]> = [];
  for (const [name, value] of entries) {
    if (!send && name === 'Content-Type') signed.push(['Content-Type', value]);
    signed.push([HEADER_PREFIX + name, value]);
  }
  const signText = signHeaderText(entries);
  signed.push([`${HEADER_PREFIX}sign-header-key`, entries.map(([n]) => n).join(';')]);
  signed.push([`${HEADER_PREFIX}sign-header`, signText]);
  signed.push([`${HEADER_PREFIX}hash-header`, headerHash(options.secret, signText)]);
  signed.push(['User-Agent', SDK_USER_AGENT]);
  signed.push([`${HEADER_PREFIX}version`, SDK_VERSION]);
  if (send) {
    const file = options.file as NonNullable<RequestOptions['file']>;
    // java.net.HttpURLConnection: the plain Content-Type first, then its own headers after the SDK's.
    return {
      method: 'POST',
      path: '/sendEdoc',
      headers: [
        ['Content-Type', 'application/octet-stream'],
        ...signed,
        ['Cache-Control', 'no-cache'],
        ['Pragma', 'no-cache'],
        ['Host', options.host],
        ['Accept', 'text/html, image/gif, image/jpeg, */*; q=0.2'],
        ['Connection', 'keep-alive'],
        ['Content-Length', String(file.size + 2)],
      ],
      body: { file: file.path, size: file.size },
      contentLength: file.size + 2,
    };
  }
  const method = call === 'downloadEdoc' ? 'GET' : 'POST';
  const body = method === 'GET' || EMPTY_BODY_CALLS.has(call) ? Buffer.alloc(0) : Buffer.from(call === 'registerAgency' ? (options.data ?? '{}') : '{}', 'utf8');
  // Apache HttpClient 4.5.6: its own headers after the SDK's.
  const tail: Array<[string, string]> = [];
  if (method === 'POST') tail.push(['Content-Length', String(body.length)]);
  tail.push(['Host', options.host], ['Connection', 'Keep-Alive']);
  if (body.length > 0) tail.push(['Expect', '100-continue']);
  tail.push(['Accept-Encoding', 'gzip,deflate']);
  return { method, path: `/${call}`, headers: [...signed, ...tail], body, contentLength: method === 'POST' ? body.length : null };
}

/** The request as the wire carries it (CRLF line ends); a file body is shown by its first `bodyPrefix` bytes. */
export function serialiseHead(request: AxisRequest): string {
  return `${request.method} ${request.path} HTTP/1.1\r\n${request.headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
}
