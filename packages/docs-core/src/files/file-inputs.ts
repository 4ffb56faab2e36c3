import { EOfficeError, type CallContext, type ServiceImplementations } from '@eoffice/contract';
import type { UploadStore } from './upload-store.js';

/** Faces on the services' own machine and process: only they may name a local file. */
const LOCAL_FACES: ReadonlySet<CallContext['face']> = new Set(['cli', 'test']);

export interface FileInputGate {
  readonly uploads: UploadStore;
  /** Who is calling (the session's user); refuses a call without one. */
  readonly usernameOf: (context: CallContext) => Promise<string>;
}

type Implementation = (input: unknown, context: CallContext) => Promise<unknown>;

/**
 * Every service method, whatever it is, sees a file input as a local path: this gate turns an uploaded file
 * (`{ uploadId, name }`) into the staged file's path, and refuses a path from any face but the command line before
 * anything looks at it. Built once here, so a method added later cannot forget it (ARCHITECTURE.md, invariant 1).
 * An upload is used up when the call succeeds; after a failure the caller may try again with it.
 */
export function gateFileInputs(services: ServiceImplementations, gate: FileInputGate): ServiceImplementations {
  const gated: Record<string, Record<string, Implementation>> = {};
  for (const [serviceName, methods] of Object.entries(services as unknown as Record<string, Record<string, Implementation>>)) {
    gated[serviceName] = {};
    for (const [methodName, implementation] of Object.entries(methods)) {
      gated[serviceName][methodName] = async (input, context) => {
        const used: string[] = [];
        const resolved = await resolveFiles(input, context, gate, used);
        const result = await implementation(resolved, context);
        await Promise.all(used.map((uploadId) => gate.uploads.discard(uploadId)));
        return result;
      };
    }
  }
  return gated as unknown as ServiceImplementations;
}

async function resolveFiles(value: unknown, context: CallContext, gate: FileInputGate, used: string[]): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map((item) => resolveFiles(item, context, gate, used)));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.uploadId === 'string') {
    const staged = await gate.uploads.take(record.uploadId, await gate.usernameOf(context));
    used.push(record.uploadId);
    return { path: staged.path, name: typeof record.name === 'string' ? record.name : staged.name };
  }
  if (typeof record.path === 'string' && !LOCAL_FACES.has(context.face)) {
    throw new EOfficeError(
      'E_PATH_NOT_ALLOWED',
      'Chỉ dòng lệnh mới được chỉ đường dẫn tệp; hãy tải tệp lên / only the command line may name a file path: upload the file',
    );
  }
  const entries = await Promise.all(Object.entries(record).map(async ([key, item]) => [key, await resolveFiles(item, context, gate, used)] as const));
  return Object.fromEntries(entries);
}
