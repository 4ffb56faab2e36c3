import { contract, type ContractClient } from './contract.js';
import { EOfficeError } from './errors.js';
import { parseEventEnvelope, type EventEnvelope } from './events.js';
import { uploadMetaSchema, uploadReceiptSchema, type DownloadedFile, type DownloadRef, type UploadMeta, type UploadReceipt } from './files.js';
import type { Transport, WireResult } from './wire.js';

export interface FilesClient {
  /** Sends the bytes; pass the receipt's `uploadId` (with a name) where a method takes a file. */
  upload(data: Blob | Uint8Array, meta: UploadMeta): Promise<UploadReceipt>;
  download(ref: DownloadRef): Promise<DownloadedFile>;
}

export interface EOfficeClient {
  readonly services: ContractClient;
  readonly files: FilesClient;
  /** Validated events only; malformed ones are dropped. Returns an unsubscribe function. */
  onEvent(listener: (event: EventEnvelope) => void): () => void;
}

/** Builds the typed client from the contract: one function per method, all through the same transport. */
export function createClient(transport: Transport): EOfficeClient {
  const services: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const [serviceName, methods] of Object.entries(contract)) {
    const bound: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const methodName of Object.keys(methods)) {
      const path = `${serviceName}.${methodName}`;
      bound[methodName] = async (input) => {
        const reply = await transport.call(path, input ?? {});
        if (!reply.ok) throw EOfficeError.fromWire(reply.error);
        return reply.result;
      };
    }
    services[serviceName] = bound;
  }
  return {
    services: services as unknown as ContractClient,
    files: createFilesClient(transport),
    onEvent(listener) {
      return transport.subscribe((raw) => {
        const event = parseEventEnvelope(raw);
        if (event) listener(event);
      });
    },
  };
}

function unwrap(reply: WireResult): unknown {
  if (!reply.ok) throw EOfficeError.fromWire(reply.error);
  return reply.result;
}

function createFilesClient(transport: Transport): FilesClient {
  const missing = () => new EOfficeError('E_UNKNOWN_METHOD', 'Kênh kết nối này không truyền được tệp / this transport cannot carry files');
  return {
    async upload(data, meta) {
      if (!transport.upload) throw missing();
      const parsed = uploadReceiptSchema.safeParse(unwrap(await transport.upload(data, uploadMetaSchema.parse(meta))));
      if (!parsed.success) throw new EOfficeError('E_INTERNAL', 'Biên nhận tải lên sai dạng / malformed upload receipt');
      return parsed.data;
    },
    async download(ref) {
      if (!transport.download) throw missing();
      const result = unwrap(await transport.download(ref)) as DownloadedFile;
      if (!(result.bytes instanceof Uint8Array)) throw new EOfficeError('E_INTERNAL', 'Tệp tải về sai dạng / malformed download');
      return result;
    },
  };
}
