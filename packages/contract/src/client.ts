import { contract, type ContractClient } from './contract.js';
import { EOfficeError } from './errors.js';
import { parseEventEnvelope, type EventEnvelope } from './events.js';
import type { Transport } from './wire.js';

export interface EOfficeClient {
  readonly services: ContractClient;
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
    onEvent(listener) {
      return transport.subscribe((raw) => {
        const event = parseEventEnvelope(raw);
        if (event) listener(event);
      });
    },
  };
}
