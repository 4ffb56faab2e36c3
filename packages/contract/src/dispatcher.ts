import type { z } from 'zod';
import { contract, type CallContext, type ServiceImplementations } from './contract.js';
import type { MethodSpec } from './define.js';
import { EOfficeError, isEOfficeError } from './errors.js';
import type { WireResult } from './wire.js';

export interface DispatcherOptions {
  /** Called with errors that are not EOfficeError (bugs): the face logs them; the caller sees E_INTERNAL only. */
  readonly onUnexpectedError?: (path: string, error: unknown) => void;
  /**
   * Reads a non-EOfficeError the face knows to be no bug as the typed error the caller sees (the store's refusal when
   * a concurrent writer won a race: E_CONFLICT); undefined leaves it a bug.
   */
  readonly knownErrorOf?: (error: unknown) => EOfficeError | undefined;
}

export type Dispatch = (path: string, rawInput: unknown, context: CallContext) => Promise<WireResult>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
}

/**
 * The one server-side entry: looks the method up in the contract, validates the input (every process boundary
 * ends here), calls the implementation and validates what it returns.
 */
export function createDispatcher(services: ServiceImplementations, options: DispatcherOptions = {}): Dispatch {
  return async (path, rawInput, context) => {
    const [serviceName, methodName, ...rest] = path.split('.');
    const service = serviceName !== undefined && Object.hasOwn(contract, serviceName)
      ? (contract as Record<string, Record<string, MethodSpec>>)[serviceName]
      : undefined;
    const spec = service && methodName !== undefined && rest.length === 0 && Object.hasOwn(service, methodName)
      ? service[methodName]
      : undefined;
    if (!spec || serviceName === undefined || methodName === undefined) {
      return fail(new EOfficeError('E_UNKNOWN_METHOD', `Không có phương thức "${path}" / unknown method`));
    }
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return fail(new EOfficeError('E_INVALID_INPUT', `Dữ liệu không hợp lệ / invalid input: ${describeIssues(parsed.error)}`));
    }
    // The implementation map is typed per method through ServiceImplementations; here we only have the path.
    const implementation = (services as unknown as Record<string, Record<string, (i: unknown, c: CallContext) => Promise<unknown>>>)[serviceName]?.[methodName];
    if (!implementation) {
      return fail(new EOfficeError('E_UNKNOWN_METHOD', `Dịch vụ chưa có "${path}" / not implemented`));
    }
    try {
      const result = await implementation(parsed.data, context);
      const checked = spec.output.safeParse(result);
      if (!checked.success) {
        options.onUnexpectedError?.(path, checked.error);
        return fail(new EOfficeError('E_INTERNAL', 'Lỗi nội bộ: kết quả sai dạng / internal error: malformed result'));
      }
      return { ok: true, result: checked.data };
    } catch (error) {
      if (isEOfficeError(error)) return fail(error);
      const known = options.knownErrorOf?.(error);
      if (known) return fail(known);
      options.onUnexpectedError?.(path, error);
      return fail(new EOfficeError('E_INTERNAL', 'Lỗi nội bộ / internal error'));
    }
  };
}

function fail(error: EOfficeError): WireResult {
  return { ok: false, error: error.toWire() };
}
